using Xunit;

namespace FlowCover.Tests.Guide;

/// <summary>The reading of the guide's convention itself, so a page that says something its
/// commands do not print fails the guide's tests.</summary>
public sealed class GuidePageTests
{
    private static readonly string[] Page =
    [
        "# A page",
        "```sh",
        "dotnet flowcover report",
        "```",
        "",
        "```text",
        "...",
        "TOTAL 6 1 4 2 70%",
        "```",
        "<!-- file: tests/A.cs -->",
        "```csharp",
        "class A { }",
        "```",
        "```yaml",
        "      - run: dotnet flowcover xml -o coverage.cobertura.xml",
        "```",
    ];

    [Fact]
    public void A_sh_block_takes_the_text_block_after_it_as_its_output_and_a_marked_block_is_a_file()
    {
        var page = GuidePage.Parse("page.md", Page);

        var steps = page.Steps().ToList();
        Assert.Equal(2, steps.Count);
        Assert.Equal(("sh", 2, "dotnet flowcover report"), (steps[0].Block.Language, steps[0].Block.Line, steps[0].Block.Text));
        Assert.Equal("...\nTOTAL 6 1 4 2 70%", steps[0].Output?.Text);
        Assert.Equal(("tests/A.cs", "class A { }"), (steps[1].Block.FilePath, steps[1].Block.Text));
        Assert.Null(steps[1].Output);
        Assert.Equal("dotnet flowcover xml -o coverage.cobertura.xml", Assert.Single(page.RecipeCommands()).Command);
    }

    [Fact]
    public void Expected_lines_match_within_one_output_line_spaces_collapsed_with_ellipses_for_what_is_left_out()
    {
        const string output = "Name   Stmts\nsrc/Cart.cs     3   0   80%   13->exit\nTOTAL      6      1      4      2    70%\n";

        Assert.Empty(GuidePage.Missing("...\nTOTAL 6 1 4 2 70%\nsrc/Cart.cs ... 13->exit", output));
        Assert.Equal(["TOTAL 6 1 4 2 71%", "13->exit ... src/Cart.cs"], GuidePage.Missing("TOTAL 6 1 4 2 71%\n13->exit ... src/Cart.cs", output));
    }

    [Fact]
    public void An_unclosed_block_is_an_error_naming_the_page_and_line()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GuidePage.Parse("page.md", ["text", "```sh", "dotnet flowcover test"]));

        Assert.Equal("page.md:2: a fenced block that is never closed", error.Message);
    }
}
