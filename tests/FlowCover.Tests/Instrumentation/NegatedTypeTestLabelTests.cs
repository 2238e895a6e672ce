using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Two shapes that kept the jump form on Markdig: <c>if (!(x is T t))</c>, a condition of one
/// test, as written, <c>!</c> and all (the walk took the pattern inside for a value of its own: two
/// conditions for one test); and a section that only leaves the switch (<c>case "common":
/// break;</c>), whose match Release sends straight past the switch, named by the label of the
/// value matched (docs/annotations.md).
/// </summary>
public sealed class NegatedTypeTestLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Length(1); Length("ab"); Length(2);
                Either(1, false); Either("s", false); Either(2, true);
                Configure("common+alerts+emojis+common");
            }
            public static int Length(object o)
            {
                if (!(o is string s))
                    return -1;
                return s.Length;
            }
            public static int Either(object o, bool f)
            {
                if (f || !(o is string))
                    return 1;
                return 0;
            }
            public static int Configure(string extensions)
            {
                var n = 0;
                foreach (var extension in extensions.Split('+'))
                {
                    switch (extension.ToLowerInvariant())
                    {
                        case "common":
                            break;
                        case "advanced":
                            n += 1;
                            break;
                        case "alerts":
                            n += 2;
                            break;
                        case "pipetables":
                            n += 3;
                            break;
                        case "footnotes":
                            n += 4;
                            break;
                        case "footers":
                            n += 5;
                            break;
                        case "citations":
                            n += 6;
                            break;
                        case "emojis":
                            n += 7;
                            break;
                        default:
                            throw new System.ArgumentException(extension);
                    }
                }
                return n;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_negated_type_test_and_a_break_only_section_are_named_by_the_source(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("negated-type-test", "NegatedTypeTest", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["false=1", "true=2"], run.Outcomes("if (!(o is string s))"));
        Assert.Equal(["!(o is string) false=1", "!(o is string) true=1", "f false=2", "f true=1"], run.Outcomes("if (f || !(o is string))"));
        Assert.Equal(["case \"advanced\"=0", "case \"alerts\"=1", "case \"citations\"=0", "case \"common\"=2", "case \"emojis\"=1", "case \"footers\"=0",
            "case \"footnotes\"=0", "case \"pipetables\"=0", "default=0"], run.Outcomes("switch (extension.ToLowerInvariant())"));
    }
}
