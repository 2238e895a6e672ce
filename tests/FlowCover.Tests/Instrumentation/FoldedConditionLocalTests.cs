using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>var isValid = index != -1 || header.IsOptional; if (!isValid) { ... }</c>: Release drops the local
/// and leaves the <c>||</c>'s value on the stack, so the <c>if</c>'s own branch (at its own
/// sequence point) is where the <c>||</c>'s two paths meet
/// (<c>bne.un L1; call get_IsOptional; br L2; L1: ldc.i4.1; L2: brtrue END</c>). That branch is the
/// <c>if</c>'s decision, not a test of the <c>||</c>'s operands: both builds give the
/// <c>if</c> its two outcomes and the declaration its four, with the same counts
/// (CsvHelper CsvReader.cs:195 and 223, Markdig ThematicBreakParser.cs:76).
/// </summary>
public sealed class FoldedConditionLocalTests
{
    private const string Source = """
        using System.Collections.Generic;

        public static class Target
        {
            public static void Run()
            {
                var bad = new List<int>();
                Check("abc", new Header(), bad);
                Check("a", new Header(), bad);
                Check("a", new Header { IsOptional = true }, bad);
                Eager(1, false, bad);
                Eager(-1, false, bad);
                Eager(-1, true, bad);
                Returned(1, false);
                Returned(-1, true);
                Setex("x", '-', false, 5);
                Setex("x", '=', false, 5);
                Setex(1, '-', false, 5);
                Setex("x", '-', true, 5);
                Setex("long", '-', false, 2);
                Kept("x", '-', false, bad);
                Kept("x", '=', false, bad);
                Kept(1, '-', false, bad);
                Kept("x", '-', true, bad);
                Kept("x", '-', false, bad);
            }

            private static int Index(string s) => s.Length - 2;

            private static void Check(string s, Header header, List<int> bad)
            {
                var index = Index(s);
                var isValid = index != -1 || header.IsOptional;
                if (!isValid)
                {
                    bad.Add(1);
                }
            }

            private static void Eager(int index, bool optional, List<int> bad)
            {
                var isValid = index != -1 || optional;
                if (!isValid)
                {
                    bad.Add(3);
                }
            }

            private static bool Returned(int index, bool optional) => index != -1 || optional;

            private static bool Setex(object current, char breakChar, bool hasInnerSpaces, int count)
            {
                var previous = current as string;
                var isSetex = previous != null && breakChar == '-' && !hasInnerSpaces;
                if (isSetex)
                {
                    if (previous!.Length > 3)
                    {
                        isSetex = false;
                    }
                }
                if (count < 3 || isSetex)
                {
                    return false;
                }
                return true;
            }

            private static bool Kept(object current, char breakChar, bool hasInnerSpaces, List<int> bad)
            {
                var previous = current as string;
                var isKept = previous != null && breakChar == '-' && !hasInnerSpaces;
                if (isKept)
                {
                    bad.Add(previous!.Length);
                }
                return isKept;
            }
        }

        public sealed class Header
        {
            public bool IsOptional { get; init; }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Release)]
    [InlineData(OptimizationLevel.Debug)]
    public void The_if_on_a_condition_local_keeps_its_two_outcomes(OptimizationLevel optimization)
    {
        var snippet = SnippetRun.Run("folded-condition-local", "FoldedConditionLocal", Source, CoverageMode.Count, optimization: optimization);

        Assert.Equal(["header.IsOptional false=1", "header.IsOptional true=1", "index != -1 false=2", "index != -1 true=1"], snippet.Outcomes("var isValid ="));
        Assert.Equal(["false=2", "true=1"], snippet.Outcomes("if (!isValid)"));
        Assert.Equal(1, snippet.Hits("bad.Add(1);"));
        // Plain booleans: evaluated eagerly (`ceq; ldarg; or`), stored in Debug, tested by the `if`
        // in Release; and a chain returned whole.
        Assert.Equal(["index != -1 false=2", "index != -1 true=1", "optional false=1", "optional true=1"], snippet.Outcomes("var isValid =", 1));
        Assert.Equal(["false=2", "true=1"], snippet.Outcomes("if (!isValid)", 1));
        Assert.Equal(1, snippet.Hits("bad.Add(3);"));
        Assert.Equal(["index != -1 false=1", "index != -1 true=1", "optional false=0", "optional true=1"], snippet.Outcomes("Returned(int index"));
        Assert.Equal(["!hasInnerSpaces false=1", "!hasInnerSpaces true=2", "breakChar == '-' false=1", "breakChar == '-' true=3", "previous != null false=1", "previous != null true=4"],
            snippet.Outcomes("var isSetex ="));
        Assert.Equal(["false=3", "true=2"], snippet.Outcomes("if (isSetex)"));
        Assert.Equal(1, snippet.Hits("isSetex = false;"));
        Assert.Equal(["!hasInnerSpaces false=1", "!hasInnerSpaces true=2", "breakChar == '-' false=1", "breakChar == '-' true=3", "previous != null false=1", "previous != null true=4"],
            snippet.Outcomes("var isKept ="));
        Assert.Equal(["false=3", "true=2"], snippet.Outcomes("if (isKept)"));
        Assert.Equal(2, snippet.Hits("bad.Add(previous!.Length);"));
    }
}
