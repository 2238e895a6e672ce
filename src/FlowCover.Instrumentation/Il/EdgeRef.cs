using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>One edge out of a conditional branch or switch: 0 is the fall-through, k+1 the
/// taken edge (k = 0) or switch table entry k.</summary>
public sealed record EdgeRef(Instruction Branch, int Edge)
{
    public const int FallThrough = 0;

    /// <summary>The instruction the edge leads to.</summary>
    public Instruction? Target => Edge == FallThrough
        ? Branch.Next
        : Branch.Operand is Instruction[] table ? table[Edge - 1] : (Instruction)Branch.Operand;

    /// <summary>How many edges leave <paramref name="branch"/>.</summary>
    public static int CountOf(Instruction branch) => 1 + (branch.Operand is Instruction[] table ? table.Length : 1);

    public static IReadOnlyList<EdgeRef> AllOf(Instruction branch)
    {
        var edges = new EdgeRef[CountOf(branch)];
        for (var e = 0; e < edges.Length; e++)
            edges[e] = new EdgeRef(branch, e);
        return edges;
    }
}
