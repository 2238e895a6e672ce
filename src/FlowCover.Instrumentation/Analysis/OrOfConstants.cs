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
}
