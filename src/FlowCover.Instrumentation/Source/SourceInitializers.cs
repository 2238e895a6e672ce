using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// Field and property initializers, in the order a constructor runs them. Release compiles an
/// initializer to a default value (<c>= null!;</c>, <c>= 0;</c>, <c>= false;</c>, a named constant
/// of that value: <c>= Style.Any;</c>) to nothing, the field being that value already; it still
/// runs, between the initializer before it and the one after it.
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>The member initializers of the type declaration around the position, in
    /// declaration order, each with its line and whether it may set the member to its default
    /// value, and whether the type is partial (then they are this part's only: the constructor
    /// runs them together, in this order, and other files' initializers before or after them);
    /// null when the position is in no type.</summary>
    public (IReadOnlyList<MemberInitializer> Initializers, bool IsPartial)? PartInitializersAround(int line, int column)
    {
        if (Token(line, column) is not { } token
            || token.Parent?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type)
            return null;
        var initializers = new List<MemberInitializer>();
        foreach (var member in type.Members)
        {
            var isStatic = member.Modifiers.Any(SyntaxKind.StaticKeyword) || member.Modifiers.Any(SyntaxKind.ConstKeyword);
            switch (member)
            {
                case BaseFieldDeclarationSyntax field when !member.Modifiers.Any(SyntaxKind.ConstKeyword):
                    // Roslyn's point covers the declaration from its modifiers when it declares one
                    // variable, else the variable.
                    foreach (var variable in field.Declaration.Variables)
                        if (variable.Initializer is { } value)
                        {
                            var start = field.Declaration.Variables.Count > 1 ? variable.SpanStart
                                : field.Modifiers.Count > 0 ? field.Modifiers[0].SpanStart : field.Declaration.SpanStart;
                            initializers.Add(new MemberInitializer(LineOf(start), (start, variable.Span.End), isStatic, MayBeDefault(value.Value)));
                        }
                    break;
                case PropertyDeclarationSyntax { Initializer: { } value }:
                    initializers.Add(new MemberInitializer(LineOf(value.Value.SpanStart), (value.Value.SpanStart, value.Value.Span.End), isStatic, MayBeDefault(value.Value)));
                    break;
            }
        }
        return (initializers, type.Modifiers.Any(SyntaxKind.PartialKeyword));
    }

    /// <summary>Whether a constructor whose first sequence point starts here runs the type's
    /// instance initializers: a point on a member initializer, or on the signature of a
    /// constructor that does not call <c>this(...)</c>.</summary>
    public bool RunsInitializers(int line, int column, IReadOnlyList<MemberInitializer> initializers)
    {
        if (Token(line, column) is not { } token)
            return false;
        var position = token.SpanStart;
        if (initializers.Any(i => !i.IsStatic && i.Start <= position && position < i.End))
            return true;
        return token.Parent?.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is { } constructor
            && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
            && constructor.Initializer is not { ThisOrBaseKeyword.RawKind: (int)SyntaxKind.ThisKeyword }
            && position < ((SyntaxNode?)constructor.Body ?? constructor.ExpressionBody)?.SpanStart;
    }

    /// <summary>The index in <paramref name="initializers"/> of the one whose text holds the
    /// position; -1 for none.</summary>
    public int InitializerAt(int line, int column, IReadOnlyList<MemberInitializer> initializers)
    {
        if (line < 1 || line > _text.Lines.Count || column < 1)
            return -1;
        var position = _text.Lines[line - 1].Start + column - 1;
        for (var i = 0; i < initializers.Count; i++)
            if (initializers[i].Start <= position && position < initializers[i].End)
                return i;
        return -1;
    }

    /// <summary>Whether the value is the type's default (a literal <c>null</c>, <c>0</c>,
    /// <c>false</c>, <c>'\0'</c>, <c>default</c>) or may be: a name, which may be a constant of
    /// that value (an enum's member of value 0, a <c>const</c> 0). The text alone cannot tell a
    /// name's value; Release having no code for the initializer does, and a name that is not the
    /// default always has code.</summary>
    private static bool MayBeDefault(ExpressionSyntax value) => value switch
    {
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed => MayBeDefault(suppressed.Operand),
        ParenthesizedExpressionSyntax parenthesized => MayBeDefault(parenthesized.Expression),
        CastExpressionSyntax cast => MayBeDefault(cast.Expression),
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression or (int)SyntaxKind.FalseLiteralExpression } => true,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression, Token.Value: var number } => number is 0 or 0L or 0U or 0UL or 0.0 or 0.0F or 0M,
        LiteralExpressionSyntax { RawKind: (int)SyntaxKind.CharacterLiteralExpression, Token.Value: '\0' } => true,
        DefaultExpressionSyntax => true,
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access => IsName(access.Expression),
        _ => false,
    };

    private static bool IsName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax or PredefinedTypeSyntax or AliasQualifiedNameSyntax => true,
        MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access => IsName(access.Expression),
        _ => false,
    };
}

/// <summary>A field or property initializer: its member's line, where its text lies (the point
/// Roslyn gives it starts there), whether it is static, and whether it may set the default value
/// (which Release compiles to nothing: an initializer with no code is one that did).</summary>
public sealed record MemberInitializer(int Line, (int Start, int End) Text, bool IsStatic, bool MayBeDefault)
{
    public int Start => Text.Start;

    public int End => Text.End;
}
