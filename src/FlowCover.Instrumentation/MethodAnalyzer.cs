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
/// <paramref name="syntaxForEveryMethod"/>: the source's syntax for every method, not only where
/// <see cref="SyntaxNeed"/> asks (<see cref="InstrumentOptions.SyntaxForEveryMethod"/>).
/// </summary>
internal sealed class MethodAnalyzer(IReadOnlyList<ICompilerPatternFilter> filters, bool syntaxForEveryMethod = false)
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
        var syntax = SourceStatements.SyntaxFor(method, syntaxForEveryMethod);
        List<int> twins = [];
        if (syntax is not null)
        {
            SourceStatements.DropNonStatements(method, syntax, lines);
            twins = SameJumpLines.Drop(method, syntax, lines);
        }
        var lineStarts = new Dictionary<Instruction, int>(lines.Count);
        foreach (var line in lines)
            lineStarts.TryAdd(line.At, line.Line);

        var branches = new List<BranchSite>();
        var tests = new List<(Instruction Branch, SequencePoint Statement, bool NullTest)>();
        foreach (var branch in method.Instructions.Where(i => BranchShapes.IsDecisionOpCode(i.OpCode) && !output.IsBranchIgnored(i)))
            if (method.StatementOf(branch) is { } statement)
                tests.Add((branch, statement, IsNullTest(method, branch, statement)));
        var source = tests.Count + output.ValueProbes.Count + output.Decisions.Count > 0 ? OutcomeLabels.SyntaxOf(method) : null;
        var conditionDecisions = output.Decisions.Where(d => PropertyPatternNullTestFilter.IsPropertyCondition(d) || NullableOrPatternFilter.IsConstantCondition(d)).Select(d => (d.Outcomes[0].Edges[0].Branch, (object)d)).ToList();
        var named = source is null ? [] : OutcomeLabels.ByCondition(method, source, tests, output.ValueProbes, conditionDecisions, output.IsBranchIgnored);
        foreach (var (branch, statement, nullTest) in tests)
            branches.Add(new BranchSite(statement.StartLine, Outcomes(branch, lineStarts, statement.StartLine, nullTest, named.GetValueOrDefault(branch))));
        foreach (var decision in output.Decisions)
            branches.Add(new BranchSite(decision.Line, decision.Outcomes
                .Select((o, k) => (Outcome: o, Target: FollowToLine(o.Edges[0].Target, lineStarts, decision.Line), Named: named.GetValueOrDefault(decision)?[k]))
                .Select(o => new OutcomeSite(o.Outcome.Edges, o.Named ?? OutcomeLabels.OfSwitch(method, source, decision.Line, o.Outcome.Label, o.Outcome.Matched, o.Outcome.Edges[0].Target, o.Target), o.Target)).ToList()));
        foreach (var probe in output.ValueProbes)
            if ((probe.Line ?? method.StatementOf(probe.At)?.StartLine) is { } line)
            {
                var target = FollowToLine(probe.At, lineStarts, line);
                var labels = named.GetValueOrDefault(probe) ?? probe.Labels.Select(l => OutcomeLabels.JumpForm(l, target)).ToList();
                var alsoFalse = probe is StackValueProbe stack ? stack.AlsoFalse : [];
                branches.Add(new BranchSite(line, labels.Select((label, k) => new OutcomeSite(k == 1 ? alsoFalse : [], label, target)).ToList(), probe));
            }
        var sourced = syntax is null ? [] : SourceStatements.AddHidden(method, syntax, lines, branches);
        SameJumpLines.Unplace(sourced, twins, document);
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
    /// are then "null" and "not null", as the user reads them, not the truth of a reference. Or
    /// the test of a <c>?.</c>'s receiver held in a variable (<see cref="ConditionalAccessReceiver"/>).</summary>
    private static bool IsNullTest(MethodContext method, Instruction branch, SequencePoint statement) =>
        branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S
        && (branch.Previous?.OpCode.Code == Code.Dup && method.Sources.Matches(statement, NullOperator)
            || LoadedTypes.Of(method, branch.Previous) is { IsValueType: false, IsGenericParameter: false } && method.Sources.Matches(statement, CoalesceAssignment))
        || ConditionalAccessReceiver.IsNullTest(method, branch, statement);

    private static readonly System.Text.RegularExpressions.Regex NullOperator = new(@"\?\?|\?\.|\?\[", System.Text.RegularExpressions.RegexOptions.Compiled);
    private static readonly System.Text.RegularExpressions.Regex CoalesceAssignment = new(@"\?\?=", System.Text.RegularExpressions.RegexOptions.Compiled);

    private static List<OutcomeSite> Outcomes(Instruction branch, IReadOnlyDictionary<Instruction, int> lineStarts, int ownLine, bool nullTest = false, IReadOnlyList<string>? named = null)
    {
        if (branch.Operand is Instruction[] table)
        {
            // Entries that jump to one place are one outcome: the jump form names an outcome by
            // where it goes, and two outcomes of one name, one taken and one not, would print
            // "never went from 5 to 6" although it did (`c is 'a' or 'b' or 'c'`, a table whose
            // every entry goes to the pattern's true). One probe counts every entry of it.
            var defaultTarget = BranchShapes.SwitchDefault(branch);
            var defaultEdges = new List<EdgeRef> { new(branch, EdgeRef.FallThrough) };
            var byTarget = new Dictionary<Instruction, List<EdgeRef>>();
            var order = new List<Instruction>();
            for (var k = 0; k < table.Length; k++)
            {
                if (table[k] == defaultTarget)
                    defaultEdges.Add(new EdgeRef(branch, k + 1));
                else if (byTarget.TryGetValue(table[k], out var same))
                    same.Add(new EdgeRef(branch, k + 1));
                else
                {
                    byTarget[table[k]] = [new EdgeRef(branch, k + 1)];
                    order.Add(table[k]);
                }
            }
            // Named by the source when the table tests a run of constants: its entries the run's
            // true, its default the false.
            var (matched, unmatched) = named is [var m, var u] && order.Count == 1 ? (m, u) : (null, null);
            var outcomes = new List<OutcomeSite>(order.Count + 1);
            foreach (var target in order)
            {
                var line = FollowToLine(target, lineStarts, ownLine);
                outcomes.Add(new OutcomeSite(byTarget[target], matched ?? OutcomeLabels.JumpTo(line), line));
            }
            var defaultLine = FollowToLine(defaultTarget, lineStarts, ownLine);
            outcomes.Add(new OutcomeSite(defaultEdges, unmatched ?? OutcomeLabels.GoingOnTo(defaultLine), defaultLine));
            return outcomes;
        }
        var takenLine = FollowToLine((Instruction)branch.Operand, lineStarts, ownLine);
        var nextLine = FollowToLine(branch.Next, lineStarts, ownLine);
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
    /// following unconditional jumps; 0 when the method returns or throws first. A test of a
    /// value the walk itself pushed goes the way that value decides: the compiler materializes
    /// a condition's result as 0 or 1, may store it in a local, and tests it again
    /// (<c>if (c is 'a' or 'b' or 'c')</c> in Debug), and the edge that pushed 0 goes where the
    /// test of 0 goes. Another test is followed both ways: where they reach one line, that line;
    /// else the edge goes on to that test, which is the decision's own (<paramref name="ownLine"/>).</summary>
    internal static int FollowToLine(Instruction? target, IReadOnlyDictionary<Instruction, int> lineStarts, int ownLine) =>
        FollowToLine(target, lineStarts, ownLine, 0);

    private static int FollowToLine(Instruction? target, IReadOnlyDictionary<Instruction, int> lineStarts, int ownLine, int depth)
    {
        int? pushed = null;
        (int Slot, int Value)? stored = null;
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
                case FlowControl.Cond_Branch when pushed is { } value && target.Operand is Instruction taken
                    && target.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S:
                    var jumps = target.OpCode.Code is Code.Brtrue or Code.Brtrue_S ? value != 0 : value == 0;
                    target = jumps ? taken : target.Next;
                    pushed = null;
                    continue;
                case FlowControl.Cond_Branch when target.Operand is Instruction other && depth < 3:
                    var either = FollowToLine(other, lineStarts, ownLine, depth + 1);
                    return either == FollowToLine(target.Next, lineStarts, ownLine, depth + 1) ? either : ownLine;
            }
            (pushed, stored) = Pushed(target, pushed, stored);
            target = target.Next;
        }
        return 0;
    }

    /// <summary>The constant on top of the stack after <paramref name="at"/>, when the walk knows
    /// it (a constant pushed, or loaded back from the local it was stored in), and the local
    /// holding one.</summary>
    private static (int? Pushed, (int Slot, int Value)? Stored) Pushed(Instruction at, int? pushed, (int Slot, int Value)? stored)
    {
        if (ShortForms.Int32ConstantOf(at) is { } constant)
            return (constant, stored);
        if (LocalSlots.Stored(at) is { } slot)
            return (null, pushed is { } value ? (slot, value) : stored?.Slot == slot ? null : stored);
        if (LocalSlots.Loaded(at) is { } loaded)
            return (stored is { } s && s.Slot == loaded ? s.Value : null, stored);
        return at.OpCode.Code is Code.Nop or Code.Dup ? (pushed, stored) : (null, stored);
    }
}
