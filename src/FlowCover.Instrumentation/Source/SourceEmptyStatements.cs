using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Whether a sequence point starting here covers an empty statement (the <c>;</c> of
    /// <c>done: ;</c>, or after a block, <c>{ ... };</c>): Debug gives it a point on a
    /// <c>nop</c>, Release none; it does nothing, so it is no statement.</summary>
    public bool IsEmptyStatement(int line, int column) =>
        Token(line, column) is { } token && token.Parent is EmptyStatementSyntax;
}
