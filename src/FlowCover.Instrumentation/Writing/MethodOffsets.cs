namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// Where one rewritten method's original instructions are now: <see cref="Old"/> and
/// <see cref="New"/> hold the old and new IL offset of each, in order (both increasing), so
/// the PDB's offsets (sequence points, scopes, awaits) can follow their instructions. The end of
/// the body maps to the end of the new body. <see cref="LocalSignature"/> is the method's
/// StandAloneSig row now (probes may add locals), which a sequence-point blob starts with.
/// </summary>
internal sealed record MethodOffsets(int[] Old, int[] New, int OldCodeSize, int NewCodeSize, int LocalSignature)
{
    /// <summary>The new offset of the instruction at <paramref name="oldOffset"/>; an offset
    /// inside an instruction (which no well-formed PDB has) goes to the instruction after it.</summary>
    public int Map(int oldOffset)
    {
        if (oldOffset >= OldCodeSize)
            return NewCodeSize;
        var at = Array.BinarySearch(Old, oldOffset);
        if (at < 0)
            at = ~at;
        return at < New.Length ? New[at] : NewCodeSize;
    }

    /// <summary>The new place of the range <c>[start, start + length)</c>: its end maps like
    /// any offset, so a range that ended with the body ends with the new body.</summary>
    public (int Start, int Length) MapRange(int start, int length)
    {
        var newStart = Map(start);
        return (newStart, Map(start + length) - newStart);
    }
}
