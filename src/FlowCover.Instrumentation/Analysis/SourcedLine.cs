using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;


/// <summary>A statement the PDB does not show, counted by the probes of another statement
/// (<paramref name="From"/>) or of the outcomes taken along <paramref name="Edges"/>: no probe
/// of its own. With neither, it is unreachable: a line that is always missed, unless it has a
/// probe of its own on the fall-through into <see cref="FallInto"/>.</summary>
internal sealed record SourcedLine(int Line, string Document, LineSite? From, IReadOnlyList<EdgeRef> Edges)
{
    /// <summary>The instruction the statement's own probe runs before when control falls into it
    /// from the one before (jumps to it skip the probe): a jump Release compiled to nothing.</summary>
    public Instruction? FallInto { get; init; }

    /// <summary>Edges that each run the statement once (a jump Release compiled to nothing, the
    /// statement before reaching its target by several ways, <see cref="SourceStatements"/>): it is
    /// counted on them, and also on the fall-through into <see cref="FallInto"/> when that is set.</summary>
    public IReadOnlyList<EdgeRef>? Through { get; init; }

    /// <summary>A copy of the statement's code (a <c>return</c> Release copied into the statement
    /// before, <see cref="CopiedReturns"/>) at this instruction: the probe of <see cref="From"/>,
    /// the statement's own site, goes there too, so the line counts each run of either copy.</summary>
    public Instruction? Copy { get; init; }

    /// <summary>Whether <see cref="From"/> is the statement's own site (a jump that keeps its own
    /// <c>br</c>) and <see cref="Edges"/> are ways Release sends past that code to its target, each
    /// one more run of it: the statement ran when its site or one of those outcomes did.</summary>
    public bool PastOwnCode { get; init; }
}
