using FlowCover.Data;
using FlowCover.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// The outcomes the model gives a line, exactly, where the IL alone would name them by where they
/// jump (docs/annotations.md, "How reports name an outcome"): a <c>not</c> over a pattern of
/// several tests, stacked case labels (each by the value the IL matched), a kept <c>is</c> beside
/// another decision. One snippet, compiled and instrumented once per build; the runs' hits are
/// Targets/SourceLabels.cs's.
/// </summary>
public sealed class SourceLabelModelTests
{
    private const string Source = """
        public static class C
        {
            private static int Last;
            private static void Use(int a, bool b) => Last = a;
            public static bool NotNumber(object o) => o is not (int or long);
            public static string Kind(object v)
            {
                switch (v)
                {
                    case int:
                    case long:
                        return "number";
                    default:
                        return "other";
                }
            }
            public static int Pick(int n)
            {
                switch (n)
                {
                    case 1:
                    case 5:
                        return 1;
                    case 9:
                        return 9;
                }
                return 0;
            }
            public static int Word(string s)
            {
                switch (s)
                {
                    case "a":
                    case "b":
                        return 1;
                }
                return 0;
            }
            public static void Beside(bool f, object? x)
            {
                Use(f ? 1 : 2, x is null);
            }
        }
        """;

    private static readonly Dictionary<OptimizationLevel, Lazy<ModuleModel>> Models = new()
    {
        [OptimizationLevel.Debug] = new(() => Instrumented(OptimizationLevel.Debug)),
        [OptimizationLevel.Release] = new(() => Instrumented(OptimizationLevel.Release)),
    };

    private static ModuleModel Instrumented(OptimizationLevel optimization)
    {
        var (work, dll) = TargetCompiler.CompileSnippet("source-labels-" + optimization, "Labels", Source, optimization);
        return InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), SourceRoot = work });
    }

    private static List<string> LabelsOn(OptimizationLevel optimization, int line) =>
        Models[optimization].Value.Methods.SelectMany(m => m.Branches).Where(b => b.Line == line)
            .SelectMany(b => b.Outcomes).Select(o => o.Label).Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_not_over_several_tests_is_its_operands_conditions(OptimizationLevel optimization) =>
        Assert.Equal(["is int false", "is int true", "is long false", "is long true"], LabelsOn(optimization, 5));

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Stacked_type_labels_are_each_their_case(OptimizationLevel optimization) =>
        Assert.Equal(["case int", "case long", "default"], LabelsOn(optimization, 8));

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Stacked_constant_labels_are_each_their_case(OptimizationLevel optimization) =>
        Assert.Equal(["case 1", "case 5", "case 9", "no case matched"], LabelsOn(optimization, 19));

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Stacked_string_labels_are_each_their_case(OptimizationLevel optimization) =>
        Assert.Equal(["case \"a\"", "case \"b\"", "no case matched"], LabelsOn(optimization, 31));

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_kept_is_beside_a_conditional_is_a_decision_of_its_own(OptimizationLevel optimization) =>
        Assert.Equal(["f false", "f true", "x is null false", "x is null true"], LabelsOn(optimization, 41));
}
