using System.Buffers;
using System.Security.Cryptography;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// One source file the PDB names, parsed by Roslyn: what the user wrote, by syntax, where the
/// sequence points leave it unsaid (Release drops the points of statements that compile to no
/// instruction of their own; Debug gives points to labels and constructor signatures). Read
/// only when the file's bytes are the ones compiled (the PDB's checksum), so a position here is
/// a position the compiler saw; otherwise there is no model and the IL alone decides, as before.
/// Positions are 1-based lines and columns, as sequence points give them.
/// </summary>
public sealed partial class SourceDocument
{
    private readonly SourceText _text;
    // The file's syntax: one tree, or parts of a large file parsed as lookups need them. Each
    // tree knows, by line, the innermost member declaration holding the whole line, where a
    // lookup on that line starts instead of at the root: every method asks several times, and a
    // walk down from the root of a large file passes through its namespace and type each time.
    private readonly SourceTrees _trees;
    // Read from the characters before any parse: lets the switch lookups answer "none" for a
    // file that cannot hold what they look for, without a search of its tree.
    private readonly SwitchKeywords _switches;

    private SourceDocument(SourceText text, SourceTrees trees, SwitchKeywords switches) => (_text, _trees, _switches) = (text, trees, switches);

    /// <summary>The file at <paramref name="path"/> parsed, or null when it cannot be read or its
    /// <paramref name="algorithm"/> hash (<c>MD5</c>, <c>SHA1</c>, <c>SHA256</c>) is not
    /// <paramref name="hash"/>. Parsed with the preprocessor symbols <paramref name="defines"/>,
    /// those it was compiled with.</summary>
    public static SourceDocument? Read(string path, string algorithm, byte[] hash, IReadOnlyList<string> defines) =>
        Read(path, algorithm, hash, defines, SourceTrees.PartedFrom);

    /// <summary><see cref="Read(string, string, byte[], IReadOnlyList{string})"/>, the file read in
    /// parts when it is at least <paramref name="partedFrom"/> characters long.</summary>
    internal static SourceDocument? Read(string path, string algorithm, byte[] hash, IReadOnlyList<string> defines, int partedFrom)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
        byte[]? actual = algorithm switch
        {
            "SHA256" => SHA256.HashData(content),
            "SHA1" => SHA1.HashData(content),
            "MD5" => MD5.HashData(content),
            _ => null,
        };
        if (actual is null || !actual.AsSpan().SequenceEqual(hash))
            return null;
        using var stream = new MemoryStream(content, writable: false);
        var text = SourceText.From(stream, System.Text.Encoding.UTF8);
        // Documentation comments as plain comments: nothing here reads them, and parsing them
        // into structure is most of the cost of a well documented file's trivia.
        var options = new CSharpParseOptions(LanguageVersion.Preview, DocumentationMode.None, preprocessorSymbols: defines);
        // The line table now, before the document is shared: Roslyn builds it on first use, and
        // every thread that asks before one has finished scans the whole file again.
        _ = text.Lines;
        var chars = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(0, chars, 0, text.Length);
            var all = chars.AsSpan(0, text.Length);
            return new SourceDocument(text, SourceTrees.Of(text, all, options, partedFrom), SwitchKeywords.Of(all));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Parses, in order, the parts of a large file no lookup has asked for yet (a file
    /// parsed in one piece has none), until <paramref name="stop"/> says the lookups are over.</summary>
    public void ParseInOrder(CancellationToken stop) => _trees.ParseInOrder(stop);

    /// <summary>The catch clause whose block holds the position, innermost first.</summary>
    public CatchClauseFact? CatchAround(int line, int column) =>
        ClauseAround(line, column) is { } clause ? Fact(clause) : null;

    /// <summary>The catch clause whose block holds the position, innermost, when the block of
    /// its <c>try</c> holds the position <paramref name="tryLine"/>:<paramref name="tryColumn"/>:
    /// a catch body the compiler moved out of its handler, after the try (an <c>await</c> in it).</summary>
    public CatchClauseFact? CatchOfTry(int line, int column, int tryLine, int tryColumn) =>
        ClauseAround(line, column) is { Parent: TryStatementSyntax tryStatement } clause
        && Token(tryLine, tryColumn) is { } inTry && tryStatement.Block.Span.Contains(inTry.SpanStart)
            ? Fact(clause)
            : null;

    private CatchClauseSyntax? ClauseAround(int line, int column)
    {
        if (Token(line, column) is not { } token)
            return null;
        for (var node = token.Parent; node is not null && !IsBodyBoundary(node); node = node.Parent)
            if (node is CatchClauseSyntax clause && clause.Block.Span.Contains(token.SpanStart))
                return clause;
        return null;
    }

    private CatchClauseFact Fact(CatchClauseSyntax clause) =>
        new(LineOf(clause.CatchKeyword.SpanStart), clause.Declaration?.Type is { } type ? RightmostName(type) : null);

    /// <summary>The line of the <c>lock</c> statement whose body holds the position, innermost.</summary>
    public int? LockAround(int line, int column)
    {
        if (Token(line, column) is not { } token)
            return null;
        for (var node = token.Parent; node is not null && !IsBodyBoundary(node); node = node.Parent)
            if (node is LockStatementSyntax lockStatement && lockStatement.Statement.Span.Contains(token.SpanStart))
                return LineOf(lockStatement.SpanStart);
        return null;
    }

    /// <summary>Where the primary constructor of the type is declared, when the position lies in
    /// that type's parameter list (<c>record struct Point(int X, int Y)</c>) and its parameters
    /// are named <paramref name="parameterNames"/>, in order: from the type's name to the end of
    /// the list, the span Roslyn gives a record class's constructor. Null otherwise.</summary>
    public SourceSpan? PrimaryConstructor(int line, int column, IReadOnlyList<string> parameterNames)
    {
        if (Token(line, column) is not { } token
            || token.Parent?.FirstAncestorOrSelf<ParameterListSyntax>() is not { Parent: TypeDeclarationSyntax type } parameters
            || !parameters.Parameters.Select(p => p.Identifier.ValueText).SequenceEqual(parameterNames))
            return null;
        var start = _text.Lines.GetLinePosition(type.Identifier.SpanStart);
        var end = _text.Lines.GetLinePosition(parameters.Span.End);
        return new SourceSpan(start.Line + 1, start.Character + 1, end.Line + 1, end.Character + 1);
    }

    /// <summary>Whether the position is a <c>foreach</c>'s <c>in</c>, where its enumeration goes
    /// on (over an array, after an increment Release gives a hidden point).</summary>
    public bool IsForEachIn(int line, int column) =>
        Token(line, column) is { } token && token.IsKind(SyntaxKind.InKeyword) && token.Parent is CommonForEachStatementSyntax;

    /// <summary>Whether a sequence point starting here covers a label (<c>found:</c>): a place to
    /// jump to, not a statement.</summary>
    public bool IsLabel(int line, int column) =>
        Token(line, column) is { } token && token.Parent is LabeledStatementSyntax label && label.Identifier == token;

    /// <summary>Whether a sequence point starting here covers a constructor's signature: Roslyn
    /// puts the implicit <c>base()</c> call there, which is no statement the user wrote.</summary>
    public bool IsConstructorSignature(int line, int column)
    {
        if (Token(line, column) is not { } token)
            return false;
        var constructor = token.Parent?.FirstAncestorOrSelf<ConstructorDeclarationSyntax>();
        return constructor is { Initializer: null }
            && token.SpanStart < ((SyntaxNode?)constructor.Body ?? constructor.ExpressionBody)?.SpanStart;
    }

    /// <summary>The jump statements of the body around the position that stand on their own (not
    /// the whole of an <c>if</c>: a jump that opens an <c>if</c>'s block is one way of the <c>if</c>,
    /// and one after other statements there, <c>{ n++; continue; }</c>, is not), each with where its target statement starts and where the
    /// statement before it in its block starts (0, 0 when it is the first): when Release drops
    /// such a jump, the code before it falls straight into that target. A <c>break</c> whose
    /// switch or loop ends a region's block has that block's closing brace as its target
    /// (<see cref="RegionEndStart"/>).</summary>
    public IEnumerable<PlainJump> PlainJumps(int line, int column)
    {
        foreach (var statement in StatementsOfBodyAround(line, column))
        {
            if (statement is not (ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax)
                || statement.Parent is not (BlockSyntax or SwitchSectionSyntax) || statement.Parent is BlockSyntax { Parent: IfStatementSyntax } opening && opening.Statements.IndexOf(statement) == 0
                || (TargetOf(statement) is { } node ? CodeStart(node) : TargetStart(statement) is Exit ? BodyEnd(statement) : TargetStart(statement) ?? RegionEndStart(statement)) is not (>= 0 and var target))
                continue;
            var start = _text.Lines.GetLinePosition(target);
            var before = PreviousStatement(statement) is { } previous ? _text.Lines.GetLinePosition(CodeStart(previous)) : default;
            var completing = CompletingOnlyInto(statement, target);
            var owner = BreakOnlySectionOf(statement);
            yield return new PlainJump(LineOf(statement.SpanStart), start.Line + 1, start.Character + 1,
                before == default ? 0 : before.Line + 1, before == default ? 0 : before.Character + 1)
            {
                Column = _text.Lines.GetLinePosition(statement.SpanStart).Character + 1,
                Before = completing?.Span,
                InnerTargets = completing?.InnerTargets ?? [],
                SwitchLine = owner is null ? 0 : LineOf(owner.SpanStart),
                SectionLabels = owner is null ? [] : BreakOnlySectionLabels(statement, owner),
                BeforeJumpsToTarget = BeforeJumpsTo(statement, target),
            };
        }
    }

    /// <summary>Where the statement before <paramref name="statement"/> in its block or switch
    /// section begins to run (its first statement, through blocks and labels); null for the first.</summary>
    private static StatementSyntax? PreviousStatement(StatementSyntax statement)
    {
        var siblings = statement.Parent switch
        {
            BlockSyntax block => block.Statements,
            SwitchSectionSyntax section => section.Statements,
            _ => default,
        };
        var index = siblings.IndexOf(statement);
        return index > 0 && siblings[index - 1] is not LocalFunctionStatementSyntax ? FirstStatement(siblings[index - 1]) : null;
    }

    /// <summary>Statements of the body around the position that compile to nothing and run when
    /// the statement after them starts: <c>while (true)</c> (its body's first statement, each
    /// time round) and a <c>using</c> declaration of <c>null</c> (the next statement).</summary>
    public IEnumerable<PassThroughStatement> PassThroughStatements(int line, int column)
    {
        foreach (var statement in StatementsOfBodyAround(line, column))
        {
            var next = statement switch
            {
                WhileStatementSyntax { Condition: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } } loop => FirstStatement(loop.Statement),
                LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration
                    when declaration.Declaration.Variables.All(v => v.Initializer?.Value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression })
                    => NextStatement(declaration),
                _ => null,
            };
            if (next is not null)
                yield return new PassThroughStatement(LineOf(statement.SpanStart), LineOf(next.SpanStart)) { NextIsLoop = EntersByCondition(next) };
        }
    }

    /// <summary>The lines of the statements of the body around the position that no path
    /// reaches: those after a <c>return</c>, <c>throw</c>, <c>break</c>, <c>continue</c>,
    /// <c>goto</c> or <c>yield break</c> in the same block, up to the next label (a <c>goto</c>
    /// may reach it), and every statement inside them. The compiler emits no code for them; they
    /// are still code the user wrote, and never ran.</summary>
    public IEnumerable<int> UnreachableStatementLines(int line, int column)
    {
        if (BodyAround(line, column) is not { } body)
            yield break;
        foreach (var node in body.DescendantNodes(n => n == body || !IsBodyBoundary(n)))
        {
            var statements = node switch
            {
                BlockSyntax block => block.Statements,
                SwitchSectionSyntax section => section.Statements,
                _ => default,
            };
            var dead = false;
            foreach (var statement in statements)
            {
                if (statement is LabeledStatementSyntax)
                    break;
                if (dead)
                {
                    foreach (var inner in statement.DescendantNodesAndSelf(n => !IsBodyBoundary(n)).OfType<StatementSyntax>())
                        if (inner is not (BlockSyntax or EmptyStatementSyntax or LocalFunctionStatementSyntax or LabeledStatementSyntax))
                            yield return LineOf(inner.SpanStart);
                    continue;
                }
                dead = statement is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax
                    or GotoStatementSyntax or YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement };
            }
        }
    }

    /// <summary>The statements of the member, lambda or local function around the position
    /// (theirs nested in it included: a body's IL tells them apart).</summary>
    private IEnumerable<StatementSyntax> StatementsOfBodyAround(int line, int column) =>
        BodyAround(line, column)?.DescendantNodes().OfType<StatementSyntax>() ?? [];

    private SyntaxNode? BodyAround(int line, int column)
    {
        if (line < 1 || line > _text.Lines.Count)
            return null;
        var position = Math.Min(_text.Lines[line - 1].Start + Math.Max(column - 1, 0), _text.Lines[line - 1].End);
        var body = TokenAt(position).Parent;
        while (body is not null && !IsBodyBoundary(body))
            body = body.Parent;
        return body;
    }

    /// <summary>The jump an embedded statement is, alone or as a block's first statement.</summary>
    private static StatementSyntax? Jump(StatementSyntax statement) => statement switch
    {
        BlockSyntax { Statements: [var first, ..] } => Jump(first), // What follows a jump is dead.
        ContinueStatementSyntax or BreakStatementSyntax or GotoStatementSyntax => statement,
        _ => null,
    };

    /// <summary>The statement (or loop part) a jump goes to; null where that is not one place
    /// with a line of its own.</summary>
    private static SyntaxNode? TargetOf(StatementSyntax jump)
    {
        switch (jump)
        {
            case ContinueStatementSyntax:
                return EnclosingLoop(jump, includeSwitch: false) switch
                {
                    ForStatementSyntax { Incrementors: [var increment, ..] } => increment,
                    ForStatementSyntax { Condition: { } condition } => condition,
                    WhileStatementSyntax { Condition: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.TrueLiteralExpression } } loop => FirstStatement(loop.Statement),
                    WhileStatementSyntax loop => loop.Condition,
                    DoStatementSyntax loop => loop.Condition,
                    _ => null,
                };
            case BreakStatementSyntax:
                return EnclosingLoop(jump, includeSwitch: true) is { } enclosing ? NextStatement(enclosing) : null;
            case GotoStatementSyntax { RawKind: (int)SyntaxKind.GotoStatement, Expression: IdentifierNameSyntax name }:
                return jump.FirstAncestorOrSelf<MemberDeclarationSyntax>()?.DescendantNodes().OfType<LabeledStatementSyntax>()
                    .FirstOrDefault(l => l.Identifier.ValueText == name.Identifier.ValueText)?.Statement is { } labelled ? FirstStatement(labelled) : null;
            case GotoStatementSyntax { RawKind: (int)SyntaxKind.GotoCaseStatement or (int)SyntaxKind.GotoDefaultStatement } gotoCase:
                var section = jump.FirstAncestorOrSelf<SwitchStatementSyntax>()?.Sections.FirstOrDefault(s => s.Labels.Any(label =>
                    gotoCase.Expression is null ? label is DefaultSwitchLabelSyntax : label is CaseSwitchLabelSyntax c && c.Value.IsEquivalentTo(gotoCase.Expression)));
                return section?.Statements.FirstOrDefault() is { } first ? FirstStatement(first) : null;
            default:
                return null;
        }
    }

    private static SyntaxNode? EnclosingLoop(SyntaxNode node, bool includeSwitch)
    {
        for (var parent = node.Parent; parent is not null && !IsBodyBoundary(parent); parent = parent.Parent)
            if (parent is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or CommonForEachStatementSyntax
                || includeSwitch && parent is SwitchStatementSyntax)
                return parent;
        return null;
    }

    /// <summary>The statement after <paramref name="node"/> in its block or switch section.</summary>
    private static StatementSyntax? NextStatement(SyntaxNode node)
    {
        var siblings = SiblingsOf(node);
        var index = siblings.IndexOf((StatementSyntax)node);
        return index >= 0 && index + 1 < siblings.Count ? FirstStatement(siblings[index + 1]) : null;
    }

    /// <summary>The first statement that runs when <paramref name="statement"/> does: through
    /// blocks and labels.</summary>
    private static StatementSyntax? FirstStatement(StatementSyntax statement) => statement switch
    {
        BlockSyntax block => block.Statements.FirstOrDefault() is { } first ? FirstStatement(first) : null,
        LabeledStatementSyntax labelled => FirstStatement(labelled.Statement),
        _ => statement,
    };

    private static bool IsBodyBoundary(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax;

    private static string RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => RightmostName(qualified.Right),
        AliasQualifiedNameSyntax alias => RightmostName(alias.Name),
        GenericNameSyntax generic => generic.Identifier.ValueText,
        IdentifierNameSyntax name => name.Identifier.ValueText,
        PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
        _ => type.ToString(),
    };

    private SyntaxToken? Token(int line, int column)
    {
        if (line < 1 || line > _text.Lines.Count)
            return null;
        var textLine = _text.Lines[line - 1];
        var position = textLine.Start + column - 1;
        if (column < 1 || position >= textLine.End)
            return null;
        var token = TokenAt(position);
        return token.SpanStart == position ? token : null;
    }

    /// <summary>The token at <paramref name="position"/>, as the root finds it (a node whose full
    /// span holds the position finds the same token), found from the member around it.</summary>
    private SyntaxToken TokenAt(int position) => NodeHolding(TextSpan.FromBounds(position, position)).FindToken(position);

    /// <summary>The innermost node, as the root finds it, whose full span holds
    /// <paramref name="span"/> (<see cref="SyntaxNode.FindNode"/>), found from the member around it.</summary>
    private SyntaxNode NodeAt(TextSpan span) => NodeHolding(span).FindNode(span, getInnermostNodeForTie: true);

    /// <summary><see cref="NodeAt(TextSpan)"/> from <paramref name="start"/>, the token at the
    /// span's start (<see cref="TokenAt"/>) a caller holds already: what <see cref="SyntaxNode.FindNode"/>
    /// does after its own search for that token, the innermost ancestor whose full span holds the
    /// span, without searching again.</summary>
    private SyntaxNode NodeAt(TextSpan span, SyntaxToken start)
    {
        var node = start.Parent ?? RootAt(span.Start);
        while (!node.FullSpan.Contains(span) && node.Parent is { } parent)
            node = parent;
        return node;
    }

    /// <summary>The member declaration whose full span holds <paramref name="span"/> and the
    /// line it starts on, or the root: where a search for it can start.</summary>
    private SyntaxNode NodeHolding(TextSpan span)
    {
        var tree = _trees.At(span.Start);
        if (span.Start >= _text.Length)
            return tree.Root;
        var member = tree.MemberOf(_text.Lines.GetLineFromPosition(span.Start).LineNumber);
        // Contains(position) for an empty span: a full span holds its start, not its end.
        return member is not null && (span.IsEmpty ? member.FullSpan.Contains(span.Start) : member.FullSpan.Contains(span)) ? member : tree.Root;
    }

    /// <summary>The root of the tree holding <paramref name="position"/>: the whole file's, or
    /// its part's (a search from it for anything in that part finds what the whole file's would).</summary>
    private SyntaxNode RootAt(int position) => _trees.At(position).Root;

    private int LineOf(int position) => _text.Lines.GetLineFromPosition(position).LineNumber + 1;
}

/// <summary>A catch clause: the line of its <c>catch</c> keyword and the simple name of the type
/// it catches (null for <c>catch</c> without one, which catches anything).</summary>
public sealed record CatchClauseFact(int Line, string? TypeName);

/// <summary>A jump on <paramref name="Line"/> that is one way of the <c>if</c> on
/// <paramref name="IfLine"/>: it runs when the condition sends control to
/// <paramref name="TargetLine"/> (where the jump goes) rather than to <paramref name="FalseLine"/>
/// (where the condition's other way goes).</summary>
public sealed record GuardedJump(int Line, int IfLine, int TargetLine, int FalseLine)
{
    /// <summary><paramref name="TargetLine"/>, then the lines control goes on to where the
    /// statements there compile to nothing (calls to a <c>[Conditional]</c> method).</summary>
    public IReadOnlyList<int> TargetLines { get; init; } = [TargetLine];

    /// <summary><paramref name="FalseLine"/>, then the lines after it as in <see cref="TargetLines"/>.</summary>
    public IReadOnlyList<int> FalseLines { get; init; } = [FalseLine];
}

/// <summary>A statement on <paramref name="Line"/> with no code, which runs as the statement on
/// <paramref name="NextLine"/> starts.</summary>
public sealed record PassThroughStatement(int Line, int NextLine)
{
    /// <summary>Whether the next statement is a <c>while (c)</c> loop whose body holds no
    /// <c>continue</c>: its line's code is its condition, tested on each way round, and only the
    /// jumps to that condition are the loop starting.</summary>
    public bool NextIsLoop { get; init; }
}

/// <summary>A span of source text, in 1-based lines and columns as sequence points give them
/// (the end column one past the last character).</summary>
public sealed record SourceSpan(int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>A jump statement on <paramref name="Line"/> that stands on its own in its block:
/// where its target statement starts, and where the code of the statement before it starts, as
/// its point does (a <c>for</c> at its initializer; <paramref name="BeforeLine"/> 0 when the jump
/// is its block's first statement).</summary>
public sealed record PlainJump(int Line, int TargetLine, int TargetColumn, int BeforeLine, int BeforeColumn)
{
    /// <summary>The column where the jump statement itself starts, on <see cref="Line"/>.</summary>
    public int Column { get; init; }

    /// <summary>For the <c>break;</c> that is the whole of a switch section
    /// (<see cref="SourceDocument.BreakOnlySectionOf"/>), the line of its <c>switch</c>; else 0.</summary>
    public int SwitchLine { get; init; }

    /// <summary>With <see cref="SwitchLine"/>, where the switch has no <c>default</c>: the outcome
    /// names of the section's labels, its only ways among the dispatch's past the switch (the
    /// other is no label matching). Empty when every such way is the section's.</summary>
    public IReadOnlyList<string> SectionLabels { get; init; } = [];

    /// <summary>The whole statement before the jump, where control leaves it only by completing
    /// into the jump, returning or throwing (<see cref="SourceDocument.CompletingOnlyInto"/>);
    /// null otherwise.</summary>
    public SourceSpan? Before { get; init; }

    /// <summary>Where the jumps out of <see cref="Before"/> go, other than into this jump
    /// (<c>continue;</c> or <c>goto label;</c> in it: each a place of its own, not this jump's
    /// target), as (line, column) of the code there; empty when it has none.</summary>
    public IReadOnlyList<(int Line, int Column)> InnerTargets { get; init; } = [];

    /// <summary>Whether the statement before the jump holds a jump out of it to the same target
    /// (<see cref="SourceDocument.BeforeJumpsTo"/>): then no fall-through into the target counts
    /// this jump alone.</summary>
    public bool BeforeJumpsToTarget { get; init; }
}
