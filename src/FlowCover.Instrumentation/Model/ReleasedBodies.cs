using FlowCover.Instrumentation.Analysis;
using Mono.Cecil;

namespace FlowCover.Instrumentation.Model;

/// <summary>
/// What naming needs of the bodies let go once they are probed (<see cref="BodyRewriter.Release"/>
/// drops each one from Cecil): the method each belongs to (a <c>MoveNext</c>'s kickoff, from the
/// PDB) and, where a lambda's line may be looked up in it, its statements. Taken before the body
/// goes, since asking Cecil for a dropped body's debug information reads the body again. A
/// body that was never let go is asked directly.
/// </summary>
internal sealed class ReleasedBodies(Dictionary<MethodDefinition, (MethodDefinition Kickoff, StatementSpan[] Statements)> kept)
{
    /// <summary>The user's method <paramref name="body"/> belongs to.</summary>
    public MethodDefinition KickoffOf(MethodDefinition body) =>
        kept.TryGetValue(body, out var known) ? known.Kickoff : SourceNames.KickoffOf(body);

    /// <summary>The statements of <paramref name="body"/>; none for a body let go whose
    /// statements no lambda asks for.</summary>
    public IReadOnlyList<StatementSpan> StatementsOf(MethodDefinition body) =>
        kept.TryGetValue(body, out var known) ? known.Statements : StatementSpan.Of(body);
}
