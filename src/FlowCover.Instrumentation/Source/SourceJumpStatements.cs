using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>Whether a jump statement the compiler may fold into a branch (<c>break;</c>,
    /// <c>continue;</c>, <c>goto</c>) starts here.</summary>
    public bool IsJumpStatement(int line, int column) =>
        Token(line, column) is { } token && token.Parent is BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax
        && token.Parent.GetFirstToken() == token;
}
