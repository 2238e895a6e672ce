using System.Text.RegularExpressions;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The validation targets are small and written for the purpose; this is a large library
/// written by others: Roslyn (Microsoft.CodeAnalysis and Microsoft.CodeAnalysis.CSharp, about
/// 10 MB of Release IL with portable PDBs, the copies the tests themselves compile with).
/// Instrumented, it must still compile a program that uses records, LINQ, async and switch
/// expressions, leave its folder byte-identical afterwards, and report the parser's lines run.
/// </summary>
public sealed class RealLibraryTests
{
    private const string CompilerSource = """
        using System.Linq;
        using Microsoft.CodeAnalysis;
        using Microsoft.CodeAnalysis.CSharp;

        static class Program
        {
            const string Source = @"
        using System; using System.Linq; using System.Threading.Tasks;
        record Point(int X, int Y);
        static class P
        {
            static async Task<int> F(int n) { await Task.Yield(); return n switch { 0 => 1, _ => n * await F(n - 1) }; }
            static void Main() => Console.WriteLine(Enumerable.Range(0, 10).Where(i => i % 2 == 0).Select(i => new Point(i, i * i)).Sum(p => p.Y) + F(5).Result);
        }";

            static int Main()
            {
                var references = ((string)System.AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
                    .Select(p => MetadataReference.CreateFromFile(p));
                var compilation = CSharpCompilation.Create("x", [CSharpSyntaxTree.ParseText(Source)], references,
                    new CSharpCompilationOptions(OutputKind.ConsoleApplication));
                using var image = new System.IO.MemoryStream();
                var result = compilation.Emit(image);
                foreach (var error in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                    System.Console.WriteLine(error);
                System.Console.WriteLine(result.Success ? "compiled" : "failed");
                return result.Success ? 0 : 1;
            }
        }
        """;

    private static readonly string[] Roslyn = ["Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp"];

    [Fact]
    public void Roslyn_instrumented_still_compiles_a_program()
    {
        var libraries = Roslyn.Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll")).ToList();
        var app = TestApp.Create("Compiler", CompilerSource, references: libraries);
        foreach (var name in Roslyn)
            PackageLibraries.CopyTo(name, app.BinDirectory);
        var before = app.Snapshot();
        var flowcover = new FlowCoverProcess();

        var run = flowcover.Run(app.Directory, "run", "--target", app.BinDirectory, "--include", "Microsoft.CodeAnalysis*.dll", "--source", "**",
            "--", "dotnet", app.Dll);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Equal("compiled", run.Output.Trim());
        Assert.DoesNotContain("warning", run.Error);
        Assert.Equal(before, app.Snapshot());
        var report = flowcover.Run(app.Directory, "report");
        var parser = Regex.Match(report.Output, @"Parser/LanguageParser\.cs +(\d+) +(\d+) ");
        Assert.True(parser.Success, report.Output + report.Error);
        Assert.InRange(int.Parse(parser.Groups[2].Value), 1, int.Parse(parser.Groups[1].Value) - 500);
    }
}
