using FlowCover.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// The source model speaks only for the file that was compiled: a source edited after the build
/// (its checksum is not the PDB's) or gone is not parsed, and the lines are the sequence points'
/// alone, as before the model. Release's <c>catch (X e)</c> line is the witness: only the source
/// can add it.
/// </summary>
public sealed class SourceModelFallbackTests
{
    private const string Source = """
        public static class Catcher
        {
            public static string Run(int n)
            {
                try
                {
                    return (10 / n).ToString();
                }
                catch (System.DivideByZeroException e)
                {
                    return e.Message;
                }
            }
        }
        """;

    private const int CatchLine = 9;

    [Fact]
    public void The_file_compiled_adds_the_catch_line_an_edited_or_missing_one_does_not()
    {
        Assert.Contains(CatchLine, LinesMeasured(work => { }));
        Assert.DoesNotContain(CatchLine, LinesMeasured(work => File.AppendAllText(Path.Combine(work, "Catcher.cs"), "// edited\n")));
        Assert.DoesNotContain(CatchLine, LinesMeasured(work => File.Delete(Path.Combine(work, "Catcher.cs"))));
    }

    private static List<int> LinesMeasured(Action<string> afterBuild)
    {
        var (work, dll) = TargetCompiler.CompileSnippet("source-model", "Catcher", Source, OptimizationLevel.Release);
        afterBuild(work);
        var model = InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), SourceRoot = work });
        var lines = model.Methods.Single(m => m.Name == "Catcher.Run").Lines.Select(l => l.Line).ToList();
        Assert.Contains(CatchLine + 2, lines); // The catch's body is measured either way.
        return lines;
    }
}
