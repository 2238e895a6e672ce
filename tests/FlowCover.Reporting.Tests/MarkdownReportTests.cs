using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests;

/// <summary>The Markdown table; expected outputs printed by coverage.py's own <c>report_markdown</c>.</summary>
public sealed class MarkdownReportTests
{
    private static string Table(TextReportOptions options) => Render.With(w => MarkdownReport.Write(Shop.Result(), w, options));

    [Fact]
    public void Table_is_coverage_py_markdown()
    {
        Assert.Equal(
            """
            | Name                     |    Stmts |     Miss |   Branch |   BrPart |   Cover |
            |------------------------- | -------: | -------: | -------: | -------: | ------: |
            | Contracts/IClock.cs      |        0 |        0 |        0 |        0 |    100% |
            | Data/Repo.cs             |        5 |        1 |        4 |        1 |     78% |
            | Services/OrderService.cs |       15 |        5 |        9 |        4 |     62% |
            | Util.cs                  |        1 |        0 |        0 |        0 |    100% |
            |                **TOTAL** |   **21** |    **6** |   **13** |    **5** | **68%** |

            """, Table(new TextReportOptions()));
    }

    [Fact]
    public void Columns_add_line_and_branch_percentages()
    {
        Assert.Equal(
            """
            | Name                     |    Stmts |     Miss |   Line% |   Branch |   BrPart |  Branch% |   Cover |
            |------------------------- | -------: | -------: | ------: | -------: | -------: | -------: | ------: |
            | Contracts/IClock.cs      |        0 |        0 |    100% |        0 |        0 |     100% |    100% |
            | Data/Repo.cs             |        5 |        1 |     80% |        4 |        1 |      75% |     78% |
            | Services/OrderService.cs |       15 |        5 |     67% |        9 |        4 |      56% |     62% |
            | Util.cs                  |        1 |        0 |    100% |        0 |        0 |     100% |    100% |
            |                **TOTAL** |   **21** |    **6** | **71%** |   **13** |    **5** |  **62%** | **68%** |

            """, Table(new TextReportOptions { Columns = TableColumns.Parse(["Stmts,Miss,Line%,Branch,BrPart,Branch%,Cover"]) }));
    }

    [Fact]
    public void Missing_and_skip_notes_as_coverage_py_writes_them()
    {
        Assert.Equal(
            """
            | Name                     |    Stmts |     Miss |   Branch |   BrPart |   Cover |   Missing |
            |------------------------- | -------: | -------: | -------: | -------: | ------: | --------: |
            | Data/Repo.cs             |        5 |        1 |        4 |        1 |     78% |        10 |
            | Services/OrderService.cs |       15 |        5 |        9 |        4 |     62% |13:false, 16, 27, 37:false, 43-46 |
            |                **TOTAL** |   **21** |    **6** |   **13** |    **5** | **68%** |           |

            2 files skipped due to complete coverage.

            """, Table(new TextReportOptions { ShowMissing = true, SkipCovered = true }));
    }

    [Fact]
    public void Method_rows_are_indented_and_generics_survive_the_markdown()
    {
        Assert.Equal(
            """
            | Name                              |    Stmts |     Miss |   Branch |   BrPart |   Cover |
            |---------------------------------- | -------: | -------: | -------: | -------: | ------: |
            | Contracts/IClock.cs               |        0 |        0 |        0 |        0 |    100% |
            | &nbsp;&nbsp;IClock.Now            |        0 |        0 |        0 |        0 |       - |
            | Data/Repo.cs                      |        5 |        1 |        4 |        1 |     78% |
            | &nbsp;&nbsp;Repo&lt;T&gt;.Repo    |        1 |        0 |        0 |        0 |    100% |
            | &nbsp;&nbsp;Repo&lt;T&gt;.Find    |        4 |        1 |        4 |        1 |     75% |
            | Services/OrderService.cs          |       15 |        5 |        9 |        4 |     62% |
            | &nbsp;&nbsp;OrderService.Price    |        6 |        1 |        4 |        2 |     70% |
            | &nbsp;&nbsp;OrderService.Describe |        4 |        1 |        3 |        1 |     71% |
            | &nbsp;&nbsp;OrderService.Notify   |        2 |        0 |        2 |        1 |     75% |
            | &nbsp;&nbsp;OrderService.Unused   |        3 |        3 |        0 |        0 |      0% |
            | Util.cs                           |        1 |        0 |        0 |        0 |    100% |
            | &nbsp;&nbsp;Util.Twice            |        1 |        0 |        0 |        0 |    100% |
            |                         **TOTAL** |   **21** |    **6** |   **13** |    **5** | **68%** |

            """, Table(new TextReportOptions { Methods = true }));
    }

    [Theory]
    [InlineData("My_File.cs", @"My\_File.cs")]
    [InlineData("Repo<T>.Get", "Repo&lt;T&gt;.Get")]
    [InlineData("a|b*c", @"a\|b\*c")]
    public void Cells_escape_what_markdown_would_interpret(string text, string expected)
    {
        Assert.Equal(expected, MarkdownText.Escape(text));
    }
}
