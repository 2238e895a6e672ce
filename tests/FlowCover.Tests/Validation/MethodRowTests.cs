using FlowCover.Reporting;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// The table's method rows (<c>--methods</c>) on every validation target, in Debug and Release:
/// each file's rows add up to its row (statements, misses, branches, partial branches), and
/// every lambda of Targets/LambdaRows.cs (several in one statement, two on one line, one inside
/// another, one in a local function) has a row of its own, named by where it is written.
/// </summary>
public sealed class MethodRowTests
{
    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void Method_rows_add_up_to_their_file_on_every_target(string configuration)
    {
        AssertRowsAddUp(TargetRun.For(configuration).Result);
    }

    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void Each_lambda_has_a_row_named_by_where_it_is_written(string configuration)
    {
        var result = TargetRun.For(configuration).Result;
        var file = result.Files.Single(f => f.Name == "LambdaRows.cs");
        var table = Render(new CoverageResult(result.Mode, [file]));
        Assert.Equal(
            """
            Name                                     Stmts   Miss  Cover   Missing
            ----------------------------------------------------------------------
            LambdaRows.cs                               13      0   100%
              Target.Run                                 4      0   100%
              Target.Chain                               1      0   100%
              Target.Chain (lambda #1 at line 22)        1      0   100%
              Target.Chain (lambda #2 at line 22)        1      0   100%
              Target.Chain (lambda #3 at line 22)        1      0   100%
              Target.Pair                                2      0   100%
              Target.Pair (lambda #1 at line 31)         0      0      -
              Target.Pair (lambda #2 at line 31)         0      0      -
              Target.Nested                              1      0   100%
              Target.Nested (lambda #1 at line 37)       0      0      -
              Target.Nested (lambda #2 at line 37)       0      0      -
              Target.Local                               1      0   100%
              Target.Local (lambda at line 44)           0      0      -
              Target.Local (local function Twice)        1      0   100%
            ----------------------------------------------------------------------
            TOTAL                                       13      0   100%

            """, table);
    }

    /// <summary>
    /// The lines of Pair, Nested and Local that a lambda shares with its caller count in the
    /// caller's row (the file counts each line once); the lambdas there have no statement of
    /// their own in the table. Each lambda's own figures, the one Pair never calls included, are
    /// in <see cref="MethodResult"/> (the HTML, JSON, Cobertura and LCOV reports).
    /// </summary>
    [Theory]
    [InlineData("Debug")]
    [InlineData("Release")]
    public void A_lambda_never_called_is_missed_in_its_own_figures(string configuration)
    {
        var file = TargetRun.For(configuration).Result.Files.Single(f => f.Name == "LambdaRows.cs");
        var never = file.Methods.Single(m => m.Name == "Target.Pair (lambda #2 at line 31)");
        Assert.Equal((1, 1), (never.Counts.Statements, never.Counts.Missed));
        Assert.All(file.Methods.Where(m => m != never), m => Assert.Equal(0, m.Counts.Missed));
    }

    /// <summary>Each file row's figures against the sum of the method rows under it.</summary>
    internal static void AssertRowsAddUp(CoverageResult result)
    {
        var table = ReportTable.Build(result, new TextReportOptions { Methods = true });
        var files = new List<(ReportRow File, List<Counts> Methods)>();
        foreach (var row in table.Rows)
        {
            if (row.IsMethod)
                files[^1].Methods.Add(row.Counts);
            else
                files.Add((row, []));
        }
        Assert.NotEmpty(files);
        foreach (var (file, methods) in files)
        {
            var sum = Counts.Sum(methods);
            Assert.Equal((file.Name, file.Counts.Statements, file.Counts.Missed, file.Counts.Branches, file.Counts.PartialBranches, file.Counts.MissedBranches),
                (file.Name, sum.Statements, sum.Missed, sum.Branches, sum.PartialBranches, sum.MissedBranches));
        }
    }

    private static string Render(CoverageResult result)
    {
        var writer = new StringWriter { NewLine = "\n" };
        TextReport.Write(result, writer, new TextReportOptions { Methods = true, ShowMissing = true });
        return writer.ToString();
    }
}
