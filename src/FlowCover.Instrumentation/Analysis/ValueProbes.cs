using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// A decision the IL does not branch on where the user decided, probed by looking at a value
/// instead of an edge. Each kind knows its outcomes; <see cref="Probes.ProbeEmitter"/> writes it.
/// </summary>
public abstract record ValueProbe(Instruction At)
{
    /// <summary>The line the outcomes count for, when not the statement of <see cref="At"/>
    /// (a switch dispatch Release leaves under no visible statement).</summary>
    public int? Line { get; init; }

    /// <summary>The outcome labels, in the order of the probes the emitter is given.</summary>
    public abstract IReadOnlyList<string> Labels { get; }
}

/// <summary>The boolean on the stack at <paramref name="At"/>, however control gets there.</summary>
public sealed record StackValueProbe(Instruction At) : ValueProbe(At)
{
    public override IReadOnlyList<string> Labels => ["true", "false"];

    /// <summary>Edges on which the decision is <c>false</c> without the value being computed (a
    /// property pattern's null test, where Release returns the constant on a way of its own),
    /// counted in the <c>false</c> outcome's probe too: the ways are disjoint, so each run counts once.</summary>
    public IReadOnlyList<EdgeRef> AlsoFalse { get; init; } = [];
}

/// <summary>The boolean on the stack when control falls into <paramref name="At"/>, not when
/// it jumps there.</summary>
public sealed record FallThroughValueProbe(Instruction At) : ValueProbe(At)
{
    public override IReadOnlyList<string> Labels => ["true", "false"];
}

/// <summary>The boolean each arm of a <c>?:</c> leaves as it ends: before <paramref name="At"/>,
/// the first arm's jump to where the arms join, and before <paramref name="Other"/>, the second
/// arm's jump there, or, where <paramref name="OtherFallsInto"/>, on the second arm's fall-through
/// into <paramref name="Other"/>, the join. One probe pair in both places: a run takes one arm.</summary>
public sealed record ArmValuesProbe(Instruction At, Instruction Other, bool OtherFallsInto) : ValueProbe(At)
{
    public override IReadOnlyList<string> Labels => ["true", "false"];
}

/// <summary>A boolean that <paramref name="Compute"/> pushes (a copy of a load and a call)
/// just before <paramref name="At"/>; it is popped after being probed.</summary>
public sealed record ComputedValueProbe(Instruction At, IReadOnlyList<Instruction> Compute, string TrueLabel, string FalseLabel) : ValueProbe(At)
{
    public override IReadOnlyList<string> Labels => [TrueLabel, FalseLabel];
}

/// <summary>
/// The operands of a chain of eager <c>and</c>/<c>or</c> that <paramref name="At"/> completes
/// (<c>a &amp;&amp; b || c</c> on plain booleans), each a condition of its own, counted as
/// short-circuit evaluation would have evaluated it. <paramref name="Leaves"/> are the
/// instructions that push the operands, in evaluation order, or, for those in
/// <see cref="Entered"/>, the instructions on entering which the operand is on top of the stack.
/// </summary>
public sealed record EagerChainProbe(Instruction At, EagerOperand Tree, IReadOnlyList<Instruction> Leaves) : ValueProbe(At)
{
    /// <summary>The leaves whose value no instruction of the chain pushes: a value joined from
    /// several ways, or left on the stack by the statement before, copied as control enters
    /// their instruction.</summary>
    public IReadOnlySet<int> Entered { get; init; } = new HashSet<int>();

    /// <summary>The leaves read only to replay the chain: a value the statement's own branches
    /// decide (<c>!(a() || b())</c> in <c>!(a() || b()) &amp;&amp; c</c>), whose conditions are
    /// counted there.</summary>
    public IReadOnlySet<int> Unprobed { get; init; } = new HashSet<int>();

    /// <summary>The leaves probed, in evaluation order: the outcomes are theirs, two each.</summary>
    public IReadOnlyList<int> Probed => [.. Enumerable.Range(0, Leaves.Count).Where(k => !Unprobed.Contains(k))];

    public override IReadOnlyList<string> Labels => Leaves.Count == 2
        ? [.. Probed.SelectMany(k => k == 0 ? new[] { "left true", "left false" } : ["right true", "right false"])]
        : [.. Probed.SelectMany(k => new[] { $"operand {k + 1} true", $"operand {k + 1} false" })];
}

/// <summary>A node of an eager boolean chain: an operand (by its index in evaluation order)
/// or an <c>and</c>/<c>or</c> of two nodes.</summary>
public abstract record EagerOperand;

public sealed record EagerLeaf(int Index) : EagerOperand;

public sealed record EagerCombination(bool IsOr, EagerOperand Left, EagerOperand Right) : EagerOperand;

/// <summary>Which of the consecutive values <paramref name="First"/>..First+Count-1 a switch
/// value had when a range check the compiler folded stacked labels into
/// (<c>case 1: case 2:</c>) matched; <paramref name="Load"/> reloads the value.</summary>
public sealed record RangeLabelsProbe(Instruction At, Instruction Load, int First, int Count) : ValueProbe(At)
{
    public override IReadOnlyList<string> Labels => Enumerable.Range(First, Count).Select(v => $"case {v}").ToList();

    /// <summary>The in-range edge's target: the section of the stacked labels.</summary>
    public Instruction? Section { get; init; }

    /// <summary>For a switch on an enum, the member of each value in order.</summary>
    public IReadOnlyList<EnumMember>? Members { get; init; }
}
