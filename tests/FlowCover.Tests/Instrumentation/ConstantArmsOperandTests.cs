using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>pos + (c ? 1 : 0)</c>: a <c>?:</c> with arms 1 and 0 as the right operand of a <c>+</c> or
/// <c>-</c> is a decision of two outcomes. Debug branches on its condition; Release computes the
/// condition's 0 or 1 (<c>cgt.un</c>, <c>ceq</c>) right before the <c>add</c> or <c>sub</c> that
/// takes it, where it is probed, so both builds count the same outcomes with the same counts
/// (Markdig LinkHelper.cs:574, 575, 1345, 1351, LineBreakInlineParser.cs:79, InlineProcessor.cs:359).
/// </summary>
public sealed class ConstantArmsOperandTests
{
    private const string Source = """
        using System.Collections.Generic;

        public struct Span
        {
            public int Start;
            public int End;
        }

        public enum NewLine { LineFeed, CarriageReturnLineFeed }

        public static class Target
        {
            public static Span Shared;
            public static long Wide;

            public static void Run()
            {
                var spans = new List<Span>();
                Link(5, true);
                Link(5, false);
                Link(7, false);
                Break(NewLine.LineFeed, spans);
                Break(NewLine.CarriageReturnLineFeed, spans);
                Break(NewLine.CarriageReturnLineFeed, spans);
                Url('<', 3);
                Url('a', 3);
                Widened(true);
            }

            private static int Link(int pos, bool pointy)
            {
                var span = new Span();
                span.Start = pos + (pointy ? 1 : 0);
                span.End = pos - 1 - (pointy ? 1 : 0);
                return span.End;
            }

            private static void Break(NewLine newLine, List<Span> spans)
            {
                Shared.End = Shared.Start + (newLine == NewLine.CarriageReturnLineFeed ? 1 : 0);
                spans.Add(new Span { Start = 4, End = spans.Count + (newLine == NewLine.CarriageReturnLineFeed ? 1 : 0) });
            }

            private static int Url(char c, int start)
            {
                bool isAngle = c == '<';
                var end = start - (isAngle ? 0 : 1);
                return end;
            }

            private static void Widened(bool c)
            {
                Wide = Wide + (c ? 1 : 0);
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Release)]
    [InlineData(OptimizationLevel.Debug)]
    public void Both_builds_count_a_constant_armed_conditional_added_to_a_value(OptimizationLevel optimization)
    {
        var snippet = SnippetRun.Run("constant-arms-operand", "ConstantArmsOperand", Source, CoverageMode.Count, optimization: optimization);

        Assert.Equal(["false=2", "true=1"], snippet.Outcomes("span.Start = pos"));
        Assert.Equal(["false=2", "true=1"], snippet.Outcomes("span.End = pos"));
        Assert.Equal(["false=1", "true=2"], snippet.Outcomes("Shared.End ="));
        Assert.Equal(["false=1", "true=2"], snippet.Outcomes("spans.Add(new Span"));
        Assert.Equal(["false=1", "true=1"], snippet.Outcomes("var end = start"));
        Assert.Equal(3, snippet.Hits("return span.End;"));
    }

    [Fact]
    public void A_value_widened_before_it_is_added_is_not_read_as_its_condition()
    {
        // Release: `ldarg c; ldc.i4.0; cgt.un; conv.u8; add`: the value the `add` takes is a long,
        // and is not read (Release gives this `?:` no outcome, the limit annotations.md names).
        var snippet = SnippetRun.Run("constant-arms-operand-wide", "ConstantArmsOperandWide", Source, CoverageMode.Count);

        Assert.Empty(snippet.Outcomes("Wide = Wide +"));
        Assert.Equal(["false=2", "true=1"], snippet.Outcomes("span.Start = pos"));
    }
}
