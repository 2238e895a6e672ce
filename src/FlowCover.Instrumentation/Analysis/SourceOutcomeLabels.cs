using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Names a statement's branch outcomes by the source (docs/annotations.md, "How reports name an
/// outcome"): each test the IL makes is lined up with a condition the statement writes, in the
/// order the compiler emits them, and which of its edges is the condition's <c>true</c> is read
/// from where each edge goes: the next condition, the <c>then</c> or a loop's body, the
/// <c>else</c> or past the loop, a constant the compiler materializes, or, for a <c>?:</c>, the
/// arm placed after the other (the compiler emits the <c>true</c> arm last). Never from the
/// branch's opcode: a comparison the compiler folded (<c>n == 0</c> tested as <c>n</c>) or a
/// <c>!</c> it folded inverts that. Where the lining up or the edges leave any doubt, the
/// outcomes keep the jump form (<c>the jump to line 16</c>).
/// </summary>
internal static partial class SourceOutcomeLabels
{
    private const int MaxWalk = 256;

    /// <summary>One test of a statement: a branch instruction whose two edges are its outcomes
    /// (with <paramref name="Value"/>, a probe of whether it jumps), a value probe alone (the
    /// value is the condition's, so its sense is known), or a <paramref name="Decision"/> a filter
    /// made whose outcomes are its condition's true and false, in that order.</summary>
    public sealed record Site(Instruction At, Instruction? Branch, ValueProbe? Value, int Conditions, object? Decision = null)
    {
        /// <summary>What the site's labels are kept by: its decision, its value probe, or its branch.</summary>
        public object Key => Decision ?? (object?)Value ?? Branch!;
    }

    /// <summary>The labels of each site whose conditions the source names, put in
    /// <paramref name="labels"/> by the site's key (<see cref="Site.Key"/>): for a branch, its
    /// taken and fall-through outcomes; for a value probe or a decision, its outcomes in its label
    /// order. The one table for all of a method's statements: one made per statement was most of
    /// what naming them allocated.</summary>
    public static void Label(MethodContext method, SourceDocument syntax, SequencePoint statement, List<Site> sites,
        Func<Instruction, bool> isPlumbing, Dictionary<object, IReadOnlyList<string>> labels)
    {
        if (syntax.ConditionsOf(statement.StartLine, statement.StartColumn, statement.EndLine, statement.EndColumn) is not { } conditions)
            return;
        if (conditions.Conditions.Count == 0)
        {
            // Only null tests: each branch tests a reference (or HasValue), so jumping on true is "not null".
            if (sites.Count <= conditions.NullTests && sites.TrueForAll(s => s.Value is null && IsTruthTest(s.Branch!)))
                foreach (var site in sites)
                    labels[site.Key] = site.Branch!.OpCode.Code is Code.Brtrue or Code.Brtrue_S ? ["not null", "null"] : ["null", "not null"];
            return;
        }
        // Most statements test once: nothing to order.
        var ordered = sites.Count == 1 ? sites : sites.OrderBy(s => method.IndexOf(s.At)).ToList();
        // A run of constants the compiler tested with one range check (`x is 1 or 2`) is one
        // condition; its test must be that range check. An `or` of constants the compiler tests
        // in another order is read in the order it tests them.
        var tests = 0;
        for (var s = 0; s < ordered.Count; s++)
            tests += ordered[s].Conditions;
        if ((tests == conditions.Conditions.Count && LinesUp(method, ordered, conditions) ? conditions
            : conditions.Folded is { } folded && tests == folded.Conditions.Count && LinesUp(method, ordered, folded) ? folded
            : InTestedOrder(ordered, conditions) is { } tested && LinesUp(method, ordered, tested) ? tested
            : null) is not { } linedUp || !ValuesLineUp(ordered, linedUp) || !NoCombinedTest(method, statement, ordered))
        {
            LabelLeadingValues(method, syntax, statement, ordered, conditions, isPlumbing, labels);
            return;
        }
        conditions = linedUp;
        // Where each condition's test is reached: its branch, or where its value is probed.
        // A statement has a handful of tests: a list scanned beats a dictionary made per statement.
        var conditionAt = new List<(Instruction At, int Condition)>(ordered.Count);
        var next = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var site = ordered[s];
            if (ConditionAt(conditionAt, site.At) is null)
                conditionAt.Add((site.At, next));
            if (site.Value is ArmValuesProbe arms)
                conditionAt.Add((arms.Other, next)); // A `?:`'s value, probed at the end of each arm: either arm reaches it.
            next += site.Conditions;
        }
        var walk = new EdgeWalk(method, syntax, conditionAt, isPlumbing);
        if (!ArmsLineUp(method, statement, walk, ordered, conditions))
            return;
        next = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var site = ordered[s];
            var first = next;
            next += site.Conditions;
            if (site.Branch is { } branch)
            {
                var own = conditions.Conditions[first];
                if (IsTable(branch))
                {
                    if (TableMatchesTrue(walk, branch, own))
                        labels[site.Key] = [own.TrueLabel, own.FalseLabel];
                }
                else if (TakenIsTrue(walk, branch, own) is { } takenIsTrue)
                    labels[site.Key] = takenIsTrue ? [own.TrueLabel, own.FalseLabel] : [own.FalseLabel, own.TrueLabel];
            }
            else if (site.Value is StackValueProbe or FallThroughValueProbe && conditions.Conditions[first] is var negated
                && (negated.OnTrue is { Condition: -1, Value: false } || negated.OnFalse is { Condition: -1, Value: true }))
                labels[site.Key] = [negated.FalseLabel, negated.TrueLabel]; // The value probed is the negated chain's: under a `!` (`!(a || b)`, also `!(a || b) && c`), the last operand's negation.
            else
                labels[site.Key] = OutcomesOf(conditions.Conditions, first, site.Conditions);
        }
    }

    /// <summary>The true and false labels of <paramref name="count"/> conditions from <paramref name="first"/>, in turn.</summary>
    private static string[] OutcomesOf(IReadOnlyList<SourceCondition> conditions, int first, int count)
    {
        var outcomes = new string[2 * count];
        for (var k = 0; k < count; k++)
            (outcomes[2 * k], outcomes[2 * k + 1]) = (conditions[first + k].TrueLabel, conditions[first + k].FalseLabel);
        return outcomes;
    }

    /// <summary>Whether each test can be its conditions': a run of constants only a range check or
    /// a jump table, a jump table only such a run, and a compare of constants only the condition
    /// of those constants.</summary>
    private static bool LinesUp(MethodContext method, IReadOnlyList<Site> ordered, StatementConditions conditions)
    {
        var at = 0;
        for (var s = 0; s < ordered.Count; s++)
        {
            var site = ordered[s];
            for (var k = at; k < at + site.Conditions; k++)
                if (conditions.Conditions[k].Range && (site.Conditions != 1 || site.Branch is not { } range || !IsRangeCheck(range) && !IsTable(range)))
                    return false;
            if (site.Value is null && site.Decision is null && !NullTestSites.MayLineUp(method, site.Branch, conditions.Conditions[at]))
                return false;
            // A jump table tests a run of constants (`c is 'a' or 'b' or 'c'`), never one.
            if (site.Branch is { } table && IsTable(table) && (site.Conditions != 1 || !conditions.Conditions[at].Range))
                return false;
            // A compare of constants tests the ones its condition writes: the compiler may test an
            // `or`'s constants in another order, one compare each (a binary search).
            if (site.Conditions == 1 && site.Value is null && conditions.Conditions[at].Constants is { } constants
                && site.Branch is { } compare && TestedValues(compare) is { } values && !values.SetEquals(constants))
                return false;
            // A type test (`isinst`) tests a type pattern, never a pattern's constants: where the
            // count lines a constant up with one, the tests are off by some of the compiler's own
            // (`c ? x == y || n is 1 or 3 : o is string && o is int k` named `o is string`'s test
            // `is 1`).
            if (site.Conditions == 1 && site.Value is null && conditions.Conditions[at].Constants is not null
                && site.Branch is { Previous.OpCode.Code: Code.Isinst })
                return false;
            // A condition that reads through `?.` or `?[` is false on null without reaching its
            // own compare: its value probed must be the one the null way joins in.
            if (site.Value is { } probe && site.Conditions == 1 && ReadsThroughNull(conditions.Conditions[at].Text)
                && !NullWaysReach(method, probe, s > 0 ? ordered[s - 1].At : null))
                return false;
            // A relation compares its bound: an `or` of ranges the compiler tests by a binary
            // search of their bounds, in another order than written, is not its conditions one
            // by one (`r is >= 0x1100 and (<= 0x11ff or >= 0x2329 and ...)`: `r < 0xf900` first).
            if (site.Conditions == 1 && site.Value is null && conditions.Conditions[at].Bound is { } bound && site.Branch is { } relation
                && RelationBound.Of(relation) is { } compared && compared != bound)
                return false;
            // An enum's member, or a run of them: the test must compare those members' numbers.
            if (site.Conditions == 1 && conditions.Conditions[at].Members is { } members
                && (site.Value is not null || site.Branch is not { } test || !EnumRunTest.Matches(method, test, TestedValues(test), members)))
                return false;
            at += site.Conditions;
        }
        return true;
    }

    /// <summary>The conditions of an <c>or</c> of constants regrouped as the IL tests them
    /// (<see cref="SourceDocument.InTestedOrder"/>), each test by the constants it compares;
    /// null unless every test is a compare with one constant, a range check or a jump table.</summary>
    private static StatementConditions? InTestedOrder(IReadOnlyList<Site> ordered, StatementConditions conditions)
    {
        var tested = new List<IReadOnlyCollection<long>>(ordered.Count);
        for (var s = 0; s < ordered.Count; s++)
        {
            var site = ordered[s];
            if (site.Branch is not { } branch || site.Value is not null || site.Conditions != 1 || TestedValues(branch) is not { } values)
                return null;
            tested.Add(values);
        }
        return SourceDocument.InTestedOrder(conditions, tested);
    }

    /// <summary>The values a test of a pattern's constants matches: a <c>beq</c> (or <c>bne.un</c>)
    /// on one constant, a range check's values, a jump table's entries that are not its default.</summary>
    private static HashSet<long>? TestedValues(Instruction branch)
    {
        switch (branch.OpCode.Code)
        {
            case Code.Beq or Code.Beq_S or Code.Bne_Un or Code.Bne_Un_S:
                return branch.Previous is { } constant && ShortForms.Int32ConstantOf(constant) is { } value ? [value] : null;
            case Code.Switch:
                if ((branch.Previous is { OpCode.Code: Code.Sub, Previous: { } first } ? ShortForms.Int32ConstantOf(first) : 0) is not { } from)
                    return null;
                var otherwise = BranchShapes.SwitchDefault(branch);
                var table = (Instruction[])branch.Operand;
                var entries = new HashSet<long>();
                for (var k = 0; k < table.Length; k++)
                    if (table[k] != otherwise)
                        entries.Add((long)from + k);
                return entries;
            default:
                if (!IsRangeCheck(branch) || ShortForms.Int32ConstantOf(branch.Previous!) is not { } span)
                    return null;
                var start = branch.Previous!.Previous is { OpCode.Code: Code.Sub, Previous: { } low } ? ShortForms.Int32ConstantOf(low) ?? 0 : 0;
                return [.. Enumerable.Range(0, span + 1).Select(k => (long)start + k)];
        }
    }

    /// <summary>Whether the branch jumps when <paramref name="condition"/> is true; null when its
    /// edges do not say so consistently.</summary>
    private static bool? TakenIsTrue(EdgeWalk walk, Instruction branch, SourceCondition condition)
    {
        var taken = walk.Meaning((Instruction)branch.Operand, condition.Root, 0);
        var fall = walk.Meaning(branch.Next, condition.Root, 0);
        var takenTrue = Leads(taken, condition.OnTrue) || Leads(fall, condition.OnFalse);
        var takenFalse = Leads(taken, condition.OnFalse) || Leads(fall, condition.OnTrue);
        if (takenTrue != takenFalse)
            return takenTrue;
        // A `?:` arm has no statement of its own: the true arm is the one placed after the other,
        // behind the false arm's unconditional jump or return. Both arms lead on alike (nowhere
        // the source names, or the same later test: `if (f ? a : b)`).
        if (!takenTrue && condition.Root.Kind == DecisionKind.Conditional && condition.OnTrue.Condition < 0 && condition.OnFalse.Condition < 0
            && taken == fall)
            return IsAfterUnconditional((Instruction)branch.Operand) && !IsAfterUnconditional(branch.Next) ? true : null;
        return null;
    }

    /// <summary>Whether a jump table's entries all go to one place, where the condition is true,
    /// and its default (the values between and outside the run) where it is false. Its labels
    /// are then the entries' outcome's and the default's, in that order.</summary>
    private static bool TableMatchesTrue(EdgeWalk walk, Instruction table, SourceCondition condition)
    {
        var otherwise = BranchShapes.SwitchDefault(table);
        var entries = ((Instruction[])table.Operand).Where(t => t != otherwise).Distinct().ToList();
        return entries.Count == 1 && Leads(walk.Meaning(entries[0], condition.Root, 0), condition.OnTrue)
            && Leads(walk.Meaning(table.Next, condition.Root, 0), condition.OnFalse);
    }

    private static bool IsTable(Instruction branch) => branch.OpCode.Code == Code.Switch;

    /// <summary>Whether an edge that leads to <paramref name="lead"/> goes where <paramref name="next"/> says.</summary>
    private static bool Leads(Lead? lead, ConditionNext next) => lead is { } l && l.Condition == next.Condition && (next.Condition >= 0 || l.Value == next.Value);

    private readonly record struct Lead(int Condition, bool Value);

    /// <summary>Follows an edge to what it leads to: the next condition's test, or the decision's
    /// outcome by the first statement reached, by the method's end, or by the constant the
    /// compiler pushes for it. Through the compiler's own branches (an awaiter's
    /// <c>IsCompleted</c>), when all their ways that say anything say the same.</summary>
    private static int? ConditionAt(List<(Instruction At, int Condition)> conditionAt, Instruction at)
    {
        foreach (var (start, condition) in conditionAt)
            if (start == at)
                return condition;
        return null;
    }

    private sealed class EdgeWalk(MethodContext method, SourceDocument syntax, List<(Instruction At, int Condition)> conditionAt, Func<Instruction, bool> isPlumbing)
    {
        private const int MaxDepth = 4;

        public Lead? Meaning(Instruction? start, ConditionRoot root, int depth)
        {
            var at = start;
            for (var steps = 0; at is not null && steps < MaxWalk; steps++)
            {
                if (method.PointAt(at) is { IsHidden: false } point)
                    return syntax.OutcomeAt(root, point.StartLine, point.StartColumn) is { } value ? new Lead(-1, value) : null;
                if (ConditionAt(conditionAt, at) is { } condition)
                    return new Lead(condition, false);
                if (ArmConstantPush.Of(at, root.Kind) is { } pushed)
                {
                    if (root.Kind != DecisionKind.Conditional)
                        return new Lead(-1, pushed == 1);
                    // A `?:`'s arm pushes its own value (`c ? 0 : 1`), not the condition's truth:
                    // the outcome is the arm whose constant it is, where only one arm is.
                    var (whenTrue, whenFalse) = (syntax.ArmConstant(root.TrueSpans), syntax.ArmConstant(root.FalseSpans));
                    if (whenTrue == pushed && whenFalse != pushed)
                        return new Lead(-1, true);
                    if (whenFalse == pushed && whenTrue != pushed)
                        return new Lead(-1, false);
                    // Another number names no arm (`Check(quoted ? '\'' : '"')`): a value the
                    // walk goes on past, as it did before any number but 0 and 1 was read.
                    if (pushed is 0 or 1)
                        return null;
                }
                switch (at.OpCode.FlowControl)
                {
                    case FlowControl.Branch when at.Operand is Instruction jump:
                        at = jump;
                        continue;
                    case FlowControl.Return:
                        // In a state machine a return is a suspension as often as the end.
                        return root.OutsideIsFalse && method.Kickoff is null ? new Lead(-1, false) : null;
                    case FlowControl.Cond_Branch when at.Operand is Instruction target && isPlumbing(at) && depth < MaxDepth:
                        var ways = new[] { Meaning(target, root, depth + 1), Meaning(at.Next, root, depth + 1) }.OfType<Lead>().Distinct().ToList();
                        return ways.Count == 1 ? ways[0] : null;
                    case FlowControl.Throw or FlowControl.Cond_Branch:
                        return null;
                }
                at = at.Next;
            }
            return null;
        }
    }

    /// <summary>Whether a branch is a range check: <c>v; [ldc first; sub;] ldc n; ble.un</c> (or
    /// <c>bgt.un</c>), true for the values first..first+n.</summary>
    private static bool IsRangeCheck(Instruction branch) =>
        branch.OpCode.Code is Code.Ble_Un or Code.Ble_Un_S or Code.Bgt_Un or Code.Bgt_Un_S
        && branch.Previous is { } span && ShortForms.Int32ConstantOf(span) is not null
        && (span.Previous is { OpCode.Code: Code.Sub, Previous: { } first } && ShortForms.Int32ConstantOf(first) is not null
            || span.Previous is { } load && VariableLoads.IsLocalOrArgument(load));

    /// <summary>
    /// Whether every null way of the <c>?.</c> tests before <paramref name="probe"/> (back to
    /// <paramref name="previous"/>, the statement's test before) reaches the value it probes: a
    /// value probed "however control gets there" where the null way's constant arrives, or one
    /// probed on falling in, where it falls in. Release's <c>f &amp;&amp; s?.Length &gt; 1</c> pushes
    /// <c>false</c> on null and jumps past the compare, where the probe was: it read
    /// <c>s?.Length &gt; 1 false 0</c> where the operand was false twice (found by
    /// BuildsAgreeTests' OutcomeTruth).
    /// </summary>
    private static bool NullWaysReach(MethodContext method, ValueProbe probe, Instruction? previous)
    {
        if (probe is not (StackValueProbe or FallThroughValueProbe))
            return false;
        var steps = 0;
        for (var at = probe.At.Previous; at is not null && at != previous && steps < MaxWalk; at = at.Previous, steps++)
        {
            if (!IsTruthTest(at))
                continue;
            var onNull = at.OpCode.Code is Code.Brtrue or Code.Brtrue_S ? at.Next : (Instruction)at.Operand;
            if (!Arrives(onNull, probe))
                return false;
        }
        return true;
    }

    /// <summary>Whether the way from <paramref name="start"/>, through a <c>pop</c>, a constant
    /// and unconditional jumps, arrives where <paramref name="probe"/> reads its value.</summary>
    private static bool Arrives(Instruction? start, ValueProbe probe)
    {
        var at = start;
        var jumped = false;
        for (var steps = 0; at is not null && steps < 8; steps++)
        {
            if (at == probe.At)
                return probe is StackValueProbe || !jumped;
            if (at.OpCode.FlowControl == FlowControl.Branch && at.Operand is Instruction target)
            {
                (at, jumped) = (target, true);
                continue;
            }
            if (at.OpCode.FlowControl != FlowControl.Next)
                return false;
            (at, jumped) = (at.Next, false);
        }
        return false;
    }

    private static bool ReadsThroughNull(string text) =>
        text.Contains("?.", StringComparison.Ordinal) || text.Contains("?[", StringComparison.Ordinal);

    private static bool IsTruthTest(Instruction branch) => branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S;

    private static bool IsAfterUnconditional(Instruction? at) =>
        at?.Previous is { } previous && previous.OpCode.FlowControl is FlowControl.Branch or FlowControl.Return or FlowControl.Throw;
}
