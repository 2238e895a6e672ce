using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// The insertions made into one method body, laid out in a single pass by <see cref="Apply"/>.
/// Cecil's own <c>ILProcessor.InsertAfter</c> searches the body for its anchor and re-walks
/// the debug scopes on every call, which made writing probes quadratic in the size of a
/// method (3 of the 9 seconds a 5 MB assembly took). Recording the edits and rebuilding the
/// instruction list once is linear and lays the code out exactly as those calls would have.
/// </summary>
internal sealed class BodyEdits(MethodBody body, int anchors)
{
    // Sized for the anchors expected: growing it was a tenth of writing's garbage.
    private readonly Dictionary<Instruction, List<Instruction>> _after = new(anchors);
    private readonly Dictionary<Instruction, List<Instruction>> _fallThroughBefore = [];
    private int _inserted;

    public MethodBody Body => body;

    /// <summary>Puts <paramref name="code"/> right after <paramref name="anchor"/> (which may
    /// itself be inserted code), ahead of anything put there before.</summary>
    public void InsertAfter(Instruction anchor, IReadOnlyList<Instruction> code) => InsertAfter(anchor, code, 0, null);

    /// <summary>Puts <c>code[from..]</c>, then <paramref name="last"/> if any, right after
    /// <paramref name="anchor"/>, ahead of anything put there before.</summary>
    private void InsertAfter(Instruction anchor, IReadOnlyList<Instruction> code, int from, Instruction? last)
    {
        if (!_after.TryGetValue(anchor, out var list))
            _after[anchor] = list = new List<Instruction>(code.Count - from + 1);
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
        return moved;
    }

    /// <summary>Puts <paramref name="code"/> just before <paramref name="at"/> in layout, so only
    /// the instruction before it falls into the code; jumps to <paramref name="at"/> skip it.</summary>
    public void InsertOnFallThrough(Instruction at, IReadOnlyList<Instruction> code)
    {
        if (!_fallThroughBefore.TryGetValue(at, out var list))
            _fallThroughBefore[at] = list = [];
        list.AddRange(code);
        _inserted += code.Count;
    }

    /// <summary>Rebuilds the instruction list with every insertion in place, straight into the
    /// body's own list, sized once.</summary>
    public void Apply()
    {
        var original = body.Instructions.ToArray();
        body.Instructions.Clear();
        body.Instructions.Capacity = original.Length + _inserted;
        foreach (var instruction in original)
            LayOut(instruction, body.Instructions);
    }

    private void LayOut(Instruction instruction, Mono.Collections.Generic.Collection<Instruction> laidOut)
    {
        if (_fallThroughBefore.TryGetValue(instruction, out var before))
            foreach (var inserted in before)
                LayOut(inserted, laidOut);
        laidOut.Add(instruction);
        if (_after.TryGetValue(instruction, out var after))
            foreach (var inserted in after)
                LayOut(inserted, laidOut);
    }
}
