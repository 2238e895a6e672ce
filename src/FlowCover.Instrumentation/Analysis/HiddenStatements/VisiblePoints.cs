using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>Where the visible sequence points of a method lie against source positions: shared
/// by the Release rules that place a statement the PDB does not show.</summary>
internal static class VisiblePoints
{
    /// <summary>Whether the visible point at <paramref name="at"/> starts at the position.</summary>
    internal static bool StartsAt(MethodContext method, Instruction at, string document, int line, int column) =>
        method.PointAt(at) is { IsHidden: false } p && p.StartLine == line && p.StartColumn == column && p.Document.Url == document;

    /// <summary>Whether the visible point at <paramref name="at"/> holds the position inside it, on one line.</summary>
    internal static bool Holds(MethodContext method, Instruction at, string document, int line, int column) =>
        method.PointAt(at) is { IsHidden: false } p && p.StartLine == line && p.EndLine == line
        && p.StartColumn < column && column < p.EndColumn && p.Document.Url == document;

    /// <summary>The instruction of the visible point that starts at, or else holds, the position,
    /// whether or not a line keeps it; null where none does.</summary>
    internal static Instruction? InstructionAt(MethodContext method, string document, int line, int column)
    {
        Instruction? holding = null;
        foreach (var (at, _) in method.SequencePoints)
        {
            if (StartsAt(method, at, document, line, column))
                return at;
            holding ??= Holds(method, at, document, line, column) ? at : null;
        }
        return holding;
    }

    /// <summary>The first visible sequence point from <paramref name="start"/> up to (not
    /// including) <paramref name="end"/>, in IL order.</summary>
    internal static SequencePoint? FirstPoint(MethodContext method, Instruction? start, Instruction? end)
    {
        for (var instruction = start; instruction is not null && instruction != end; instruction = instruction.Next)
            if (method.PointAt(instruction) is { IsHidden: false } point)
                return point;
        return null;
    }

    internal static bool Inside(SourceSpan span, int line, int column) =>
        (line > span.StartLine || line == span.StartLine && column >= span.StartColumn)
        && (line < span.EndLine || line == span.EndLine && column < span.EndColumn);
}
