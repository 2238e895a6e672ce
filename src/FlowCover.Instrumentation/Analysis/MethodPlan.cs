using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>What will be probed in one method body, after the filters had their say.</summary>
internal sealed record MethodPlan(IReadOnlyList<LineSite> Lines, IReadOnlyList<BranchSite> Branches)
{
    /// <summary>Set mode: statements whose probe runs where their loop is entered instead
    /// (see <see cref="Sharing.LoopEntryProbes"/>), by the statement's first instruction.</summary>
    public IReadOnlyDictionary<Instruction, IReadOnlyList<EntryPlacement>> LoopEntries { get; init; } =
        new Dictionary<Instruction, IReadOnlyList<EntryPlacement>>();

    /// <summary>Set mode: statements (by index into <see cref="Lines"/>) that get no probe of
    /// their own, each with the probes that tell whether it ran (see <see cref="Sharing.ImpliedLineProbes"/>).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<ProbeSource>> ImpliedLines { get; init; } =
        new Dictionary<int, IReadOnlyList<ProbeSource>>();

    /// <summary>Set mode: single-edge outcomes, by (branch, edge), that get no probe of their own
    /// and are read from the implied statement (an index into <see cref="Lines"/>) they are the
    /// one way into.</summary>
    public IReadOnlyDictionary<(Instruction, int), int> ImpliedOutcomes { get; init; } =
        new Dictionary<(Instruction, int), int>();

    /// <summary>Statements the PDB does not show, read from other probes in any mode (see
    /// <see cref="SourceStatements"/>); added to <see cref="Lines"/> once the probes are shared.</summary>
    public IReadOnlyList<SourcedLine> SourcedLines { get; init; } = [];
}

/// <summary>A statement: probe before <paramref name="At"/>, count for <paramref name="Line"/>;
/// with <paramref name="OnFallThrough"/>, only on the fall-through from the instruction before
/// <paramref name="At"/> (jumps to <paramref name="At"/> skip it): a statement that runs exactly
/// when control takes that edge.</summary>
internal sealed record LineSite(Instruction At, int Line, string Document, bool OnFallThrough = false)
{
    /// <summary>The start of the statement this site is a copy of (a <c>return</c> Release copied):
    /// its probe is that site's, so both copies count in one counter.</summary>
    public Instruction? CopyOf { get; init; }

    /// <summary>Edges that each run the statement once, counted as well as the site's own probe
    /// (<see cref="SourcedLine.Through"/>); with <see cref="OnEdgesOnly"/>, instead of it.</summary>
    public IReadOnlyList<EdgeRef>? Through { get; init; }

    /// <summary>Whether the site has no probe of its own, only those on <see cref="Through"/>.</summary>
    public bool OnEdgesOnly { get; init; }
}

/// <summary>
/// A decision on a line with one probe per outcome: usually the two edges of one conditional
/// branch; for a switch, the exits of its whole dispatch; for a <paramref name="Value"/>, the
/// outcomes of that value probe in its label order. <paramref name="Document"/> is the file of
/// <paramref name="Line"/> where the body's statements lie in several (a constructor whose
/// initializers lie in two files of a partial class); null where they lie in one, that one.
/// </summary>
internal sealed record BranchSite(int Line, IReadOnlyList<OutcomeSite> Outcomes, ValueProbe? Value = null, string? Document = null)
{
    /// <summary>The file of <see cref="Line"/> in a body whose first statement is in <paramref name="bodyDocument"/>.</summary>
    public string DocumentIn(string bodyDocument) => Document ?? bodyDocument;
}

/// <summary>One outcome: the edges that lead to it, all sharing its probe.</summary>
internal sealed record OutcomeSite(IReadOnlyList<EdgeRef> Edges, string Label, int TargetLine);

/// <summary>Where a line's probe runs instead of at its statement: just before
/// <see cref="At"/> (a <c>br</c> to the statement), or on the fall-through into it.</summary>
internal sealed record EntryPlacement(Instruction At, bool OnFallThrough);

/// <summary>Where an implied statement's hits come from: another statement's probe
/// (<see cref="Line"/>, an index into the plan's lines) or a branch outcome's (<see cref="Edge"/>).</summary>
internal sealed record ProbeSource(int? Line, EdgeRef? Edge);
