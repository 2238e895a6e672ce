using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Filters;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Decides what to probe in a method: every visible sequence point is a statement and every
/// conditional branch a decision of the statement it follows, until a filter says it is the
/// compiler's (JaCoCo's approach: count everything, subtract known compiler idioms).
/// </summary>
internal sealed class MethodAnalyzer(IReadOnlyList<ICompilerPatternFilter> filters)
{
    public MethodPlan Analyze(MethodContext method)
    {
        var output = new FilterOutput(method);
        foreach (var filter in filters)
            filter.Apply(method, output);

        string? document = null;
        var lines = new List<LineSite>(method.SequencePoints.Count + output.AddedLines.Count);
        foreach (var (at, point) in method.SequencePoints)
        {
            if (point.IsHidden)
                continue;
            document ??= point.Document.Url;
            if (!output.IsLineIgnored(at))
                lines.Add(new LineSite(at, point.StartLine, point.Document.Url));
        }
        foreach (var (at, line) in output.AddedLines)
            lines.Add(new LineSite(at, line, DocumentOf(method, at, document)));
        var syntax = SourceStatements.SyntaxFor(method);
        if (syntax is not null)
            SourceStatements.DropNonStatements(method, syntax, lines);
        var lineStarts = new Dictionary<Instruction, int>(lines.Count);
        foreach (var line in lines)
            lineStarts.TryAdd(line.At, line.Line);

        var branches = new List<BranchSite>();
        var tests = new List<(Instruction Branch, SequencePoint Statement, bool NullTest)>();
        foreach (var branch in method.Instructions.Where(i => BranchShapes.IsDecisionOpCode(i.OpCode) && !output.IsBranchIgnored(i)))
            if (method.StatementOf(branch) is { } statement)
                tests.Add((branch, statement, IsNullTest(method, branch, statement)));
        var source = tests.Count + output.ValueProbes.Count + output.Decisions.Count > 0 ? OutcomeLabels.SyntaxOf(method) : null;
        var conditionDecisions = output.Decisions.Where(PropertyPatternNullTestFilter.IsPropertyCondition).Select(d => (d.Outcomes[0].Edges[0].Branch, (object)d)).ToList();
        var named = source is null ? [] : OutcomeLabels.ByCondition(method, source, tests, output.ValueProbes, conditionDecisions, output.IsBranchIgnored);
        foreach (var (branch, statement, nullTest) in tests)
            branches.Add(new BranchSite(statement.StartLine, Outcomes(branch, lineStarts, nullTest, named.GetValueOrDefault(branch))));
        foreach (var decision in output.Decisions)
            branches.Add(new BranchSite(decision.Line, decision.Outcomes
                .Select((o, k) => (Outcome: o, Target: FollowToLine(o.Edges[0].Target, lineStarts), Named: named.GetValueOrDefault(decision)?[k]))
                .Select(o => new OutcomeSite(o.Outcome.Edges, o.Named ?? OutcomeLabels.OfSwitch(method, source, decision.Line, o.Outcome.Label, o.Outcome.Matched, o.Outcome.Edges[0].Target, o.Target), o.Target)).ToList()));
        foreach (var probe in output.ValueProbes)
            if ((probe.Line ?? method.StatementOf(probe.At)?.StartLine) is { } line)
            {
                var target = FollowToLine(probe.At, lineStarts);
                var labels = named.GetValueOrDefault(probe) ?? probe.Labels.Select(l => OutcomeLabels.JumpForm(l, target)).ToList();
                branches.Add(new BranchSite(line, labels.Select(label => new OutcomeSite([], label, target)).ToList(), probe));
            }
        var sourced = syntax is null ? [] : SourceStatements.AddHidden(method, syntax, lines, branches);
        return new MethodPlan(lines, branches) { SourcedLines = sourced };
    }

    /// <summary>The file of the statement <paramref name="at"/> belongs to; <paramref name="first"/>,
    /// the body's first, when it belongs to none.</summary>
    internal static string DocumentOf(MethodContext method, Instruction at, string? first) =>
        method.StatementOf(at)?.Document.Url ?? first ?? "";

    /// <summary>Whether a branch is the null test of a <c>??</c>, <c>??=</c>, <c>?.</c> or
    /// <c>?[]</c>: it tests a copy of the value (<c>dup</c>) that is then used or dropped, and
    /// the statement's source has such an operator; or, for a <c>??=</c> statement, which tests
    /// the variable itself, a load of a reference-typed field, local or parameter. Its outcomes
    /// are then "null" and "not null", as the user reads them, not the truth of a reference.</summary>
    private static bool IsNullTest(MethodContext method, Instruction branch, SequencePoint statement) =>
        branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S
        && (branch.Previous?.OpCode.Code == Code.Dup && method.Sources.Matches(statement, NullOperator)
            || LoadedTypes.Of(method, branch.Previous) is { IsValueType: false, IsGenericParameter: false } && method.Sources.Matches(statement, CoalesceAssignment));

    private static readonly System.Text.RegularExpressions.Regex NullOperator = new(@"\?\?|\?\.|\?\[", System.Text.RegularExpressions.RegexOptions.Compiled);
    private static readonly System.Text.RegularExpressions.Regex CoalesceAssignment = new(@"\?\?=", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static List<OutcomeSite> Outcomes(Instruction branch, IReadOnlyDictionary<Instruction, int> lineStarts, bool nullTest = false, IReadOnlyList<string>? named = null)
    {
        if (branch.Operand is Instruction[] table)
        {
            var defaultTarget = branch.Next is { OpCode.Code: Code.Br or Code.Br_S, Operand: Instruction jump } ? jump : branch.Next;
            var defaultEdges = new List<EdgeRef> { new(branch, EdgeRef.FallThrough) };
            var outcomes = new List<OutcomeSite>();
            for (var k = 0; k < table.Length; k++)
            {
                if (table[k] == defaultTarget)
                    defaultEdges.Add(new EdgeRef(branch, k + 1));
                else
                    outcomes.Add(new OutcomeSite([new EdgeRef(branch, k + 1)], OutcomeLabels.JumpTo(FollowToLine(table[k], lineStarts)), FollowToLine(table[k], lineStarts)));
            }
            outcomes.Add(new OutcomeSite(defaultEdges, OutcomeLabels.GoingOnTo(FollowToLine(defaultTarget, lineStarts)), FollowToLine(defaultTarget, lineStarts)));
            return outcomes;
        }
        var takenLine = FollowToLine((Instruction)branch.Operand, lineStarts);
        var nextLine = FollowToLine(branch.Next, lineStarts);
        var (taken, notTaken) = named is [var t, var f] ? (t, f)
            : nullTest ? (branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S ? ("not null", "null") : ("null", "not null"))
            : (OutcomeLabels.JumpTo(takenLine), OutcomeLabels.GoingOnTo(nextLine));
        return
        [
            new OutcomeSite([new EdgeRef(branch, 1)], taken, takenLine),
            new OutcomeSite([new EdgeRef(branch, EdgeRef.FallThrough)], notTaken, nextLine),
        ];
    }

    /// <summary>The line execution reaches from an edge target: the next statement in IL order,
    /// following unconditional jumps; 0 when the method returns or throws first.</summary>
    internal static int FollowToLine(Instruction? target, IReadOnlyDictionary<Instruction, int> lineStarts)
    {
        for (var steps = 0; target is not null && steps < 64; steps++)
        {
            if (lineStarts.TryGetValue(target, out var line))
                return line;
            switch (target.OpCode.FlowControl)
            {
                case FlowControl.Branch when target.Operand is Instruction jump:
                    target = jump;
                    continue;
                case FlowControl.Return or FlowControl.Throw:
                    return 0;
            }
            target = target.Next;
        }
        return 0;
    }
}
