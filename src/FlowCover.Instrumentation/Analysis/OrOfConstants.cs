using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>Whether a statement's conditions, as its source writes them, are only the constants
/// of one pattern's <c>or</c> (<c>c is '−' or '-' or '+' or '†' or '‡'</c>): no relational part,
/// no other operand, no other decision.</summary>
internal static class OrOfConstants
{
    public static bool Is(MethodContext method, SequencePoint statement) =>
        method.Sources.SyntaxOf(statement.Document)?.ConditionsOf(statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn)
            is { Conditions: [var first, _, ..] all } && all.All(c => c.Constants is not null && c.Root == first.Root);

    /// <summary>Whether the statement's conditions, as its source writes them, are exactly
    /// <paramref name="constants"/>, one constant each, in that order, all of one decision.</summary>
    public static bool IsEach(MethodContext method, SequencePoint statement, IReadOnlyList<int> constants) =>
        method.Sources.SyntaxOf(statement.Document)?.ConditionsOf(statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn)
            is { Conditions: var all } && all.Count == constants.Count
        && all.Select((c, k) => c.Constants is [var only] && only == constants[k] && c.Root == all[0].Root).All(b => b);
}
