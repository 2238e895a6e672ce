using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// The conditions a statement tests, as the user wrote them, for naming branch outcomes by the
/// source rather than by the IL (docs/annotations.md, "How reports name an outcome"): each
/// condition with where its true and false values lead (the next condition evaluated, or the
/// decision's outcome), and the decision's places (a <c>then</c>, a loop body, a <c>?:</c> arm)
/// by which the IL's edges are told apart.
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>The conditions of the statement whose sequence point spans the given (1-based,
    /// end exclusive) positions, in the order the compiler emits their tests; null when it holds
    /// a decision whose tests cannot be lined up with the IL's one to one (a pattern with
    /// <c>and</c>/<c>or</c> or properties, a <c>switch</c> expression). Where a pattern holds a run
    /// of consecutive constants (<c>x is 1 or 2</c>) the compiler may test with one range check,
    /// <see cref="StatementConditions.Folded"/> is the reading with each such run one condition.</summary>
    public StatementConditions? ConditionsOf(int startLine, int startColumn, int endLine, int endColumn)
    {
        if (ConditionsOf(startLine, startColumn, endLine, endColumn, foldRanges: false) is not { } conditions)
            return null;
        return conditions.HasRanges ? conditions with { Folded = ConditionsOf(startLine, startColumn, endLine, endColumn, foldRanges: true) } : conditions;
    }

    private StatementConditions? ConditionsOf(int startLine, int startColumn, int endLine, int endColumn, bool foldRanges)
    {
        if (Position(startLine, startColumn) is not { } start || Position(endLine, endColumn) is not { } end || end <= start)
            return null;
        var walk = new ConditionWalk { FoldRanges = foldRanges, Source = _text };
        var token = TokenAt(start);
        var node = NodeAt(TextSpan.FromBounds(start, end), token);
        if ((token.Parent as WhenClauseSyntax ?? node.FirstAncestorOrSelf<WhenClauseSyntax>()) is { } when && WhenTarget(when) is { } arm)
        {
            walk.Root(when.Condition, new ConditionRoot(DecisionKind.When, [arm], [], true));
            return walk.Unsupported ? null : walk.Result();
        }
        switch (token.Parent)
        {
            case CatchFilterClauseSyntax filter when token == filter.WhenKeyword && filter.Parent is CatchClauseSyntax clause:
                walk.Root(filter.FilterExpression, new ConditionRoot(DecisionKind.When, [clause.Block.Span], [], true));
                break;
            case IfStatementSyntax s when token == s.IfKeyword:
                var thenSpans = new List<TextSpan> { s.Statement.Span };
                var jump = Jump(s.Statement);
                if (jump is not null && JumpTargets(jump) is [_, ..] targets)
                    thenSpans.AddRange(targets); // Release folds `if (c) continue;` into a branch to the jump's target.
                else if (jump is ContinueStatementSyntax && EnclosingLoop(jump, includeSwitch: false) is CommonForEachStatementSyntax each)
                    thenSpans.Add(each.InKeyword.Span); // In a foreach, to where it fetches the next item: its `in`.
                walk.Root(s.Condition, new ConditionRoot(DecisionKind.If, thenSpans, s.Else is { } e ? [e.Statement.Span] : [], s.Else is null));
                break;
            case WhileStatementSyntax w when token == w.WhileKeyword:
                walk.Root(w.Condition, new ConditionRoot(DecisionKind.Loop, [w.Statement.Span, w.Condition.Span], [], true));
                break;
            case DoStatementSyntax d when token == d.WhileKeyword:
                walk.Root(d.Condition, new ConditionRoot(DecisionKind.Loop, [d.Statement.Span, d.Condition.Span], [], true));
                break;
            case CommonForEachStatementSyntax f when token == f.InKeyword:
                var variable = f is ForEachStatementSyntax single ? TextSpan.FromBounds(single.Type.SpanStart, single.Identifier.Span.End) : ((ForEachVariableStatementSyntax)f).Variable.Span;
                walk.ForEach(new ConditionRoot(DecisionKind.ForEach, [f.Statement.Span, variable], [], true));
                break;
            default:
                if (node.FirstAncestorOrSelf<ExpressionSyntax>(n => n.Parent is ForStatementSyntax loop && loop.Condition == n) is { Parent: ForStatementSyntax forLoop } condition
                    && condition.Span.Contains(TextSpan.FromBounds(start, end)))
                {
                    var spans = new List<TextSpan> { forLoop.Statement.Span, condition.Span };
                    spans.AddRange(forLoop.Incrementors.Select(i => i.Span));
                    walk.Root(condition, new ConditionRoot(DecisionKind.Loop, spans, [], true));
                    break;
                }
                if (node is StatementSyntax and not (ExpressionStatementSyntax or ReturnStatementSyntax or LocalDeclarationStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax))
                    return null; // A header this model does not know (switch, using, lock...): the IL names it.
                foreach (var inside in Inside(node, TextSpan.FromBounds(start, end)))
                    walk.Visit(inside);
                break;
        }
        return walk.Unsupported ? null : walk.Result();
    }

    /// <summary>Where a <c>when</c> clause's true outcome goes: its arm's expression, or its
    /// switch section's statements.</summary>
    private static TextSpan? WhenTarget(WhenClauseSyntax when) => when.Parent switch
    {
        SwitchExpressionArmSyntax arm => arm.Expression.Span,
        CasePatternSwitchLabelSyntax { Parent: SwitchSectionSyntax { Statements: [var first, ..] } section } => TextSpan.FromBounds(first.SpanStart, section.Statements[^1].Span.End),
        _ => null,
    };

    /// <summary>Whether a place reached from a decision's test, at the given position, is its
    /// true or its false outcome; null when the source cannot say.</summary>
    public bool? OutcomeAt(ConditionRoot root, int line, int column)
    {
        if (Position(line, column) is not { } position)
            return null;
        if (Contains(root.TrueSpans, position))
            return true;
        if (Contains(root.FalseSpans, position))
            return false;
        return root.OutsideIsFalse ? false : null;
    }

    // A loop, not Any(): asked for every edge a label is read from, and a lambda capturing the
    // position would be allocated each time.
    private static bool Contains(IReadOnlyList<TextSpan> spans, int position)
    {
        for (var k = 0; k < spans.Count; k++)
            if (spans[k].Contains(position))
                return true;
        return false;
    }

    /// <summary>The name of a switch statement's outcome that no label matched, where it has no
    /// <c>default</c>.</summary>
    public const string NoCaseMatched = "no case matched";

    /// <summary>The source name of a switch's outcome whose code starts at the given position:
    /// <c>case X</c> or <c>default</c> for a section with one label, or of stacked labels the one
    /// label whose value is the one the IL matched (<paramref name="integer"/>, <paramref
    /// name="text"/>, or the type named <paramref name="typeName"/>); <c>arm N</c> for a switch
    /// expression's arm, <c>no case matched</c> past a switch statement with no <c>default</c>;
    /// null when the source cannot say (stacked labels with no one match, no switch on that line).
    /// An enum's value is matched by its member as written (<paramref name="member"/>: the enum's
    /// name and the member's, <c>Color.Red</c>); <paramref name="noLabel"/>, the way no label
    /// matched, is the section's <c>default</c>.</summary>
    public string? SwitchOutcomeAt(int switchLine, int line, int column, long? integer = null, string? text = null, string? typeName = null,
        (string Type, string Name)? member = null, bool noLabel = false)
    {
        if (Position(line, column) is not { } position || switchLine < 1 || switchLine > _text.Lines.Count)
            return null;
        var lineSpan = _text.Lines[switchLine - 1].Span;
        // Up from the outcome's code to its switch (a walk of the tree's depth); only an outcome
        // past the switch needs the switches of the line searched.
        SyntaxNode? around = null;
        for (var n = TokenAt(position).Parent; n is not null && around is null; n = n.Parent)
            if (n is SwitchStatementSyntax s && lineSpan.Contains(s.SwitchKeyword.SpanStart)
                || n is SwitchExpressionSyntax e && (lineSpan.Contains(e.SwitchKeyword.SpanStart) || lineSpan.Contains(e.SpanStart)))
                around = n;
        foreach (var node in around is not null ? [around] : RootAt(lineSpan.Start).DescendantNodes(lineSpan).Where(n => n is SwitchStatementSyntax or SwitchExpressionSyntax))
        {
            switch (node)
            {
                case SwitchStatementSyntax statement when lineSpan.Contains(statement.SwitchKeyword.SpanStart):
                    if (SectionHolding(statement, position) is { } section)
                    {
                        if (noLabel)
                            return section.Labels.OfType<DefaultSwitchLabelSyntax>().FirstOrDefault() is { } fallback ? LabelText(fallback, _text) : null;
                        return section.Labels is [var label] ? LabelText(label, _text) : StackedLabel(section.Labels, integer, text, typeName, member) is { } matched ? LabelText(matched, _text) : null;
                    }
                    // A value matched whose edge goes past the switch: a section that only leaves
                    // it (`case "common": break;`, which Release sends straight to where the
                    // switch completes), named by its one label of that value.
                    if (!noLabel && StackedLabel(statement.Sections.SelectMany(s => s.Labels), integer, text, typeName, member) is { } past)
                        return LabelText(past, _text);
                    return statement.Span.Contains(position) || HasDefault(statement) ? null : NoCaseMatched;
                case SwitchExpressionSyntax expression when lineSpan.Contains(expression.SwitchKeyword.SpanStart) || lineSpan.Contains(expression.SpanStart):
                    for (var k = 0; k < expression.Arms.Count; k++)
                        if (expression.Arms[k].Expression.Span.Contains(position))
                            return $"arm {k + 1}";
                    return null;
            }
        }
        return null;
    }

    // Loops, not LINQ: asked for each outcome of every switch, and a lambda capturing the
    // position would be made on every call, the switch's or not.
    private static SwitchSectionSyntax? SectionHolding(SwitchStatementSyntax statement, int position)
    {
        foreach (var section in statement.Sections)
            if (section.Statements.Span.Contains(position))
                return section;
        return null;
    }

    private static bool HasDefault(SwitchStatementSyntax statement)
    {
        foreach (var section in statement.Sections)
            foreach (var label in section.Labels)
                if (label is DefaultSwitchLabelSyntax)
                    return true;
        return false;
    }

    /// <summary>The one label of <paramref name="labels"/> whose value is the one given; null when
    /// none or several are (a label the source does not spell as a literal or a type, such as a
    /// named constant, is never matched).</summary>
    private static SwitchLabelSyntax? StackedLabel(IEnumerable<SwitchLabelSyntax> labels, long? integer, string? text, string? typeName, (string Type, string Name)? member)
    {
        if (integer is null && text is null && typeName is null)
            return null;
        SwitchLabelSyntax? found = null;
        foreach (var label in labels)
        {
            var (value, pattern) = label switch
            {
                CaseSwitchLabelSyntax c => (c.Value, null),
                CasePatternSwitchLabelSyntax { WhenClause: null } p => (p.Pattern is ConstantPatternSyntax constant ? constant.Expression : null, p.Pattern),
                _ => ((ExpressionSyntax?)null, (PatternSyntax?)null),
            };
            var matches = value is not null ? integer is not null && (member is { } m ? IsMember(value, m) : IntegerOf(value) == integer) || text is not null && StringOf(value) == text
                    || typeName is not null && NamedType(value) is { } named && TypeName(named) == typeName
                : typeName is not null && TypeOf(pattern) is { } type && TypeName(type) == typeName;
            if (!matches)
                continue;
            if (found is not null)
                return null;
            found = label;
        }
        return found;
    }

    /// <summary>Whether a label's value is the enum member written as <c>Type.Name</c> (also
    /// qualified further: <c>Ns.Color.Red</c>); never by a name alone, which could be another
    /// constant.</summary>
    private static bool IsMember(ExpressionSyntax value, (string Type, string Name) member) =>
        value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name, Expression: var type } && name == member.Name
        && (type is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var qualified } ? qualified : (type as IdentifierNameSyntax)?.Identifier.ValueText) == member.Type;

    private static long? IntegerOf(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax { Token.Value: char c } => c,
        LiteralExpressionSyntax { Token.Value: int or long or uint or short or ushort or byte or sbyte } literal => Convert.ToInt64(literal.Token.Value, System.Globalization.CultureInfo.InvariantCulture),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression, Operand: var operand } => -IntegerOf(operand),
        ParenthesizedExpressionSyntax p => IntegerOf(p.Expression),
        _ => null,
    };

    private static string? StringOf(ExpressionSyntax value) =>
        value is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal ? literal.Token.ValueText : null;

    /// <summary>The type a label written as a name denotes where the IL tested a type: <c>case
    /// IList:</c> parses as a constant of that name (the compiler binds it to the type), and
    /// <c>case System.Collections.IList:</c> as a member access.</summary>
    private static TypeSyntax? NamedType(ExpressionSyntax value) => value switch
    {
        NameSyntax name => name,
        MemberAccessExpressionSyntax { Name: var last } => last,
        _ => null,
    };

    private static TypeSyntax? TypeOf(PatternSyntax? pattern) => pattern switch
    {
        TypePatternSyntax t => t.Type,
        DeclarationPatternSyntax d => d.Type,
        RecursivePatternSyntax { Type: { } type, PositionalPatternClause: null, PropertyPatternClause: null or { Subpatterns.Count: 0 } } => type,
        _ => null,
    };

    /// <summary>A type's name as metadata spells it without namespace (<c>int</c> is <c>Int32</c>,
    /// <c>List&lt;T&gt;</c> is <c>List`1</c>).</summary>
    private static string? TypeName(TypeSyntax type) => type switch
    {
        PredefinedTypeSyntax predefined => predefined.Keyword.Kind() switch
        {
            SyntaxKind.IntKeyword => "Int32",
            SyntaxKind.LongKeyword => "Int64",
            SyntaxKind.ShortKeyword => "Int16",
            SyntaxKind.ByteKeyword => "Byte",
            SyntaxKind.SByteKeyword => "SByte",
            SyntaxKind.UIntKeyword => "UInt32",
            SyntaxKind.ULongKeyword => "UInt64",
            SyntaxKind.UShortKeyword => "UInt16",
            SyntaxKind.CharKeyword => "Char",
            SyntaxKind.BoolKeyword => "Boolean",
            SyntaxKind.DoubleKeyword => "Double",
            SyntaxKind.FloatKeyword => "Single",
            SyntaxKind.DecimalKeyword => "Decimal",
            SyntaxKind.StringKeyword => "String",
            SyntaxKind.ObjectKeyword => "Object",
            _ => null,
        },
        QualifiedNameSyntax qualified => TypeName(qualified.Right),
        AliasQualifiedNameSyntax alias => TypeName(alias.Name),
        GenericNameSyntax generic => $"{generic.Identifier.ValueText}`{generic.TypeArgumentList.Arguments.Count}",
        IdentifierNameSyntax name => name.Identifier.ValueText,
        _ => null,
    };

    private static string? LabelText(SwitchLabelSyntax label, SourceText? source = null) => label switch
    {
        DefaultSwitchLabelSyntax => "default",
        CaseSwitchLabelSyntax c => "case " + Collapse(TextOf(c.Value, source)),
        CasePatternSwitchLabelSyntax p => "case " + Collapse(TextOf(p.Pattern, source)),
        _ => null,
    };

    /// <summary>A node's text as written (its span, without the trivia around it): read from the
    /// file's text where the caller has it, rather than written out by Roslyn token by token
    /// (a writer and a builder made for every condition and label).</summary>
    private static string TextOf(SyntaxNode node, SourceText? source) => source is null ? node.ToString() : source.ToString(node.Span);

    /// <summary>The expressions of a statement's point that are wholly inside its span: the
    /// whole statement, or the part a point covers (an expression body, a for's condition).</summary>
    private static IEnumerable<SyntaxNode> Inside(SyntaxNode node, TextSpan span) =>
        span.Contains(node.Span) ? [node] : node.ChildNodes().Where(c => span.OverlapsWith(c.Span)).SelectMany(c => Inside(c, span));

    private int? Position(int line, int column)
    {
        if (line < 1 || line > _text.Lines.Count || column < 1)
            return null;
        var textLine = _text.Lines[line - 1];
        var position = textLine.Start + column - 1;
        return position <= textLine.EndIncludingLineBreak ? position : null;
    }

    /// <summary>The text with each run of white space one space, and none at either end. Most
    /// conditions and labels are written so already, and are kept as they are rather than split
    /// and joined again.</summary>
    internal static string Collapse(string text) =>
        IsCollapsed(text) ? text : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool IsCollapsed(string text)
    {
        for (var k = 0; k < text.Length; k++)
            if (char.IsWhiteSpace(text[k]) && (text[k] != ' ' || k == 0 || k == text.Length - 1 || text[k - 1] == ' '))
                return false;
        return true;
    }

    /// <summary>Collects conditions in the order the compiler emits their tests: operands left to
    /// right, a <c>?:</c>'s condition before its arms and its <c>false</c> arm before its <c>true</c>
    /// arm (the consequence is placed after the alternative), what a condition's operand evaluates
    /// before the operand's own test.</summary>
    private sealed partial class ConditionWalk
    {
        private readonly List<(string Text, ConditionRoot Root, ConditionNext OnTrue, ConditionNext OnFalse)> _conditions = [];

        private int _nullTests;

        // The four tables below are made when a pattern first needs one: most statements hold
        // none, and a walk is made for every statement a label is asked of.
        private HashSet<int>? _rangesMade;
        private Dictionary<int, List<long>>? _constantsMade;
        private Dictionary<int, List<(string Type, string Name)>>? _membersMade;
        private Dictionary<int, long>? _boundsMade;

        /// <summary>The conditions that are a run of constants tested as one range.</summary>
        private HashSet<int> _ranges => _rangesMade ??= [];

        /// <summary>The values a condition that is a pattern's constants matches, by condition.</summary>
        private Dictionary<int, List<long>> _constants => _constantsMade ??= [];

        /// <summary>The enum members a condition that is a run of them matches, by condition.</summary>
        private Dictionary<int, List<(string Type, string Name)>> _members => _membersMade ??= [];

        /// <summary>The bound a condition that is a relation (<c>&gt;= 0x1100</c>) compares with, by condition.</summary>
        private Dictionary<int, long> _bounds => _boundsMade ??= [];

        /// <summary>The innermost <c>?:</c> arm each condition written in one stands in, by condition.</summary>
        private Dictionary<int, ConditionalArm>? _armsMade;

        /// <summary>Puts the conditions from <paramref name="from"/> up to <paramref name="to"/> in
        /// <paramref name="arm"/>, those not already in an arm nested in it.</summary>
        private void MarkArm(int from, int to, ConditionalArm arm)
        {
            for (var k = from; k < to; k++)
                (_armsMade ??= []).TryAdd(k, arm);
        }

        public bool Unsupported { get; private set; }

        /// <summary>Whether a run of consecutive constants in an <c>or</c> is one condition.</summary>
        public bool FoldRanges { get; init; }

        /// <summary>The file's text, which the conditions' texts are read from.</summary>
        public SourceText? Source { get; init; }

        /// <summary>Whether the statement holds such a run.</summary>
        private bool _sawRange;

        public void Root(ExpressionSyntax condition, ConditionRoot root) =>
            Walk(condition, root, ConditionNext.Outcome(true), ConditionNext.Outcome(false));

        public void ForEach(ConditionRoot root) => _conditions.Add(("", root, ConditionNext.Outcome(true), ConditionNext.Outcome(false)));

        private void Walk(ExpressionSyntax expression, ConditionRoot root, ConditionNext onTrue, ConditionNext onFalse)
        {
            expression = Unwrap(expression);
            string? written = null;
            switch (expression)
            {
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } binary:
                    var right = ConditionNext.Later();
                    if (binary.IsKind(SyntaxKind.LogicalAndExpression))
                        Walk(binary.Left, root, right, onFalse);
                    else
                        Walk(binary.Left, root, onTrue, right);
                    right.Resolve(_conditions.Count);
                    Walk(binary.Right, root, onTrue, onFalse);
                    return;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not when IsChain(Unwrap(not.Operand)):
                    Walk(not.Operand, root, onFalse, onTrue);
                    return;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not when TestedByOnePattern(Unwrap(not.Operand)) is { } tested:
                    // `!(x is T)`: one test, the condition as written, `!` and all (not a pattern
                    // kept as a value inside it).
                    Visit(tested);
                    break;
                case IsPatternExpressionSyntax pattern:
                    Visit(pattern.Expression);
                    if (IsSimple(pattern.Pattern))
                        break;
                    Pattern(pattern.Pattern, root, onTrue, onFalse);
                    return;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression } typeTest:
                    Visit(typeTest.Left);
                    break;
                default:
                    written = TextOf(expression, Source);
                    if (MayHoldDecision(written))
                        Visit(expression);
                    break;
            }
            _conditions.Add((Collapse(written ?? TextOf(expression, Source)), root, onTrue, onFalse));
        }

        /// <summary>Decisions inside a value: <c>?:</c>, and <c>&amp;&amp;</c>/<c>||</c> whose
        /// value is kept rather than tested.</summary>
        public void Visit(SyntaxNode node)
        {
            switch (node)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                    return;
                case ConditionalAccessExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }
                    or AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression }:
                    _nullTests++;
                    break;
                case ConditionalExpressionSyntax conditional:
                    var tested = new ConditionRoot(DecisionKind.Conditional, [conditional.WhenTrue.Span], [conditional.WhenFalse.Span], false);
                    Walk(conditional.Condition, tested, ConditionNext.Outcome(true), ConditionNext.Outcome(false));
                    var falseArm = _conditions.Count;
                    Visit(conditional.WhenFalse);
                    var trueArm = _conditions.Count;
                    Visit(conditional.WhenTrue);
                    MarkArm(falseArm, trueArm, new ConditionalArm(tested, WhenTrue: false));
                    MarkArm(trueArm, _conditions.Count, new ConditionalArm(tested, WhenTrue: true));
                    return;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression or (int)SyntaxKind.LogicalOrExpression } chain:
                    Root(chain, new ConditionRoot(DecisionKind.Value, [], [], false));
                    return;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not when IsChain(Unwrap(not.Operand)):
                    // `!(a || b)` kept: the chain's conditions, each leading to the value the `!`
                    // makes of where it leads (`a` true: the decision's value false).
                    Root(not, new ConditionRoot(DecisionKind.Value, [], [], false));
                    return;
                case IsPatternExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression }:
                    // A pattern test is a decision wherever it stands (docs/annotations.md, "What is a
                    // branch"), its value kept as much as tested.
                    Root((ExpressionSyntax)node, new ConditionRoot(DecisionKind.Value, [], [], false));
                    return;
                case SwitchExpressionSyntax:
                    Unsupported = true;
                    return;
            }
            // ChildNodes() is an iterator object per node; the child list's own enumerator is not.
            foreach (var child in node.ChildNodesAndTokens())
                if (child.AsNode() is { } childNode)
                    Visit(childNode);
        }

        /// <summary>Whether an expression written as <paramref name="text"/> may hold what
        /// <see cref="Visit"/> finds (<c>?:</c>, <c>?.</c>, <c>??</c>, <c>&amp;&amp;</c>, <c>||</c>,
        /// <c>is</c>, <c>switch</c>): each is written with one of these characters or words, so
        /// where none is (<c>x &gt; 0</c>, most conditions) the visit would find nothing, and
        /// would make a Roslyn node of every operand on its way.</summary>
        private static bool MayHoldDecision(string text) =>
            text.Contains('?') || text.Contains("&&", StringComparison.Ordinal) || text.Contains("||", StringComparison.Ordinal)
            || text.Contains("is", StringComparison.Ordinal) || text.Contains("switch", StringComparison.Ordinal);

        public StatementConditions Result()
        {
            var conditions = new List<SourceCondition>(_conditions.Count);
            for (var k = 0; k < _conditions.Count; k++)
            {
                var (text, root, onTrue, onFalse) = _conditions[k];
                string name = _conditions.Count == 1 && !root.Named ? ""
                    : text.Length <= MaxNameLength && !text.Contains(',') && IsUnique(k) ? text
                    : $"operand {k + 1}";
                var (whenTrue, whenFalse) = root.Kind == DecisionKind.ForEach ? ("next item", "done")
                    : root.Kind == DecisionKind.When && name.Length == 0 ? ("when true", "when false")
                    : ("true", "false");
                conditions.Add(new SourceCondition(root, onTrue, onFalse,
                    name.Length == 0 ? whenTrue : $"{name} {whenTrue}", name.Length == 0 ? whenFalse : $"{name} {whenFalse}", _rangesMade?.Contains(k) == true)
                {
                    Text = text,
                    Constants = _constantsMade?.GetValueOrDefault(k),
                    Members = _membersMade?.GetValueOrDefault(k),
                    Bound = _boundsMade is not null && _boundsMade.TryGetValue(k, out var bound) ? bound : null,
                    Arm = _armsMade?.GetValueOrDefault(k),
                });
            }
            return new StatementConditions(conditions, _nullTests) { HasRanges = _sawRange };
        }

        private bool IsUnique(int k)
        {
            for (var other = 0; other < _conditions.Count; other++)
                if (other != k && _conditions[other].Text == _conditions[k].Text)
                    return false;
            return true;
        }

        /// <summary>The value a pattern of one test (<c>x is T</c>, <c>x is null</c>) tests; null
        /// for any other expression.</summary>
        private static ExpressionSyntax? TestedByOnePattern(ExpressionSyntax e) => e switch
        {
            IsPatternExpressionSyntax { Pattern: var pattern, Expression: var tested } when IsSimple(pattern) => tested,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.IsExpression, Left: var tested } => tested,
            _ => null,
        };

        private static bool IsChain(ExpressionSyntax e) =>
            e.IsKind(SyntaxKind.LogicalAndExpression) || e.IsKind(SyntaxKind.LogicalOrExpression);

        private static ExpressionSyntax Unwrap(ExpressionSyntax e) => e is ParenthesizedExpressionSyntax p ? Unwrap(p.Expression) : e;

        /// <summary>A pattern the compiler tests with one branch: a constant, a type, a
        /// declaration, a relation (<c>&gt; 0</c>), <c>{ }</c>, and their <c>not</c>.</summary>
        internal static bool IsSimple(PatternSyntax pattern) => pattern switch
        {
            ConstantPatternSyntax or TypePatternSyntax or DeclarationPatternSyntax or VarPatternSyntax or RelationalPatternSyntax => true,
            UnaryPatternSyntax { Pattern: ConstantPatternSyntax or RelationalPatternSyntax or TypePatternSyntax or DeclarationPatternSyntax } => true,
            UnaryPatternSyntax { Pattern: RecursivePatternSyntax { PositionalPatternClause: null, PropertyPatternClause: null or { Subpatterns.Count: 0 } } } => true,
            RecursivePatternSyntax { PositionalPatternClause: null, PropertyPatternClause: null or { Subpatterns.Count: 0 } } => true,
            _ => false,
        };
    }

    /// <summary>
    /// The conditions of a statement that is one pattern <c>or</c> of constants, regrouped in the
    /// order the IL tests them: <paramref name="tested"/> holds the values each test matches, in
    /// that order (<c>c is 'x' or 'y' or 'z' or 'w' or '_'</c>: <c>'_'</c> compared first, then a
    /// jump table for the run). Each test is the condition, or the run of conditions, whose
    /// constants are its values, named by their text (a run as one, <c>is 'x' or 'y'</c>); its
    /// true leads where the pattern's true does, its false to the next test. The order does not
    /// change the pattern's value (its constants are distinct and a compare has no effect), and
    /// the outcomes then say what was tested: <c>is '_' false</c> each time <c>'_'</c> was compared
    /// and did not match. Null when the statement is not such a pattern or a test's values are not
    /// its conditions'.
    /// </summary>
    public static StatementConditions? InTestedOrder(StatementConditions conditions, IReadOnlyList<IReadOnlyCollection<long>> tested)
    {
        var all = conditions.Conditions;
        if (all.Count < 2 || tested.Count == 0)
            return null;
        for (var k = 0; k < all.Count; k++)
            if (all[k].Constants is null || all[k].Root != all[0].Root || all[k].OnTrue != all[0].OnTrue || k < all.Count - 1 && all[k].OnFalse.Condition != k + 1)
                return null;
        var used = new bool[all.Count];
        var groups = new List<List<int>>(tested.Count);
        foreach (var values in tested)
        {
            var group = new List<int>();
            var matched = new HashSet<long>();
            for (var k = 0; k < all.Count; k++)
            {
                if (used[k] || !all[k].Constants!.All(values.Contains))
                    continue;
                group.Add(k);
                matched.UnionWith(all[k].Constants!);
                used[k] = true;
            }
            if (group.Count == 0 || !matched.SetEquals(values))
                return null;
            groups.Add(group);
        }
        if (used.Contains(false))
            return null;
        var regrouped = new List<SourceCondition>(groups.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            var onFalse = all[^1].OnFalse;
            if (g < groups.Count - 1)
            {
                onFalse = ConditionNext.Later();
                onFalse.Resolve(g + 1);
            }
            var group = groups[g];
            var first = all[group[0]];
            if (group.Count == 1)
            {
                regrouped.Add(first with { OnFalse = onFalse });
                continue;
            }
            var text = "is " + string.Join(" or ", group.Select(k => all[k].Text["is ".Length..]));
            var name = groups.Count == 1 && !first.Root.Named ? ""
                : text.Length <= MaxNameLength && !text.Contains(',') ? text
                : $"operand {group[0] + 1}";
            regrouped.Add(first with
            {
                OnFalse = onFalse,
                TrueLabel = name.Length == 0 ? "true" : $"{name} true",
                FalseLabel = name.Length == 0 ? "false" : $"{name} false",
                Range = true,
                Text = text,
                Constants = [.. group.SelectMany(k => all[k].Constants!)],
            });
        }
        return new StatementConditions(regrouped, conditions.NullTests);
    }

    /// <summary>Longest operand text a label repeats; a longer one is named by its ordinal.</summary>
    private const int MaxNameLength = 24;
}

/// <summary>The conditions of one statement, in the order the compiler emits their tests, and how
/// many null tests (<c>??</c>, <c>??=</c>, <c>?.</c>, <c>?[]</c>) it writes besides.</summary>
public sealed record StatementConditions(IReadOnlyList<SourceCondition> Conditions, int NullTests)
{
    /// <summary>Whether a pattern holds a run of consecutive constants (<c>1 or 2</c>).</summary>
    public bool HasRanges { get; init; }

    /// <summary>The reading with each such run one condition, as a range check tests it.</summary>
    public StatementConditions? Folded { get; init; }
}

/// <summary>One condition: the decision it belongs to, what its true and false values lead to,
/// and the labels of those two outcomes. <paramref name="Range"/>: a run of constants the IL must
/// test with one range check.</summary>
public sealed record SourceCondition(ConditionRoot Root, ConditionNext OnTrue, ConditionNext OnFalse, string TrueLabel, string FalseLabel, bool Range = false)
{
    /// <summary>The condition as written (<c>is '_'</c>, <c>a == null</c>).</summary>
    public string Text { get; init; } = "";

    /// <summary>For a pattern's constant or run of constants (<c>is '_'</c>, <c>is 1 or 2</c>),
    /// the values it matches; null for any other condition.</summary>
    public IReadOnlyList<long>? Constants { get; init; }

    /// <summary>For a run of enum members (<c>is Color.Red or Color.Green</c>), the members it
    /// matches, by the enum's name and the member's; their numbers are the IL's to say.</summary>
    public IReadOnlyList<(string Type, string Name)>? Members { get; init; }

    /// <summary>For a relation of a pattern (<c>is &gt;= 0x1100</c>), the bound it compares with;
    /// null for any other condition.</summary>
    public long? Bound { get; init; }

    /// <summary>For a condition written in an arm of a <c>?:</c> (<c>n is null</c> in <c>x &lt; 0 ?
    /// n is null : !f</c>), the innermost such arm; null for any other condition.</summary>
    public ConditionalArm? Arm { get; init; }
}

/// <summary>An arm of a <c>?:</c>: the decision its condition is tested for, and which arm.</summary>
public sealed record ConditionalArm(ConditionRoot Conditional, bool WhenTrue);

/// <summary>What kind of decision a condition belongs to.</summary>
public enum DecisionKind { If, Loop, ForEach, Conditional, Value, When }

/// <summary>A decision: where its true outcome goes (the <c>then</c>, a loop's body...), where its
/// false outcome goes, and whether every other place is its false outcome (an <c>if</c> without
/// <c>else</c>, a loop). <paramref name="Named"/>: its conditions are named by their text even
/// where there is one (the operand of a <c>not</c>, whose value is not the decision's).</summary>
public sealed record ConditionRoot(DecisionKind Kind, IReadOnlyList<TextSpan> TrueSpans, IReadOnlyList<TextSpan> FalseSpans, bool OutsideIsFalse, bool Named = false);

/// <summary>What a condition's value leads to: another condition (by index in
/// <see cref="StatementConditions.Conditions"/>) or its decision's outcome.</summary>
public sealed class ConditionNext
{
    private ConditionNext(int condition, bool outcome) => (Condition, Value) = (condition, outcome);

    /// <summary>The next condition tested; -1 for the decision's outcome.</summary>
    public int Condition { get; private set; }

    /// <summary>The decision's outcome, when <see cref="Condition"/> is -1.</summary>
    public bool Value { get; }

    public static ConditionNext Outcome(bool value) => new(-1, value);

    internal static ConditionNext Later() => new(-2, false);

    internal void Resolve(int condition) => Condition = condition;
}
