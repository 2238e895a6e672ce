using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Instrumentation.Source;

public sealed partial class SourceDocument
{
    private sealed partial class ConditionWalk
    {
        /// <summary>The members of an <c>or</c> of enum members written <c>Type.Member</c> only
        /// (through parentheses), two or more, all of one enum by its name (<c>quoteType is
        /// SmartyPantType.LeftQuote or SmartyPantType.RightQuote</c>); null for any other pattern.
        /// The source cannot say their numbers: the compiler tests consecutive ones with one range
        /// check, and whether the run is that check is the IL's to say, by the members its values
        /// are (<see cref="SourceCondition.Members"/>).</summary>
        private static List<(string Type, string Name)>? EnumMembersOf(BinaryPatternSyntax binary)
        {
            if (OrParts(binary) is not { } parts)
                return null;
            var members = new List<(string Type, string Name)>(parts.Count);
            foreach (var part in parts)
            {
                if (part is not ConstantPatternSyntax { Expression: var constant } || MemberOf(constant) is not { } member)
                    return null;
                members.Add(member);
            }
            return members.Count >= 2 && members.All(m => m.Type == members[0].Type) && members.Distinct().Count() == members.Count ? members : null;
        }

        /// <summary>A constant written <c>Type.Member</c> (an enum's member, or a named constant):
        /// the type's name as its definition names it, and the member's.</summary>
        private static (string Type, string Name)? MemberOf(ExpressionSyntax constant) =>
            constant is MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access && LastName(access.Expression) is { } type
                ? (type, access.Name.Identifier.ValueText)
                : null;

        /// <summary>The rightmost identifier of a type's name (<c>Outer.Color</c>: <c>Color</c>), as
        /// the type's definition names it.</summary>
        private static string? LastName(ExpressionSyntax type) => type switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
            _ => null,
        };
    }
}
