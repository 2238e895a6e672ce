using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A <c>break;</c> or <c>continue;</c> right after an <c>if</c> with an <c>else</c> (or whose
/// blocks end in other <c>if</c>s), each block ending by falling into it: Release compiles each
/// block's end as a jump straight to the jump's target, so the jump's own <c>br</c> runs only on
/// the ways that end in no block. Each way that completes the <c>if</c> past that <c>br</c> is one
/// more run of the jump (docs/annotations.md, "A jump that keeps its own <c>br</c> right after an
/// <c>if</c>"). The shapes of Markdig GenericAttributesParser.cs:124 and 158,
/// FencedBlockParserBase.cs:137 and HtmlBlockParser.cs:258; the counts are Debug's, which runs
/// each jump's own code.
/// </summary>
public sealed class JumpAfterIfElseTests(JumpAfterIfElseTests.Runs runs) : IClassFixture<JumpAfterIfElseTests.Runs>
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                AfterElseIf("ab}x");
                AfterElseIf("ab}\n");
                AfterElseIf("ab");
                AfterElse("abcab");
                Section(1, true, false);
                Section(1, false, false);
                Section(1, false, false);
                Section(2, true, true);
                Section(2, true, false);
                Section(2, false, false);
                for (var k = 0; k < 4; k++)
                    WithLambda(k * 3);
                for (var k = 0; k < 4; k++)
                    AwaitInElse("ab", k * 3).GetAwaiter().GetResult();
            }

            public static int AfterElseIf(string s)
            {
                int i = 0, n = 0;
                while (true)
                {
                    char c = i < s.Length ? s[i] : '\0';
                    if (c == '}')
                    {
                        n++;
                        if (i + 1 < s.Length && s[i + 1] == '\n')
                        {
                            n += 10;
                        }
                        else if (i + 2 < s.Length && s[i + 1] == '\r')
                        {
                            n += 100;
                        }
                        break;
                    }
                    if (c == '\0')
                    {
                        break;
                    }
                    i++;
                }
                return n;
            }

            public static int AfterElse(string s)
            {
                int n = 0;
                foreach (var c in s)
                {
                    if (c == 'a' || c == 'b')
                    {
                        if (c == 'a')
                        {
                            n += 1;
                        }
                        else
                        {
                            n += 2;
                        }
                        continue;
                    }
                    n += 100;
                }
                return n;
            }

            public static int Section(int type, bool open, bool close)
            {
                var result = 0;
                switch (type)
                {
                    case 1:
                        if (open)
                        {
                            result = 1;
                        }
                        else
                        {
                            result = 2;
                        }
                        break;
                    case 2:
                        if (open)
                        {
                            result = 3;
                            if (close)
                            {
                                result = 4;
                            }
                        }
                        else
                        {
                            result = 5;
                        }
                        break;
                }
                return result;
            }

            public static int WithLambda(int k)
            {
                var n = 0;
                switch (k % 3)
                {
                    case 0:
                        if (k > 5)
                            n += 1;
                        else
                            n += Apply(() => k * 2);
                        break;
                }
                return n;
            }

            private static int Apply(System.Func<int> f) => f();

            public static async System.Threading.Tasks.Task<int> AwaitInElse(object behaviour, int k)
            {
                var n = 0;
                switch (behaviour)
                {
                    case string s:
                        {
                            n += s.Length;
                            if (k > 5)
                                await System.Threading.Tasks.Task.Delay(0);
                            else
                                await System.Threading.Tasks.Task.Run(() => n++);
                            break;
                        }
                    default:
                        throw new System.InvalidOperationException("no");
                }
                return n;
            }
        }
        """;

    /// <summary>The snippet run once per build and mode, for all the tests.</summary>
    public sealed class Runs() : SnippetRunsByBuild("jump-after-if-else", "JumpAfterIfElse", Source);

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_an_else_if_counts_each_block_that_completes_into_it(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        // "ab}x": the outer block, neither inner way; "ab}\n": the inner `if`'s block. Release
        // runs the break's own `br` on neither: a count of 0 would be a wrong miss.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 2), run.Hits("break;"));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("break;", 1));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("return n;"));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_continue_after_an_else_counts_both_blocks(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("continue;")); // "abcab": two `a`s, two `b`s
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 1), run.Hits("n += 100;", 1));
    }

    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_ending_a_section_after_an_else_counts_each_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;", 2)); // case 1: `open` once, `else` twice
        // case 2: the inner `if`'s block, its false way and the `else`, once each.
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 3), run.Hits("break;", 3));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 6), run.Hits("return result;"));
    }

    /// <summary>A lambda in a block is its own method: its code does not stop the blocks from
    /// completing into the jump (Stateless StateMachine.Async.cs:318, <c>break;</c> after
    /// <c>if (...) await ...; else await Task.Run(() => ...);</c>: 1 in Release where it ran 13).</summary>
    [Theory]
    [MemberData(nameof(SnippetRunsByBuild.Builds), MemberType = typeof(SnippetRunsByBuild))]
    public void A_break_after_a_block_with_a_lambda_counts_each_way(OptimizationLevel build, CoverageMode mode)
    {
        var run = runs.Get(build, mode);
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("break;", 4));    // k = 0, 3, 6, 9: all `% 3 == 0`
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("return n;", 2));
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("break;", 5));    // each await, the one that suspends too
        Assert.Equal(SnippetRunsByBuild.Expected(mode, 4), run.Hits("return n;", 3));
    }
}
