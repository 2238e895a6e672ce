using FlowCover.Instrumentation.Analysis;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Sharing;

/// <summary>
/// In <c>set</c> mode a probe only has to run the first time its statement does. A loop's
/// header (the condition of <c>while</c> and <c>for</c>, which C# compilers put after the body)
/// runs on every iteration, but it can only be reached again through the loop, that is after it
/// already ran: every edge into it from an instruction it dominates is such a back edge. So its
/// probe moves to the edges that enter the loop, and runs once per entry instead of once per
/// iteration. Exact under exceptions too: nothing runs between the moved probe and the
/// statement. Only entries by fall-through or <c>br</c> are moved; others stay as they are.
/// </summary>
internal static class LoopEntryProbes
{
    public static IReadOnlyDictionary<Instruction, IReadOnlyList<EntryPlacement>> Find(MethodContext method, IEnumerable<Instruction> lineStarts)
    {
        if (!HasBackwardJump(method))
            return new Dictionary<Instruction, IReadOnlyList<EntryPlacement>>();
        using var dominators = new Dominators(method);
        var placements = new Dictionary<Instruction, IReadOnlyList<EntryPlacement>>();
        // A statement listed twice is looked at twice: most are told apart as no loop header
        // sooner than a set of them would be built.
        foreach (var header in lineStarts)
            if (!placements.ContainsKey(header) && !StartsHandler(method, header) && Entries(method, dominators, header) is { } entries)
                placements[header] = entries;
        return placements;
    }

    private static bool StartsHandler(MethodContext method, Instruction at)
    {
        foreach (var handler in method.Method.Body.ExceptionHandlers)
            if (handler.HandlerStart == at || handler.FilterStart == at)
                return true;
        return false;
    }

    /// <summary>The entries into a loop header, or null when it is no loop header or an entry
    /// cannot carry a probe of its own. Most statements are no loop header: they are told apart
    /// before anything is allocated.</summary>
    private static List<EntryPlacement>? Entries(MethodContext method, Dominators dominators, Instruction header)
    {
        var index = method.IndexOf(header);
        if (index == 0)
            return null;
        var predecessors = dominators.PredecessorsOf(index);
        if (!HasBackEdge(method, dominators, header, predecessors))
            return null;
        var entries = new List<EntryPlacement>();
        for (var k = 0; k < predecessors.Length; k++)
        {
            var i = predecessors[k];
            var from = method.Instructions[i];
            if (predecessors[..k].Contains(i) || dominators.Dominates(header, from))
                continue; // A branch to the next instruction enters it twice; a back edge stays.
            if (i == index - 1 && from.OpCode.FlowControl is not (FlowControl.Cond_Branch or FlowControl.Branch))
                entries.Add(new EntryPlacement(header, OnFallThrough: true));
            else if (from.OpCode.Code is Code.Br or Code.Br_S)
                entries.Add(new EntryPlacement(from, OnFallThrough: false));
            else
                return null; // A conditional, switch or leave entry: leave the probe where it is.
        }
        return entries;
    }

    /// <summary>Whether control comes back to <paramref name="header"/> from code it dominates.</summary>
    private static bool HasBackEdge(MethodContext method, Dominators dominators, Instruction header, ReadOnlySpan<int> predecessors)
    {
        foreach (var i in predecessors)
            if (dominators.Dominates(header, method.Instructions[i]))
                return true;
        return false;
    }

    private static bool HasBackwardJump(MethodContext method)
    {
        foreach (var instruction in method.Instructions)
        {
            if (instruction.Operand is Instruction target && target.Offset <= instruction.Offset)
                return true;
            if (instruction.Operand is Instruction[] table)
                foreach (var entry in table)
                    if (entry.Offset <= instruction.Offset)
                        return true;
        }
        return false;
    }
}
