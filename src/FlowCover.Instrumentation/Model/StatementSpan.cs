using Mono.Cecil;

namespace FlowCover.Instrumentation.Model;

/// <summary>Where one statement of a body is in its source: what is kept of a body's sequence
/// points once its instructions are let go, for finding the line a lambda is written on.</summary>
internal readonly record struct StatementSpan(int StartLine, int StartColumn, int EndLine, int EndColumn, string Document)
{
    /// <summary>The visible sequence points of <paramref name="method"/>, in IL order.</summary>
    public static StatementSpan[] Of(MethodDefinition method)
    {
        var points = method.DebugInformation.SequencePoints;
        var spans = new List<StatementSpan>(points.Count);
        foreach (var point in points)
            if (!point.IsHidden)
                spans.Add(new StatementSpan(point.StartLine, point.StartColumn, point.EndLine, point.EndColumn, point.Document.Url));
        return [.. spans];
    }
}
