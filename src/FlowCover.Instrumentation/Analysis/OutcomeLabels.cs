using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// What a report calls each branch outcome (docs/annotations.md, "How reports name an outcome"):
/// the source's words where the source model can say which outcome is which (a condition's value,
/// an operand's, a switch's case or arm), otherwise the jump form, where the edge goes
/// (<c>the jump to line 16</c>, <c>going on to line 17</c>), which a report prints as coverage.py
/// does (<c>15-&gt;16</c>). Never the branch instruction's own sense: the compiler folds
/// comparisons and <c>!</c> into it, so it can be the opposite of what the user wrote.
/// </summary>
internal static class OutcomeLabels
{
    /// <summary>The prefixes of the jump form; <c>FlowCover.Reporting.MissingLines</c> prints
    /// an outcome so labelled by its target line.</summary>
    public const string JumpPrefix = "the jump to ", GoingOnPrefix = "going on to ";

    public static string JumpTo(int line) => JumpPrefix + Where(line);

    public static string GoingOnTo(int line) => GoingOnPrefix + Where(line);

    private static string Where(int line) => line > 0 ? $"line {line}" : "the method's exit";

    /// <summary>The parsed source of the method's file, when it is the file compiled.</summary>
    public static SourceDocument? SyntaxOf(MethodContext method) =>
        method.SequencePoints.FirstOrDefault(p => !p.Point.IsHidden).Point?.Document is { } document ? method.Sources.SyntaxOf(document) : null;

    /// <summary>How many pattern tests <paramref name="statement"/> keeps as values, when they are
    /// its only tests (<see cref="SourceDocument.PatternValuesOf"/>); null when the file is not
    /// the one compiled, or the statement holds other tests.</summary>
    public static int? PatternValuesOf(MethodContext method, SequencePoint statement) =>
        method.Sources.SyntaxOf(statement.Document)?.PatternValuesOf(statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn);

    /// <summary>Whether <paramref name="statement"/> keeps the value of a decision rather than
    /// testing it (<c>return a() || b();</c>, <c>var none = x is null or [];</c>), as its source says.</summary>
    public static bool KeepsDecisionValue(MethodContext method, SequencePoint statement) =>
        method.Sources.SyntaxOf(statement.Document)?.ConditionsOf(statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn)?
            .Conditions.Any(c => c.Root.Kind == DecisionKind.Value) == true;

    /// <summary>Whether <paramref name="statement"/>'s source writes <c>||</c> or a pattern
    /// <c>or</c> (<paramref name="or"/>), or <c>&amp;&amp;</c> or a pattern <c>and</c>
    /// (<see cref="SourceDocument.WritesShortCircuit"/>); true where there is no source.</summary>
    public static bool WritesShortCircuit(MethodContext method, SequencePoint statement, bool or) =>
        method.Sources.SyntaxOf(statement.Document)?.WritesShortCircuit(statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn, or) != false;

    /// <summary>Whether <paramref name="statement"/> holds one <c>?:</c>, an operand of a
    /// <c>&amp;&amp;</c>/<c>||</c>, whose value is a condition of its own, as its source says
    /// (<see cref="SourceDocument.HoldsConditionalOperand"/>).</summary>
    public static bool HoldsConditionalOperand(MethodContext method, SequencePoint statement) =>
        method.Sources.SyntaxOf(statement.Document)?.HoldsConditionalOperand(statement.StartLine, statement.StartColumn) == true;

    /// <summary>The source labels of the tests whose conditions the source names, by branch
    /// instruction (taken, fall-through), value probe (in its label order) or filtered decision
    /// (<paramref name="decisions"/>: a condition a filter spread over several branches, its
    /// outcomes the condition's true and false, at the test that decides it).</summary>
    public static Dictionary<object, IReadOnlyList<string>> ByCondition(MethodContext method, SourceDocument source,
        IReadOnlyList<(Instruction Branch, SequencePoint Statement, bool NullTest)> tests, IReadOnlyList<ValueProbe> values,
        IReadOnlyList<(Instruction Test, object Decision)> decisions, Func<Instruction, bool> isPlumbing)
    {
        var sites = new Dictionary<SequencePoint, List<SourceOutcomeLabels.Site>>(ReferenceEqualityComparer.Instance);
        void Add(SequencePoint statement, SourceOutcomeLabels.Site site)
        {
            if (!sites.TryGetValue(statement, out var list))
                sites[statement] = list = [];
            list.Add(site);
        }
        foreach (var (branch, statement, nullTest) in tests)
            if (!nullTest && branch.Operand is Instruction or Instruction[])
                Add(statement, new SourceOutcomeLabels.Site(branch, branch, null, 1));
        foreach (var value in values)
        {
            if (OwnerOf(method, value) is not { } statement)
                continue;
            var conditions = value switch
            {
                StackValueProbe or FallThroughValueProbe or ArmValuesProbe => 1,
                EagerChainProbe chain => chain.Probed.Count,
                ComputedValueProbe { TrueLabel: "jump", At.Operand: Instruction } => 1, // Whether a when clause's branch jumps.
                _ => 0,
            };
            if (conditions > 0)
                Add(statement, new SourceOutcomeLabels.Site(value.At, value is ComputedValueProbe ? value.At : null, value, conditions));
        }
        foreach (var (test, decision) in decisions)
            if (method.StatementOf(test) is { } statement)
                Add(statement, new SourceOutcomeLabels.Site(test, null, null, 1, decision));
        var named = new Dictionary<object, IReadOnlyList<string>>();
        foreach (var (statement, list) in sites)
            SourceOutcomeLabels.Label(method, source, statement, list, isPlumbing, named);
        foreach (var range in values.OfType<RangeLabelsProbe>())
            if (OfRange(method, source, range) is { } labels)
                named[range] = labels;
        return named;
    }

    /// <summary>The labels of stacked labels the compiler folded into one range check, each value
    /// by the label whose value it is (<c>case 1</c>, <c>case Color.Green</c>); null unless the
    /// source names every one.</summary>
    private static List<string>? OfRange(MethodContext method, SourceDocument source, RangeLabelsProbe range)
    {
        if (range.Line is not { } line || FirstPoint(method, range.Section) is not { } point)
            return null;
        var labels = new List<string>(range.Count);
        for (var k = 0; k < range.Count; k++)
        {
            var member = range.Members?[k] is { } m ? (m.Type, m.Name) : ((string, string)?)null;
            if (source.SwitchOutcomeAt(line, point.StartLine, point.StartColumn, range.First + k, member: member) is not { } name)
                return null;
            labels.Add(name);
        }
        return labels;
    }

    /// <summary>The statement a value probe's conditions are written in: the one whose code
    /// computed the value. A probe at the first instruction of a statement probes a value the
    /// statement before it left on the stack (Release keeps <c>var isText = value is string;</c> on
    /// the stack for <c>return isText;</c>).</summary>
    private static SequencePoint? OwnerOf(MethodContext method, ValueProbe value) =>
        method.PointAt(value.At) is { IsHidden: false } && value.At.Previous is { } before && value.Line is not null
            ? method.StatementOf(before)
            : method.StatementOf(value.At);

    /// <summary>The label of a switch dispatch's outcome (<paramref name="label"/>, as the filter
    /// named it; <paramref name="matched"/>, the value its edge matched, if any), whose edge goes to
    /// <paramref name="start"/> and on to line <paramref name="target"/>: its case or arm by the
    /// source, else the jump to where it goes.</summary>
    public static string OfSwitch(MethodContext method, SourceDocument? source, int line, string label, SwitchLabelMatch? matched, Instruction? start, int target)
    {
        if (label.StartsWith("the arm at line", StringComparison.Ordinal) && source is not null && FirstPoint(method, start) is { } point
            && source.SwitchOutcomeAt(line, point.StartLine, point.StartColumn, matched?.Integer, matched?.String, matched?.TypeName,
                matched?.Member is { } member ? (member.Type, member.Name) : null, matched?.NoLabel == true) is { } name)
            return name;
        return JumpForm(label, target);
    }

    /// <summary>A label with no meaning in the source ("jump", "no jump", "the arm at line N")
    /// in the jump form; any other unchanged.</summary>
    public static string JumpForm(string label, int target) => label switch
    {
        "jump" => JumpTo(target),
        "no jump" => GoingOnTo(target),
        _ when label.StartsWith("the arm at line", StringComparison.Ordinal) => JumpTo(target),
        _ => label,
    };

    private static SequencePoint? FirstPoint(MethodContext method, Instruction? at)
    {
        for (var steps = 0; at is not null && steps < 256; steps++)
        {
            if (method.PointAt(at) is { IsHidden: false } point)
                return point;
            at = at.OpCode.FlowControl == FlowControl.Branch && at.Operand is Instruction jump ? jump : at.Next;
        }
        return null;
    }
}
