using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Markdig CharHelper.cs:201-203, kept as values. <c>a || (f ? b : c)</c>: the <c>||</c>'s operands
/// are conditions, and its right operand, a <c>?:</c>, is its condition as an operand plus the
/// value it chose as a condition by its text (docs/annotations.md): 6 outcomes. Both builds join
/// the two arms' values before they are stored (or, in Release, left on the stack for the next
/// statement), with no branch on the joined value. <c>either = prev || next</c> right after: an
/// eager <c>or</c> whose left operand Release leaves on the stack from the first statement,
/// across the one in between: 4 outcomes.
/// </summary>
public sealed class ConditionalOperandChainTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Emph(200, 0, 0, true, out _, out _);
                Emph(7, 7, 0, true, out _, out _);
                Emph(7, 3, 200, true, out _, out _);
                Emph(-5, 0, 0, true, out _, out _);
                Emph(5, 0, 0, true, out _, out _);
                Emph(5, 0, 200, true, out _, out _);
                Emph(5, 0, 0, false, out _, out _);
                foreach (var (main, f, pc) in new[] { (200, false, 0), (7, true, 7), (3, true, 7), (-5, false, 0), (5, false, 0) })
                {
                    Tested(main, f, pc);
                    Plain(main, f, pc);
                    Wrapped(main, f, pc);
                }
            }

            public static int Tested(int main, bool f, int pc)
            {
                if (IsCjk(main) || (f ? Amb(main, pc) : Sel(main)))
                    return 1;
                return 0;
            }

            public static bool Wrapped(int main, bool f, int pc)
            {
                bool either = IsCjk(main)
                    || (f ? Amb(main, pc) : Sel(main));
                return either;
            }

            public static bool Plain(int main, bool f, int pc)
            {
                bool chosen = f ? Amb(main, pc) : Sel(main);
                return chosen;
            }

            static bool IsCjk(int r) => r > 100;
            static bool Amb(int r, int p) => r == p;
            static bool Sel(int r) => r < 0;
            static bool Var(int r) => r == 7;

            public static void Emph(int pc, int two, int c, bool enable, out bool canOpen, out bool canClose)
            {
                bool prevP = pc == 1, nextP = c == 1;
                bool isMainTwoPrevious = false;
                int main = pc;
                if (Var(pc))
                {
                    isMainTwoPrevious = true;
                    main = two;
                }
                canOpen = prevP;
                canClose = nextP;
                if (!enable)
                    return;
                bool prevIsCjk = IsCjk(main) || (isMainTwoPrevious ? Amb(main, pc) : Sel(main));
                bool nextIsCjk = IsCjk(c);
                bool eitherIsCjk = prevIsCjk || nextIsCjk;

                canOpen |= eitherIsCjk || !nextP;
                canClose |= eitherIsCjk || !prevP;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_conditional_operand_of_a_kept_or_counts_its_condition_and_its_value(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("conditional-operand", "ConditionalOperand", Source, CoverageMode.Count, optimization: optimization);
        // IsCjk(main) is true only for 200 (then nothing else is evaluated); the `?:` is reached five
        // times, its condition true for the two 7s; the value it chose is Amb(7, 7) true, Amb(3, 7)
        // false, Sel(-5) true, Sel(5) false twice.
        Assert.Equal(["IsCjk(main) false=5", "IsCjk(main) true=1", "isMainTwoPrevious false=3", "isMainTwoPrevious true=2", "operand 3 false=3", "operand 3 true=2"],
            run.Outcomes("bool prevIsCjk ="));
        Assert.Equal(6, run.Hits("bool nextIsCjk = IsCjk(c);"));
        // Tested, the value is the `if`'s (both builds branch on it); a `?:` that is no operand has
        // its condition's two outcomes only.
        Assert.Equal(["IsCjk(main) false=4", "IsCjk(main) true=1", "f false=2", "f true=2", "operand 3 false=2", "operand 3 true=2"], run.Outcomes("if (IsCjk(main) ||"));
        Assert.Equal(["false=3", "true=2"], run.Outcomes("bool chosen ="));
        // Written on two lines.
        Assert.Equal(["IsCjk(main) false=4", "IsCjk(main) true=1", "f false=2", "f true=2", "operand 3 false=2", "operand 3 true=2"], run.Outcomes("bool either = IsCjk(main)"));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_eager_or_whose_left_operand_the_statement_before_left_on_the_stack_counts_both(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("stack-operand", "StackOperand", Source, CoverageMode.Count, optimization: optimization);
        // prevIsCjk: true for 200, 7/7 and -5; false for 7/3, 5 and 5. nextIsCjk, read when prevIsCjk
        // was false: IsCjk(200) twice, IsCjk(0) once.
        Assert.Equal(["nextIsCjk false=1", "nextIsCjk true=2", "prevIsCjk false=3", "prevIsCjk true=3"], run.Outcomes("bool eitherIsCjk ="));
        Assert.Equal(["!nextP false=0", "!nextP true=1", "eitherIsCjk false=1", "eitherIsCjk true=5"], run.Outcomes("canOpen |="));
    }
}
