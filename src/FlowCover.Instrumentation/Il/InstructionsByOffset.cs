using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>Finding instructions of a body by IL offset, where no MethodContext is at hand.</summary>
internal static class InstructionsByOffset
{
    /// <summary>The index of the first instruction at or after offset <paramref name="offset"/>:
    /// a search, the instructions running in offset order.</summary>
    public static int FirstAt(Mono.Collections.Generic.Collection<Instruction> instructions, int offset)
    {
        var (low, high) = (0, instructions.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (instructions[middle].Offset < offset)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }
}
