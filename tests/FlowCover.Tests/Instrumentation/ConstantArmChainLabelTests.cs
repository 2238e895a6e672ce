using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A chain of <c>?:</c> whose true arms are numbers (<c>(input &lt; 10) ? 0 : (input &lt; 100) ?
/// 1 : ...</c>): each condition's true edge pushes its own arm's number, whatever it is, and its
/// false edge goes on to the next condition, so every condition is named by its text and value
/// (docs/annotations.md). Until 2026-12-07 only an edge pushing 0 or 1 was read as an arm, and the
/// chain's middle conditions kept the jump form.
/// </summary>
public sealed class ConstantArmChainLabelTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Log(5); Log(50); Log(500); Log(5000); Log(50000);
                Width(0x41); Width(0xC3); Width(0xE2); Width(0xFF);
                Quoted(true, '\''); Quoted(false, 'x'); Quoted(false, '"');
            }
            public static bool Quoted(bool single, char c)
            {
                if (Check(single ? '\'' : '"', c))
                    return true;
                return false;
            }
            private static bool Check(char quote, char c) => quote == c;
            public static int Log(int input) =>
                (input < 10) ? 0 :
                (input < 100) ? 1 :
                (input < 1000) ? 2 : 3;
            public static int Width(int octet)
            {
                int width = (octet & 0x80) == 0x00 ? 1 :
                        (octet & 0xE0) == 0xC0 ? 2 :
                        (octet & 0xF0) == 0xE0 ? 3 : 0;
                return width;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Each_condition_of_a_chain_of_numbered_arms_is_named(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("arm-chain", "Labelled", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["input < 10 false=4", "input < 10 true=1", "input < 100 false=3", "input < 100 true=1", "input < 1000 false=2", "input < 1000 true=1"],
            run.Outcomes("(input < 10) ? 0 :"));
        Assert.Equal(["(octet & 0x80) == 0x00 false=3", "(octet & 0x80) == 0x00 true=1", "(octet & 0xE0) == 0xC0 false=2", "(octet & 0xE0) == 0xC0 true=1",
                "(octet & 0xF0) == 0xE0 false=1", "(octet & 0xF0) == 0xE0 true=1"],
            run.Outcomes("int width = (octet & 0x80) == 0x00 ? 1 :"));
        // Numbers that name no arm of the condition are values passed on: the walk goes past them
        // to the test they feed, as before (each arm leads there; the true arm is placed last).
        Assert.Equal(["operand 2 false=1", "operand 2 true=2", "single false=2", "single true=1"],
            run.Outcomes("if (Check(single ? '\\'' : '\"', c))"));
    }
}
