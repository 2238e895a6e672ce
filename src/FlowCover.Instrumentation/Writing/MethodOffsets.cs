namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// Where one rewritten method's original instructions are now, so the PDB's offsets (sequence
/// points, scopes, awaits) can follow their instructions. Between two probes every instruction
/// moves as far as the one before it, so only the places where that distance changes are kept:
/// far fewer than the instructions, in one array a body (a large assembly keeps one per body
/// until its PDB is written). The end of the body maps to the end of the new body.
/// <see cref="LocalSignature"/> is the method's StandAloneSig row now (probes may add locals),
/// which a sequence-point blob starts with.
/// </summary>
internal sealed class MethodOffsets
{
    // Pairs: an original offset, and how far the instructions from there on moved (up to the
    // next pair's offset). Increasing offsets, the first of them the first instruction's.
    private readonly int[] _moves;

    /// <param name="old">Each instruction's original offset, in order (increasing).</param>
    /// <param name="now">Each instruction's new offset, in the same order (increasing).</param>
    public MethodOffsets(ReadOnlySpan<int> old, ReadOnlySpan<int> now, int oldCodeSize, int newCodeSize, int localSignature)
    {
        if (old.Length != now.Length)
            throw new ArgumentException($"{old.Length} original offsets and {now.Length} new ones");
        var changes = 0;
        for (var i = 0; i < old.Length; i++)
            if (i == 0 || now[i] - old[i] != now[i - 1] - old[i - 1])
                changes++;
        _moves = new int[2 * changes];
        for (int i = 0, at = 0; i < old.Length; i++)
        {
            if (i > 0 && now[i] - old[i] == now[i - 1] - old[i - 1])
                continue;
            _moves[at++] = old[i];
            _moves[at++] = now[i] - old[i];
        }
        OldCodeSize = oldCodeSize;
        NewCodeSize = newCodeSize;
        LocalSignature = localSignature;
    }

    public int OldCodeSize { get; }

    public int NewCodeSize { get; }

    /// <summary>Set by the writer when the body's locals' row is added as it finishes (see
    /// <see cref="DeferredRow"/>).</summary>
    public int LocalSignature { get; set; }

    /// <summary>The new offset of the instruction at <paramref name="oldOffset"/>; an offset
    /// inside an instruction (which no well-formed PDB has) moves with that instruction.</summary>
    public int Map(int oldOffset)
    {
        if (oldOffset >= OldCodeSize)
            return NewCodeSize;
        // The last pair at or before the offset.
        int low = 0, high = _moves.Length / 2 - 1, found = 0;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (_moves[2 * mid] <= oldOffset)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return _moves.Length == 0 ? oldOffset : oldOffset + _moves[2 * found + 1];
    }

    /// <summary>The new place of the range <c>[start, start + length)</c>: its end maps like
    /// any offset, so a range that ended with the body ends with the new body.</summary>
    public (int Start, int Length) MapRange(int start, int length)
    {
        var newStart = Map(start);
        return (newStart, Map(start + length) - newStart);
    }
}
