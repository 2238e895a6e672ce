using FlowCover.Instrumentation.Analysis;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Braces are not statements. The compiler gives <c>{</c> and <c>}</c> sequence points (Debug
/// <c>nop</c>s, a method's closing <c>ret</c>, an async method's <c>SetResult</c>), but whether
/// they get one differs between Debug and Release and between a fall-through and a
/// <c>return</c>; counting them would make the same source report differently per build and
/// make a <c>}</c> after <c>throw;</c> look missed. A brace point spans one column and, where
/// the source can be read, that column holds a brace (<c>_ =&gt; 0</c> spans one column too).
/// </summary>
public sealed class BraceFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var (at, point) in method.SequencePoints)
            if (!point.IsHidden && point.StartLine == point.EndLine && point.EndColumn - point.StartColumn == 1
                && method.Sources.FirstChar(point) is null or '{' or '}')
                output.IgnoreLine(at);
    }
}
