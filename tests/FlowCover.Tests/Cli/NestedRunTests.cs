using System.Text.RegularExpressions;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// A run whose command is itself a run, as when FlowCover's own suite is measured by FlowCover:
/// one process then holds modules of both sessions. Each session's modules write their hits to
/// that session's folder, so both reports see what ran. Before, the inner run's
/// FLOWCOVER_DATA_DIR drew the outer module's hits into the inner folder, and the outer report
/// showed the library as never run.
/// </summary>
public sealed class NestedRunTests
{
    private const string LibrarySource = """
        namespace Rates;

        public static class Converter
        {
            public static decimal Convert(decimal amount, decimal rate)
            {
                if (rate <= 0)
                    return 0;
                return amount * rate;
            }
        }
        """;

    private const string AppSource = """
        static class Program
        {
            static int Main()
            {
                var converted = Rates.Converter.Convert(10m, 2m);
                return converted == 20m ? 0 : 1;
            }
        }
        """;

    private readonly FlowCoverProcess _flowcover = new();

    [Fact]
    public void Each_session_reports_the_hits_of_its_own_modules()
    {
        var (libraryWork, library) = TargetCompiler.CompileSnippet("nested-lib", "Rates", LibrarySource, OptimizationLevel.Debug);
        var app = TestApp.Create("Quotes", AppSource, references: [library]);
        File.Copy(library, Path.Combine(app.BinDirectory, "Rates.dll"));
        File.Copy(Path.ChangeExtension(library, ".pdb"), Path.Combine(app.BinDirectory, "Rates.pdb"));
        var before = app.Snapshot();

        // The outer run measures the library from its sources' folder; the inner one, started
        // as the outer run's command, measures the app from the app's folder.
        var result = _flowcover.Run(libraryWork,
            "run", "--target", app.BinDirectory, "--include", "Rates.dll", "--",
            "env", "-C", app.Directory, "dotnet", FlowCoverProcess.CliDll,
            "run", "--target", app.BinDirectory, "--include", "Quotes.dll", "--", "dotnet", app.Dll);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(before, app.Snapshot());
        var outer = _flowcover.Run(libraryWork, "report", "--show-missing");
        Assert.True(Regex.IsMatch(outer.Output, @"Rates\.cs +3 +1 +2 +1 +60% +8\n"), outer.Output);
        var inner = _flowcover.Run(app.Directory, "report");
        Assert.True(Regex.IsMatch(inner.Output, @"Quotes\.cs +2 +0 +2 +1 +75%"), inner.Output);
    }
}
