using FlowCover.Instrumentation.Source;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// A record struct's primary constructor, which has no sequence point in any build: given one
/// where the source declares it (the shape: <c>record struct Point(int X, int Y)</c>; the IL read:
/// the constructor's first instruction, and a positional property's accessor point).
/// </summary>
internal static class PrimaryConstructorPoints
{
    /// <summary>
    /// Gives a record struct's primary constructor the sequence point it lacks, where the source
    /// declares it: Roslyn emits none for it at all (a record class's has one, for its base call),
    /// yet it is a line by the contract, run whenever an instance is made. The declaration is
    /// found from a positional property's accessor, whose point lies on its parameter
    /// (<c>int X</c>), and checked against the constructor's parameter names. True when the point
    /// was given; any other method is left as it is.
    /// </summary>
    public static bool Give(MethodDefinition method, SourceFiles sources)
    {
        if (!method.IsConstructor || method.IsStatic || !method.HasParameters || !method.DeclaringType.IsValueType
            || !method.HasBody || method.Body.Instructions.Count == 0 || method.DebugInformation.HasSequencePoints)
            return false;
        var names = method.Parameters.Select(p => p.Name).ToList();
        var accessor = method.DeclaringType.Properties.FirstOrDefault(p => p.Name == names[0])?.GetMethod;
        if (accessor is not { HasBody: true } || accessor.DebugInformation.SequencePoints.FirstOrDefault(p => !p.IsHidden) is not { } parameter
            || sources.SyntaxOf(parameter.Document)?.PrimaryConstructor(parameter.StartLine, parameter.StartColumn, names) is not { } span)
            return false;
        method.DebugInformation.SequencePoints.Add(new SequencePoint(method.Body.Instructions[0], parameter.Document)
        {
            StartLine = span.StartLine,
            StartColumn = span.StartColumn,
            EndLine = span.EndLine,
            EndColumn = span.EndColumn,
        });
        return true;
    }
}
