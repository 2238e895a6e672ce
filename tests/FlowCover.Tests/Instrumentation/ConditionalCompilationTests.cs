using FlowCover.Data;
using FlowCover.Instrumentation.Analysis;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Code under <c>#if SYMBOL</c>, compiled with the symbol defined, is read by the source model as
/// the compiler read it: its conditions are named by the source (<c>a true</c>), not left in the
/// jump form as code the parse took for disabled text. The symbols come from the PDB's
/// compilation options (<see cref="PdbFirstLook"/>).
/// </summary>
public sealed class ConditionalCompilationTests
{
    private const string Source = """
        public static class Target
        {
        #if FEATURE
            public static int Both(bool a, bool b)
            {
                if (a && b)
                    return 1;
                return 0;
            }
        #endif

            public static void Run()
            {
        #if FEATURE
                Both(true, true);
                Both(false, true);
        #endif
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Code_under_a_defined_symbol_has_its_conditions_named_by_the_source(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("ifdef", "IfDef", Source, CoverageMode.Count, optimization: optimization, defines: ["FEATURE"]);
        Assert.Equal(["a false=1", "a true=1", "b false=0", "b true=1"], run.Outcomes("if (a && b)"));
    }

    [Fact]
    public void The_symbols_are_read_from_the_compilation_options_the_PDB_records()
    {
        var (_, dll) = Validation.TargetCompiler.CompileSnippet("ifdef-symbols", "IfDefSymbols", Source, OptimizationLevel.Debug, defines: ["FEATURE", "TRACE"]);
        Assert.Equal(["FEATURE", "TRACE"], PdbFirstLook.Of(dll, []).Defines.Order(StringComparer.Ordinal));
    }
}
