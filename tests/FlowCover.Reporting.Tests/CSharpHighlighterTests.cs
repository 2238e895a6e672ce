using FlowCover.Reporting.Html;
using Xunit;

namespace FlowCover.Reporting.Tests;

public sealed class CSharpHighlighterTests
{
    private static IReadOnlyList<string> Html(params string[] lines) => CSharpHighlighter.Highlight(lines);

    [Fact]
    public void Keywords_numbers_strings_and_comments()
    {
        Assert.Equal(
            ["<span class=\"k\">var</span> x = <span class=\"n\">0x1F</span> + <span class=\"n\">2.5e3</span>; <span class=\"c\">// done &lt;ok&gt;</span>"],
            Html("var x = 0x1F + 2.5e3; // done <ok>"));
        Assert.Equal(
            ["<span class=\"k\">if</span> (c == <span class=\"s\">&#39;\\&#39;&#39;</span>) s = <span class=\"s\">&quot;a\\&quot;b&quot;</span>;"],
            Html("if (c == '\\'') s = \"a\\\"b\";"));
    }

    [Fact]
    public void Interpolation_holes_may_hold_strings_and_braces_in_plain_strings_do_not_count()
    {
        Assert.Equal(["<span class=\"s\">$&quot;{(ok ? &quot;yes&quot; : &quot;no&quot;)} {{x}}&quot;</span>;"], Html("$\"{(ok ? \"yes\" : \"no\")} {{x}}\";"));
        Assert.Equal(["<span class=\"s\">&quot;{&quot;</span> + y"], Html("\"{\" + y"));
    }

    [Fact]
    public void Block_comments_verbatim_and_raw_strings_span_lines()
    {
        Assert.Equal(
            [
                "a <span class=\"c\">/* one</span>",
                "<span class=\"c\">two */</span> b",
                "s = <span class=\"s\">@&quot;x</span>",
                "<span class=\"s\">&quot;&quot;y&quot;</span>;",
                "r = <span class=\"s\">&quot;&quot;&quot;</span>",
                "<span class=\"s\">  &quot;quoted&quot; &lt;tag&gt;</span>",
                "<span class=\"s\">  &quot;&quot;&quot;</span>;",
                "<span class=\"p\">#if DEBUG</span>",
            ],
            Html("a /* one", "two */ b", "s = @\"x", "\"\"y\";", "r = \"\"\"", "  \"quoted\" <tag>", "  \"\"\";", "#if DEBUG"));
    }

    [Fact]
    public void Verbatim_identifiers_and_unknown_characters_stay_plain_and_escaped()
    {
        Assert.Equal(["@class &amp;&amp; x =&gt; y"], Html("@class && x => y"));
    }
}
