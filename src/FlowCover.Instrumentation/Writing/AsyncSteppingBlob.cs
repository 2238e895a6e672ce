using System.Buffers.Binary;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// The async method stepping information a debugger steps over awaits with (custom debug
/// information 54FD2AC5-E925-401A-9C2A-F94F171072F8, which Roslyn writes and the Portable PDB
/// spec does not list): the offset of the catch handler the compiler wraps the body in, then for
/// each await the offset of the instruction that yields, the offset where it resumes and the
/// MethodDef row that offset is in. This carries over ISymUnmanagedAsyncMethodPropertiesWriter's
/// meaning: the catch handler and the yields are in the method the record is attached to (the
/// state machine's MoveNext), each resume in its own method (Roslyn names the MoveNext again).
/// </summary>
internal static class AsyncSteppingBlob
{
    public static readonly Guid Kind = new("54FD2AC5-E925-401A-9C2A-F94F171072F8");

    /// <summary>Writes <paramref name="blob"/> to <paramref name="output"/> with its offsets
    /// mapped through the <paramref name="methods"/> they are in; false when none of those
    /// methods moved (and the blob can stay).</summary>
    /// <param name="moveNext">The MethodDef row the catch handler and yields are in.</param>
    public static bool Remap(ReadOnlySpan<byte> blob, int moveNext, IReadOnlyDictionary<int, MethodOffsets> methods, Stream output)
    {
        methods.TryGetValue(moveNext, out var body);
        var moved = body is not null;
        Span<byte> word = stackalloc byte[4];
        // The catch handler's offset is stored plus one: 0 says the body has none.
        var catchHandler = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        Write(output, word, catchHandler == 0 || body is null ? catchHandler : (uint)body.Map((int)catchHandler - 1) + 1);
        var at = 4;
        while (at < blob.Length)
        {
            var yield = BinaryPrimitives.ReadUInt32LittleEndian(blob[at..]);
            var resume = BinaryPrimitives.ReadUInt32LittleEndian(blob[(at + 4)..]);
            var (resumeMethod, size) = CompressedInteger.Read(blob[(at + 8)..]);
            methods.TryGetValue(resumeMethod, out var resumeBody);
            moved |= resumeBody is not null;
            Write(output, word, body is null ? yield : (uint)body.Map((int)yield));
            Write(output, word, resumeBody is null ? resume : (uint)resumeBody.Map((int)resume));
            output.Write(blob.Slice(at + 8, size));
            at += 8 + size;
        }
        return moved;
    }

    private static void Write(Stream output, Span<byte> word, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(word, value);
        output.Write(word);
    }
}
