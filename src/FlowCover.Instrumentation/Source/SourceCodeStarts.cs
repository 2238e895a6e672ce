using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    /// <summary>The statement where the code of <paramref name="statement"/> starts: through
    /// blocks and labels as <see cref="FirstStatement"/>, and through a <c>try</c>, which has no
    /// code of its own (control goes on into its block), to its block's first statement. A
    /// <c>try</c> with an empty block is where it starts; null for an empty block. For callers
    /// asking where control lands (a jump's target, a dispatch's first section); the many others
    /// ask <see cref="FirstStatement"/>, which stops at a <c>try</c>.</summary>
    private static StatementSyntax? StatementWhereCodeStarts(StatementSyntax statement)
    {
        var start = FirstStatement(statement);
        while (start is TryStatementSyntax { Block.Statements: [var opening, ..] } && FirstStatement(opening) is { } inner)
            start = inner;
        return start;
    }
}
