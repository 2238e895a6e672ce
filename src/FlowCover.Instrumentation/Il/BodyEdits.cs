using System.Buffers;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>
/// The insertions made into one method body, laid out in a single pass by <see cref="Apply"/>.
/// Cecil's own <c>ILProcessor.InsertAfter</c> searches the body for its anchor and re-walks
/// the debug scopes on every call, which makes writing probes quadratic in the size of a
/// method. Recording the edits and rebuilding the
/// instruction list once is linear and lays the code out exactly as those calls would have.
/// </summary>
/// <param name="original">The body's instructions before any insertion, in order.</param>
/// <param name="originalOffsets">Their IL offsets as read (unique and ascending), by which an
/// anchor is found among them.</param>
internal sealed class BodyEdits(MethodBody body, Instruction[] original, int[] originalOffsets)
{
    // The code inserted at each original instruction, by its index: laying out looks at every
    // one of them, and an array by index is cheaper than hashing each instruction.
    // Rented, and given back by Apply: two references per instruction of every body probed.
    private readonly List<Instruction>?[] _after = Rent(original.Length);
    private readonly List<Instruction>?[] _fallThroughBefore = Rent(original.Length);
    // Code inserted at code that was itself inserted: rare, so looked up only when there is some.
    private Dictionary<Instruction, List<Instruction>>? _afterInserted;
    private Dictionary<Instruction, List<Instruction>>? _fallThroughBeforeInserted;
    private int _inserted;

    public MethodBody Body => body;

    // Where an instruction whose object InsertBefore took over now is, by that object: rare.
    private Dictionary<Instruction, Instruction>? _movedOriginals;

    /// <summary>Puts <paramref name="code"/> right after <paramref name="anchor"/> (which may
    /// itself be inserted code), ahead of anything put there before. After an instruction whose
    /// object <see cref="InsertBefore"/> took over, the code goes after that instruction, where it
    /// moved, not after the code put in front of it: two probes at one instruction (a value probed
    /// where ways join, and an eager chain's copy of the operand the same instruction pushes) wrote
    /// the copy after the first instruction of the other's code, and the chain counted the joined
    /// value as its operand (<c>f true 4</c> where <c>f</c> was true twice; found by BuildsAgreeTests' OutcomeTruth).</summary>
    public void InsertAfter(Instruction anchor, IReadOnlyList<Instruction> code) =>
        InsertAfter(_movedOriginals is not null && _movedOriginals.TryGetValue(anchor, out var moved) ? moved : anchor, code, 0, null);

    /// <summary>Puts <c>code[from..]</c>, then <paramref name="last"/> if any, right after
    /// <paramref name="anchor"/>, ahead of anything put there before.</summary>
    private void InsertAfter(Instruction anchor, IReadOnlyList<Instruction> code, int from, Instruction? last)
    {
        var list = ListAt(anchor, _after, ref _afterInserted, code.Count - from + 1);
        var at = 0;
        for (var k = from; k < code.Count; k++)
            list.Insert(at++, code[k]);
        if (last is not null)
            list.Insert(at++, last);
        _inserted += at;
    }

    /// <summary>
    /// Puts <paramref name="code"/> in front of <paramref name="at"/> so it runs however
    /// <paramref name="at"/> is reached: the code's first instruction takes over the instruction
    /// object itself (which every branch, handler boundary and sequence point already
    /// references) and the original instruction moves after the code. Returns the moved original.
    /// </summary>
    public Instruction InsertBefore(Instruction at, IReadOnlyList<Instruction> code)
    {
        var moved = InstructionCopy.Of(at);
        at.OpCode = code[0].OpCode;
        at.Operand = code[0].Operand;
        foreach (var instruction in code)
            if (instruction.Operand == code[0])
                instruction.Operand = at;
        InsertAfter(at, code, 1, moved);
        // Taken over a second time, the original is where the first time moved it.
        (_movedOriginals ??= []).TryAdd(at, moved);
        return moved;
    }

    /// <summary>Puts <paramref name="code"/> just before <paramref name="at"/> in layout, so only
    /// the instruction before it falls into the code; jumps to <paramref name="at"/> skip it.</summary>
    public void InsertOnFallThrough(Instruction at, IReadOnlyList<Instruction> code)
    {
        ListAt(at, _fallThroughBefore, ref _fallThroughBeforeInserted, code.Count).AddRange(code);
        _inserted += code.Count;
    }

    /// <summary>Rebuilds the instruction list with every insertion in place, straight into the
    /// body's own list, sized once. Nothing more can be inserted after.</summary>
    public void Apply()
    {
        var laidOut = body.Instructions;
        laidOut.Clear();
        laidOut.Capacity = original.Length + _inserted;
        for (var i = 0; i < original.Length; i++)
            LayOut(original[i], _fallThroughBefore[i], _after[i], laidOut);
        ArrayPool<List<Instruction>?>.Shared.Return(_after, clearArray: true);
        ArrayPool<List<Instruction>?>.Shared.Return(_fallThroughBefore, clearArray: true);
    }

    // Only this class rents these, and it gives them back cleared.
    private static List<Instruction>?[] Rent(int length) => ArrayPool<List<Instruction>?>.Shared.Rent(length);

    private void LayOut(Instruction instruction, List<Instruction>? before, List<Instruction>? after, Mono.Collections.Generic.Collection<Instruction> laidOut)
    {
        if (before is not null)
            foreach (var inserted in before)
                LayOutInserted(inserted, laidOut);
        laidOut.Add(instruction);
        if (after is not null)
            foreach (var inserted in after)
                LayOutInserted(inserted, laidOut);
    }

    private void LayOutInserted(Instruction inserted, Mono.Collections.Generic.Collection<Instruction> laidOut)
    {
        List<Instruction>? before = null, after = null;
        _fallThroughBeforeInserted?.TryGetValue(inserted, out before);
        _afterInserted?.TryGetValue(inserted, out after);
        LayOut(inserted, before, after, laidOut);
    }

    /// <summary>The list of code inserted at <paramref name="anchor"/>, made on first use.</summary>
    private List<Instruction> ListAt(Instruction anchor, List<Instruction>?[] atOriginal, ref Dictionary<Instruction, List<Instruction>>? atInserted, int capacity)
    {
        if (OriginalIndex(anchor) is var i and >= 0)
            return atOriginal[i] ??= new List<Instruction>(capacity);
        atInserted ??= [];
        if (!atInserted.TryGetValue(anchor, out var list))
            atInserted[anchor] = list = new List<Instruction>(capacity);
        return list;
    }

    /// <summary>The index of <paramref name="instruction"/> among the original instructions, or
    /// -1 when it was inserted (a moved original is a copy with the same offset, not the same
    /// object).</summary>
    private int OriginalIndex(Instruction instruction)
    {
        var i = Array.BinarySearch(originalOffsets, instruction.Offset);
        return i >= 0 && original[i] == instruction ? i : -1;
    }
}
