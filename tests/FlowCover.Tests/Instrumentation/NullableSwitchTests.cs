using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>switch (alignment)</c> on a nullable enum, no <c>default</c>: one outcome per case label and
/// one for "no label matched" (docs/annotations.md), which a null value takes too: it matches no
/// label. Both builds test <c>HasValue</c> before the jump table, and its false edge goes where
/// the table's unmatched values go (Markdig HtmlTableRenderer.cs:106).
/// </summary>
public sealed class NullableSwitchTests
{
    private const string Source = """
        using System.Collections.Generic;

        public enum Align { Left, Center, Right, Justify }

        public static class Target
        {
            public static void Run()
            {
                var output = new List<string>();
                Guarded(Align.Center, output);
                Guarded(Align.Center, output);
                Guarded(Align.Left, output);
                Guarded(Align.Justify, output);
                Guarded(null, output);
                Open(null, output);
                Open(Align.Right, output);
                Open(Align.Justify, output);
            }

            private static void Guarded(Align? alignment, List<string> output)
            {
                if (alignment.HasValue)
                {
                    switch (alignment)
                    {
                        case Align.Center:
                            output.Add("c");
                            break;
                        case Align.Right:
                            output.Add("r");
                            break;
                        case Align.Left:
                            output.Add("l");
                            break;
                    }
                }
                output.Add(">");
            }

            private static void Open(Align? alignment, List<string> output)
            {
                switch (alignment)
                {
                    case Align.Center:
                        output.Add("c");
                        break;
                    case Align.Right:
                        output.Add("r");
                        break;
                }
                output.Add(">");
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Release)]
    [InlineData(OptimizationLevel.Debug)]
    public void A_switch_on_a_nullable_counts_null_as_no_case_matched(OptimizationLevel optimization)
    {
        var snippet = SnippetRun.Run("nullable-switch", "NullableSwitch", Source, CoverageMode.Count, optimization: optimization);

        Assert.Equal(["case Align.Center=2", "case Align.Left=1", "case Align.Right=0", "no case matched=1"], snippet.Outcomes("switch (alignment)"));
        Assert.Equal(["case Align.Center=0", "case Align.Right=1", "no case matched=2"], snippet.Outcomes("switch (alignment)", 1));
        Assert.Equal(3, snippet.Hits("switch (alignment)", 1));
        Assert.Equal(["false=1", "true=4"], snippet.Outcomes("if (alignment.HasValue)"));
        Assert.Equal(5, snippet.Hits("output.Add(\">\");"));
    }
}
