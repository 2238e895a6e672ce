using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>What the source says of patterns written as an arm of a <c>?:</c>.</summary>
internal static class PatternArms
{
    /// <summary>Whether <paramref name="statement"/> holds a property or list pattern that is an
    /// arm of a <c>?:</c> (<see cref="Source.SourceDocument.HoldsPatternArm"/>); false where there
    /// is no source.</summary>
    public static bool HeldBy(MethodContext method, SequencePoint statement) =>
        method.Sources.SyntaxOf(statement.Document)?.HoldsPatternArm(statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn) == true;
}
