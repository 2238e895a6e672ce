using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Debug's <c>var b = arr is [_, ..] &amp;&amp; f;</c> (random seed 70, line 3766): the list pattern's
/// value joins at <c>ldarg f</c>, where a value probe records it, and the eager <c>and</c> after is
/// replayed by a chain probe that copies <c>f</c> right after that same instruction. The value
/// probe's code took over the instruction's object first (BodyEdits.InsertBefore), and the copy
/// went after the first instruction of that code, so the chain counted the pattern's value as
/// <c>f</c> (<c>f true 4, false 0</c> where <c>f</c> was true twice and false twice; found by
/// BuildsAgreeTests' OutcomeTruth). Code put after an instruction whose object was taken over now
/// goes after the instruction where it moved. Runs: arr of one item with f, twice without;
/// arr empty; arr null.
/// </summary>
public sealed class TwoProbesAtOneInstructionTests(TwoProbesAtOneInstructionTests.Runs runs) : IClassFixture<TwoProbesAtOneInstructionTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                A(true, new[] { 1 }, 0);
                A(false, new[] { 1 }, 0);
                A(false, new[] { 1 }, 0);
                A(true, new int[0], 0);
                A(true, null, 0);
            }

            public static int A(bool f, int[]? arr, int t)
            {
                var b = arr is [_, ..] && f;
                if (b)
                    t += 5;
                return t;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("two-probes-at-one-instruction", "TwoProbesAtOneInstruction", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void The_chain_counts_its_own_operand(OptimizationLevel build, CoverageMode mode)
    {
        // Debug: the pattern (`operand 1`, true 3 times) and `f` where the pattern was true (true
        // once, false twice). Release probes the pattern's value alone, in the bare words.
        List<(string Label, long Count)> expected = build == OptimizationLevel.Debug
            ? [("f false", 2), ("f true", 1), ("operand 1 false", 2), ("operand 1 true", 3)]
            : [("false", 2), ("true", 3)];
        runs.AssertNamed(build, mode, "var b = arr is", expected);
    }
}
