using System.Text.RegularExpressions;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A <c>switch</c> statement or expression compiles to a dispatch: a tree of compare chains,
/// range checks, jump tables or string hashing, with no statement in between, ending in the
/// arms. Each IL branch there is the compiler's way of searching; the user's decision is which
/// arm ran. So the whole tree is one decision on the <c>switch</c> line whose outcomes are its
/// distinct exits (one per arm, section or default), and the throw the compiler adds for a
/// switch expression no arm matched is not an outcome. Release builds may drop the header's
/// sequence point; the header is then found in the source and given a line of its own.
/// An edge that matches a label (an equality test, a jump-table entry, a type test) is an outcome
/// of its own, so stacked labels (<c>case 1: case 2:</c>, <c>case int: case long:</c>) count
/// separately as they ran; where the
/// compiler folded stacked labels into one range check, a probe before the check records which
/// value matched. Other edges into the same arm (mismatches falling to default) are one outcome.
/// </summary>
public sealed partial class SwitchDispatchFilter : ICompilerPatternFilter
{
    private const int MaxWalk = 512;

    [GeneratedRegex(@"\bswitch\b")]
    private static partial Regex SwitchKeyword();

    public void Apply(MethodContext method, FilterOutput output)
    {
        if (!method.Instructions.Any(i => IsCandidate(i, output)) || !MayHoldSwitch(method, output))
            return;
        // A statement the filters kept: where a dispatch ends and an arm begins.
        Func<Instruction, bool> isKeptLineStart = at => method.PointAt(at) is { IsHidden: false } && !output.IsLineIgnored(at);
        var visited = new bool[method.Instructions.Length];
        foreach (var first in method.Instructions)
        {
            if (!IsCandidate(first, output) || visited[method.IndexOf(first)])
                continue;
            var (tree, exits, whens) = Walk(method, first, output, isKeptLineStart);
            foreach (var branch in tree)
                visited[method.IndexOf(branch)] = true;
            var header = HeaderLine(method, first, exits, isKeptLineStart);
            if (header is null)
                continue;
            // Only for a dispatch: the source is asked per exit, which every `if` would pay.
            LeaveOperandBefore(method, tree, exits);
            if (tree.Count == 0)
                continue;
            var outcomes = new List<FilteredOutcome>();
            var ranges = new List<RangeLabelsProbe>();
            foreach (var (exit, edges) in ByExit(method, exits))
            {
                // An edge out of a `when` is no label's match, whatever it compares.
                if (LeavesWhen(edges, whens))
                {
                    outcomes.Add(new FilteredOutcome(edges, Label(method, exit)));
                    continue;
                }
                // Each label match its own outcome, even when stacked with others on one arm;
                // the mismatches that land here (the no-match arm, `default`, also stacked with
                // labels: `case 3: default:`) one outcome.
                // Beside mismatches, a jump table's entry is a label's only where the source says
                // so (its gaps lead there too): it stays in their outcome, then not named `default`.
                // An empty string's edge is asked once: both tests below and the match read it.
                var empty = edges.Where(EmptyStringCase.Matches).ToHashSet();
                var mismatches = edges.Where(e => !IsLabelMatch(e, empty) && !IsZeroMatch(method, e) && FoldedRange(method, e) is null).ToList();
                var tableEntries = mismatches.Count == 0 ? [] : edges.Where(e => e.Branch.OpCode.Code == Code.Switch && IsLabelMatch(e, empty)).ToList();
                mismatches.AddRange(tableEntries);
                foreach (var edge in edges.Except(mismatches))
                {
                    if (FoldedRange(method, edge) is { } range)
                        ranges.Add(range with { Line = header.Value.Line });
                    else
                        outcomes.Add(new FilteredOutcome([edge], Label(method, exit), MatchOf(method, edge, empty.Contains(edge))));
                }
                if (mismatches.Count > 0)
                    outcomes.Add(new FilteredOutcome(mismatches, Label(method, exit),
                        mismatches.Count < edges.Count && tableEntries.Count == 0 ? new SwitchLabelMatch(NoLabel: true) : null));
            }
            if (outcomes.Count + ranges.Count == 0)
                continue;
            // The conditions first: an edge that is both an operand's outcome and the dispatch's
            // way into an arm is probed once, for the operand, and the arm's outcome reads it.
            foreach (var (start, condition) in whens)
                SwitchWhenClause.CountOnLine(method, start, condition, output, header.Value.Line);
            output.AddDecision(header.Value.Line, outcomes, tree);
            foreach (var range in ranges)
                output.ProbeValue(range);
            if (!header.Value.HasPoint && method.CoveringPoint(first) is { IsHidden: true } hidden)
                output.AddLine(FirstUnder(method, hidden), header.Value.Line);
        }
    }

    /// <summary>
    /// False only when no dispatch here can have a header: every candidate branch follows a
    /// statement (so a header is looked for no earlier than that statement), the method's
    /// statements are in one readable file, and none of their lines holds the word. Most methods
    /// hold no <c>switch</c>; this spares them a walk from every branch they have.
    /// </summary>
    private static bool MayHoldSwitch(MethodContext method, FilterOutput output)
    {
        string? document = null;
        int first = int.MaxValue, last = 0;
        foreach (var (_, point) in method.SequencePoints)
        {
            if (point.IsHidden)
                continue;
            if ((document ??= point.Document.Url) != point.Document.Url)
                return true;
            first = Math.Min(first, point.StartLine);
            last = Math.Max(last, point.EndLine);
        }
        if (document is null)
            return true;
        foreach (var branch in method.Instructions)
            if (IsCandidate(branch, output) && method.StatementOf(branch) is null)
                return true;
        for (var line = first; line <= last; line++)
            if (method.Sources.Line(document, line) is not { } text || text.Contains("switch", StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>Takes out of the tree the test of a <c>&amp;&amp;</c>/<c>||</c> operand written before a
    /// switch expression (<c>n &gt;= 4 &amp;&amp; c switch { ... }</c>), the walk's first branch: Release
    /// falls from it straight into the dispatch (Debug has the expression's point between), and its
    /// edge past the expression is that operand's outcome, not an arm. Left as it is unless exactly
    /// that branch leaves to a point outside the expression.</summary>
    private static void LeaveOperandBefore(MethodContext method, List<Instruction> tree, List<(EdgeRef Edge, Instruction Exit)> exits)
    {
        SequencePoint? arm = null;
        foreach (var (_, exit) in exits)
            if (method.PointAt(exit) is { IsHidden: false } point && method.Sources.InSwitchExpressionAfterOperand(point, point) == true)
            {
                arm = point;
                break;
            }
        if (arm is null)
            return;
        var leaving = exits.Where(e => method.PointAt(e.Exit) is { IsHidden: false } point && method.Sources.InSwitchExpressionAfterOperand(arm, point) == false)
            .Select(e => e.Edge.Branch).Distinct().ToList();
        if (leaving is not [var operand] || operand != tree[0])
            return;
        tree.RemoveAt(0);
        exits.RemoveAll(e => e.Edge.Branch == operand);
    }

    /// <summary>Whether one of <paramref name="edges"/> leaves a <c>when</c> clause's condition.
    /// A loop, not a lambda: a lambda over the loop's <c>whens</c> would make its closure for
    /// every instruction <see cref="Apply"/> looks at, candidate or not.</summary>
    private static bool LeavesWhen(List<EdgeRef> edges, IReadOnlyList<(Instruction Start, IReadOnlyList<Instruction> Branches)> whens)
    {
        for (var w = 0; w < whens.Count; w++)
            foreach (var edge in edges)
                if (whens[w].Branches.Contains(edge.Branch))
                    return true;
        return false;
    }

    /// <summary>The edges into each exit, in the order the exits were found, leaving out the
    /// compiler's throw for no arm matched; an exit is where it lands (<see cref="Landing"/>). A
    /// dispatch has a handful of exits: a scan finds an exit's group sooner than hashing
    /// instructions would.</summary>
    private static List<(Instruction Exit, List<EdgeRef> Edges)> ByExit(MethodContext method, List<(EdgeRef Edge, Instruction Exit)> exits)
    {
        var groups = new List<(Instruction Exit, List<EdgeRef> Edges)>();
        foreach (var (edge, exit) in exits)
        {
            var landing = Landing(method, exit);
            var group = 0;
            while (group < groups.Count && groups[group].Exit != landing)
                group++;
            if (group < groups.Count)
                groups[group].Edges.Add(edge);
            else if (!ThrowsNoArmMatched(exit))
                groups.Add((landing, [edge]));
        }
        return groups;
    }

    /// <summary>Where an exit lands: the walk stops at a <c>leave</c> (it does not follow a way out
    /// of a <c>try</c>), and one with no point of its own is only the way to its target. A switch
    /// statement in a <c>try</c> that Release compiles as a tree of compares ends each subtree's
    /// mismatches in a <c>leave</c> of its own; all go to the same place, one outcome, named by
    /// the statement they land on.</summary>
    private static Instruction Landing(MethodContext method, Instruction exit) =>
        exit.OpCode.Code is Code.Leave or Code.Leave_S && method.PointAt(exit) is null or { IsHidden: true } && exit.Operand is Instruction target
            ? target
            : exit;

    /// <summary>The instruction a sequence point starts at (a method of its own so the loop in
    /// Apply does not make a closure for every instruction it visits).</summary>
    private static Instruction FirstUnder(MethodContext method, SequencePoint point) =>
        method.Instructions.First(i => method.PointAt(i) == point);

    private static bool IsCandidate(Instruction instruction, FilterOutput output) =>
        BranchShapes.IsDecisionOpCode(instruction.OpCode) && !output.IsBranchIgnored(instruction);

    /// <summary>The branches reachable from <paramref name="first"/> without passing a
    /// statement other than an arm's <c>when</c> (see <see cref="SwitchWhenClause"/>), every edge
    /// that leaves them, with the instruction it arrives at, and the <c>when</c> clauses passed
    /// (where each starts, and its condition's branch, part of the tree).</summary>
    private static (List<Instruction> Tree, List<(EdgeRef Edge, Instruction Exit)> Exits, IReadOnlyList<(Instruction Start, IReadOnlyList<Instruction> Branches)> Whens) Walk(
        MethodContext method, Instruction first, FilterOutput output, Func<Instruction, bool> isKeptLineStart)
    {
        var tree = new List<Instruction> { first };
        var exits = new List<(EdgeRef, Instruction)>();
        List<(Instruction, IReadOnlyList<Instruction>)>? whens = null; // Rare: made when a when clause is met, not per walk.
        for (var i = 0; i < tree.Count; i++)
        {
            foreach (var edge in EdgeRef.AllOf(tree[i]))
            {
                var at = edge.Target;
                for (var steps = 0; at is not null && steps < MaxWalk; steps++)
                {
                    if (isKeptLineStart(at) || at.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw
                        || at.OpCode.Code is Code.Leave or Code.Leave_S or Code.Endfinally)
                        break;
                    if (IsCandidate(at, output))
                        break;
                    at = at.OpCode.Code is Code.Br or Code.Br_S ? (Instruction)at.Operand : at.Next;
                }
                if (at is not null && IsCandidate(at, output) && !isKeptLineStart(at))
                {
                    if (!tree.Contains(at))
                        tree.Add(at);
                }
                else if (at is not null && isKeptLineStart(at) && SwitchWhenClause.ConditionBranches(method, at, output, isKeptLineStart) is { } condition)
                {
                    if (!tree.Contains(condition[0]))
                    {
                        tree.AddRange(condition);
                        (whens ??= []).Add((at, condition));
                    }
                }
                else if (at is not null)
                {
                    exits.Add((edge, at));
                }
            }
        }
        return (tree, exits, whens ?? (IReadOnlyList<(Instruction, IReadOnlyList<Instruction>)>)[]);
    }

    /// <summary>The line of the <c>switch</c> this dispatch belongs to, if it is one.</summary>
    private static (int Line, bool HasPoint)? HeaderLine(
        MethodContext method, Instruction first, List<(EdgeRef Edge, Instruction Exit)> exits, Func<Instruction, bool> isKeptLineStart)
    {
        var statement = method.StatementOf(first);
        if (statement is not null && method.Sources.Matches(statement, SwitchKeyword()))
            return (statement.StartLine, true);
        // Most branches are an if's, on the line of an arm: the search below is empty for them,
        // so the first exit line is found without building anything.
        SequencePoint? firstExit = null;
        foreach (var (_, exit) in exits)
            if (method.PointAt(exit) is { IsHidden: false } point && (firstExit is null || point.StartLine < firstExit.StartLine))
                firstExit = point;
        if (firstExit is null || method.SequencePoints.FirstOrDefault(p => !p.Point.IsHidden).Point?.Document.Url is not { } document)
            return null;
        // A switch written on one line (`switch (t) { case A: case B: return true; }`): its
        // header stands before the first arm on the arm's own line.
        if (firstExit.StartColumn > 1 && method.Sources.Line(document, firstExit.StartLine) is { } own
            && SwitchKeyword().IsMatch(own[..Math.Min(own.Length, firstExit.StartColumn - 1)])
            && (statement is null || statement.EndLine < firstExit.StartLine || statement.EndLine == firstExit.StartLine && statement.EndColumn <= firstExit.StartColumn))
            return (firstExit.StartLine, false);
        var floor = Math.Max(statement?.EndLine ?? 0, firstExit.StartLine - 40);
        HashSet<int>? statementLines = null;
        for (var line = firstExit.StartLine - 1; line > floor; line--)
        {
            statementLines ??= method.SequencePoints.Where(p => isKeptLineStart(p.At)).Select(p => p.Point.StartLine).ToHashSet();
            if (statementLines.Contains(line))
                break;
            if (method.Sources.Line(document, line) is { } source && SwitchKeyword().IsMatch(source))
                return line >= BodyStartLine(method, firstExit) ? (line, false) : null;
        }
        return null;
    }

    /// <summary>The first line of the body (method, lambda, local function...) the arm at
    /// <paramref name="exit"/> is in: a <c>switch</c> above it is another body's (a state
    /// machine's resume dispatch lands after the method's first line, with only braces and the
    /// signature between it and the method before). Line 0, no bound, when the source is not parsed.</summary>
    private static int BodyStartLine(MethodContext method, SequencePoint exit) =>
        method.Sources.BodyStartLine(exit) ?? 0;

    /// <summary>An edge taken exactly when the value matches one label: <c>beq</c> taken,
    /// <c>bne.un</c> not taken, a jump-table entry to an arm, a string equality that held, a type
    /// test that held (<c>case int:</c>, <c>case Todo t:</c>); <paramref name="empty"/>, the edges
    /// of <c>case "":</c> (<see cref="EmptyStringCase.Matches"/>).</summary>
    private static bool IsLabelMatch(EdgeRef edge, HashSet<EdgeRef> empty) => empty.Contains(edge) || edge.Branch.OpCode.Code switch
    {
        Code.Beq or Code.Beq_S => edge.Edge == 1,
        Code.Bne_Un or Code.Bne_Un_S => edge.Edge == EdgeRef.FallThrough,
        Code.Switch => edge.Edge != EdgeRef.FallThrough && edge.Target != BranchShapes.SwitchDefault(edge.Branch),
        Code.Brtrue or Code.Brtrue_S => edge.Edge == 1 && (IsEquality(edge.Branch.Previous) || IsTypeTest(edge.Branch.Previous)),
        Code.Brfalse or Code.Brfalse_S => edge.Edge == EdgeRef.FallThrough && (IsEquality(edge.Branch.Previous) || IsTypeTest(edge.Branch.Previous)),
        _ => false,
    };

    /// <summary>Whether the edge is a match of 0 on a signed integer or enum, which the compiler
    /// tests as its truth: <c>v; brfalse</c> jumping, <c>v; brtrue</c> falling through.</summary>
    private static bool IsZeroMatch(MethodContext method, EdgeRef edge) =>
        (edge.Branch.OpCode.Code is Code.Brfalse or Code.Brfalse_S && edge.Edge == 1 || edge.Branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S && edge.Edge == EdgeRef.FallThrough)
        && edge.Branch.Previous is { } load && VariableLoads.IsLocalOrArgument(load) && SwitchLabelMatch.HoldsSigned(method, load);

    private static bool IsEquality(Instruction? call) =>
        call?.Operand is MethodReference { Name: "op_Equality" or "Equals" } && call.OpCode.Code is Code.Call or Code.Callvirt;

    /// <summary>Whether the value tested is a type test's result: <c>isinst T</c>, or kept in the
    /// pattern's variable first (Debug, and Release where the variable is used):
    /// <c>isinst T; stloc v; ldloc v</c>, in a state machine <c>isinst T; stfld v; ldarg.0; ldfld v</c>.</summary>
    private static bool IsTypeTest(Instruction? tested)
    {
        if (tested is null)
            return false;
        if (tested.OpCode.Code == Code.Isinst)
            return true;
        if (LocalSlots.Loaded(tested) is { } slot)
            return tested.Previous is { } store && LocalSlots.Stored(store) == slot && store.Previous?.OpCode.Code == Code.Isinst;
        return tested is { OpCode.Code: Code.Ldfld, Previous: { OpCode.Code: Code.Ldarg_0, Previous: { OpCode.Code: Code.Stfld } field } }
            && field.Operand is FieldReference stored && tested.Operand is FieldReference loaded && stored.Name == loaded.Name
            && field.Previous?.OpCode.Code == Code.Isinst;
    }

    /// <summary>The value a label match (<see cref="IsLabelMatch"/>) compared with, where the IL
    /// shows it plainly: the constant of a <c>beq</c>/<c>bne.un</c>, a jump table's entry (after
    /// <c>ldc first; sub</c>, or from 0 on a plain load), the <c>ldstr</c> of a string equality,
    /// the type of an <c>isinst</c>; <paramref name="empty"/>: the edge is <c>case "":</c>'s.</summary>
    private static SwitchLabelMatch? MatchOf(MethodContext method, EdgeRef edge, bool empty)
    {
        var branch = edge.Branch;
        SwitchLabelMatch Integer(long value, Instruction? load) =>
            new(Integer: value, Member: load is not null && VariableLoads.IsLocalOrArgument(load) ? SwitchLabelMatch.EnumMemberOf(method, load, value) : null);
        if (empty)
            return EmptyStringCase.Match;
        if (IsZeroMatch(method, edge))
            return Integer(0, branch.Previous);
        switch (branch.OpCode.Code)
        {
            case Code.Beq or Code.Beq_S or Code.Bne_Un or Code.Bne_Un_S:
                return branch.Previous is { } constant && ConstantOf(constant) is { } value ? Integer(value, constant.Previous) : null;
            case Code.Switch when branch.Previous is { OpCode.Code: Code.Sub, Previous: { } first } && ConstantOf(first) is { } offset:
                return Integer(offset + edge.Edge - 1, first.Previous);
            case Code.Switch when branch.Previous is { } load && VariableLoads.IsLocalOrArgument(load):
                return Integer(edge.Edge - 1, load);
            case Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S when IsEquality(branch.Previous):
                return branch.Previous!.Previous is { OpCode.Code: Code.Ldstr, Operand: string text } ? new SwitchLabelMatch(String: text) : null;
            case Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S when TypeTested(branch.Previous) is { } type:
                return new SwitchLabelMatch(TypeName: type.Name);
            default:
                return null;
        }
    }

    private static long? ConstantOf(Instruction instruction) =>
        instruction.OpCode.Code == Code.Ldc_I8 ? (long)instruction.Operand : ShortForms.Int32ConstantOf(instruction);

    /// <summary>The type an <c>isinst</c> tested, for a value <see cref="IsTypeTest"/> accepts.</summary>
    private static TypeReference? TypeTested(Instruction? tested)
    {
        if (!IsTypeTest(tested))
            return null;
        var isinst = tested!.OpCode.Code == Code.Isinst ? tested : LocalSlots.Loaded(tested) is not null ? tested.Previous!.Previous! : tested.Previous!.Previous!.Previous!;
        return isinst.Operand as TypeReference;
    }

    /// <summary>The in-range edge of <c>v; ldc first; sub; ldc n; ble.un</c> (or its
    /// <c>bgt.un</c> mirror; from 0, <c>v; ldc n; ble.un</c>) when it covers several values:
    /// stacked labels folded by the compiler. For an enum, with the member of each value.</summary>
    private static RangeLabelsProbe? FoldedRange(MethodContext method, EdgeRef edge)
    {
        var branch = edge.Branch;
        var inRangeEdge = branch.OpCode.Code switch
        {
            Code.Ble_Un or Code.Ble_Un_S => 1,
            Code.Bgt_Un or Code.Bgt_Un_S => EdgeRef.FallThrough,
            _ => -1,
        };
        if (edge.Edge != inRangeEdge || branch.Previous is not { } last || ShortForms.Int32ConstantOf(last) is not { } span || span < 1)
            return null;
        Instruction load;
        int first;
        if (last.Previous is { OpCode.Code: Code.Sub } sub)
        {
            if (sub.Previous is not { } firstLoad || ShortForms.Int32ConstantOf(firstLoad) is not { } start || firstLoad.Previous is not { } loaded)
                return null;
            (load, first) = (loaded, start);
        }
        else if (last.Previous is { } loaded && SwitchLabelMatch.HoldsSigned(method, loaded))
            (load, first) = (loaded, 0);
        else
            return null;
        if (!VariableLoads.IsLocalOrArgument(load))
            return null;
        var members = Enumerable.Range(first, span + 1).Select(v => SwitchLabelMatch.EnumMemberOf(method, load, v)).OfType<EnumMember>().ToList();
        return new RangeLabelsProbe(load, load, first, span + 1) { Section = edge.Target, Members = members.Count == span + 1 ? members : null };
    }

    private static string Label(MethodContext method, Instruction exit) =>
        method.PointAt(exit) is { IsHidden: false } point ? $"the arm at line {point.StartLine}" : "no arm matching";

    private const string NoArmMatched = "SwitchExpressionException";

    /// <summary>The compiler's throw when no arm of a switch expression matches (a
    /// SwitchExpressionException, or a helper that throws one).</summary>
    private static bool ThrowsNoArmMatched(Instruction exit)
    {
        for (var at = exit; at is not null && at.OpCode.FlowControl != FlowControl.Throw; at = at.Next)
        {
            // By name, not FullName: that builds a string for every call this walk passes.
            if (at.Operand is MemberReference member && (member.Name.Contains(NoArmMatched, StringComparison.Ordinal)
                || member.DeclaringType?.Name.Contains(NoArmMatched, StringComparison.Ordinal) == true))
                return true;
            if (at.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return)
                return false;
        }
        return false;
    }
}
