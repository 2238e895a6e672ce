using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;


/// <summary>Release: the ways the statement before a dropped jump goes straight to its target
/// (<c>break;</c> after <c>if (a) { x = 1; } else { return; }</c>), each one run of the jump.</summary>
internal static class DroppedJumpWays
{
    /// <summary>
    /// The ways the statement before <paramref name="jump"/> goes straight to
    /// <paramref name="target"/> when Release compiled the jump to nothing and that statement
    /// reaches the target by several ways (<c>if (a) { x = 1; } else if (b) { x = 2; } else {
    /// return false; } break;</c>: each block's own <c>br</c>; <c>if (c) { n++; } break;</c>:
    /// the condition's branch and the fall-through). The source says that statement is left only
    /// by completing into the jump, returning or throwing (<see cref="PlainJump.Before"/>), so each
    /// edge from its code to the target is one run of the jump. Its code is the instructions from
    /// its first point up to the first point outside it or the target; only where that code is
    /// entered at its start alone, and leaves it only by those edges, <c>ret</c> (none a copy of
    /// another statement's <c>return</c>), <c>throw</c>, or jumps (or its fall-through) to the
    /// places its own jumps bound elsewhere go (<see cref="PlainJump.InnerTargets"/>: each found
    /// at its own point, not the target, not a <c>br</c> Release could have threaded on to the
    /// target): anything else and null. The edges are
    /// jumps to the target (an unconditional <c>br</c> included) and the falls flag the
    /// fall-through from its last instruction, when that is not a branch's edge.
    /// </summary>
    internal static (List<EdgeRef> Edges, bool Falls)? Into(MethodContext method, string document, PlainJump jump, Instruction target, List<(Instruction Copy, LineSite Original)> copies)
    {
        if (jump.Before is not { } span || jump.BeforeLine == 0)
            return null;
        var instructions = method.Instructions;
        var start = -1;
        for (var i = 0; i < instructions.Length && start < 0; i++)
            if (method.PointAt(instructions[i]) is { IsHidden: false } point && point.StartLine == jump.BeforeLine && point.StartColumn == jump.BeforeColumn && point.Document.Url == document)
                start = i;
        if (start < 0)
            return null;
        var end = start;
        while (end < instructions.Length && instructions[end] != target
            && (end == start || method.PointAt(instructions[end]) is not { IsHidden: false } point || point.Document.Url == document && VisiblePoints.Inside(span, point.StartLine, point.StartColumn)))
            end++;
        return Within(method, document, jump, target, copies, start, end);
    }

    /// <summary>As <see cref="Into"/>, the statement's code taken as the instructions from
    /// <paramref name="start"/> up to <paramref name="end"/> (excluded).</summary>
    internal static (List<EdgeRef> Edges, bool Falls)? Within(MethodContext method, string document, PlainJump jump, Instruction target, List<(Instruction Copy, LineSite Original)> copies, int start, int end)
    {
        var instructions = method.Instructions;
        bool InRange(Instruction instruction) => method.IndexOf(instruction) is var at && at >= start && at < end;
        // Where its own jumps out of it go: each a place of its own, not a jump that Release may
        // have threaded on to the target.
        var inner = new List<Instruction>();
        foreach (var (line, column) in jump.InnerTargets)
        {
            if (VisiblePoints.InstructionAt(method, document, line, column) is not { } place || place == target || InRange(place)
                || place.OpCode.FlowControl is FlowControl.Branch or FlowControl.Return or FlowControl.Throw)
                return null;
            inner.Add(place);
        }
        bool Outside(Instruction to) => !InRange(to) && !inner.Contains(to);
        var edges = new List<EdgeRef>();
        var falls = false;
        for (var i = start; i < end; i++)
        {
            var instruction = instructions[i];
            if (instruction.OpCode.Code is Code.Leave or Code.Leave_S or Code.Endfinally or Code.Endfilter or Code.Jmp
                || copies.Exists(c => c.Copy == instruction))
                return null;
            if (instruction.Operand is Instruction to)
            {
                if (to == target)
                {
                    if (instruction.Next is null)
                        return null;
                    edges.Add(new EdgeRef(instruction, 1));
                }
                else if (Outside(to))
                    return null;
            }
            else if (instruction.Operand is Instruction[] table)
            {
                for (var k = 0; k < table.Length; k++)
                {
                    if (table[k] == target)
                        edges.Add(new EdgeRef(instruction, k + 1));
                    else if (Outside(table[k]))
                        return null;
                }
            }
            if (i == end - 1 && BranchShapes.FallsThrough(instruction.OpCode))
            {
                if (end < instructions.Length && instructions[end] != target && inner.Contains(instructions[end]))
                    continue; // Falls into where its own jump goes (`{ n--; continue; }` into the loop's condition).
                if (end == instructions.Length || instructions[end] != target)
                    return null; // Falls on into code that is not the target.
                if (instruction.OpCode.FlowControl == FlowControl.Cond_Branch)
                    edges.Add(new EdgeRef(instruction, EdgeRef.FallThrough));
                else
                    falls = true;
            }
        }
        if (edges.Count == 0 || end == start)
            return null;
        // Entered at its start alone: no jump from elsewhere, no handler, into the rest of it.
        foreach (var instruction in instructions)
        {
            if (InRange(instruction))
                continue;
            if (instruction.Operand is Instruction to && to != instructions[start] && InRange(to)
                || instruction.Operand is Instruction[] table && table.Any(t => t != instructions[start] && InRange(t)))
                return null;
        }
        foreach (var handler in method.Method.Body.ExceptionHandlers)
            foreach (var bound in (Instruction?[])[handler.TryStart, handler.TryEnd, handler.HandlerStart, handler.HandlerEnd, handler.FilterStart])
                if (bound is not null && bound != instructions[start] && InRange(bound))
                    return null;
        return (edges, falls);
    }
}
