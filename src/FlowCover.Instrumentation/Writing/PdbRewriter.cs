using System.Buffers.Binary;
using T = FlowCover.Instrumentation.Writing.TableSchema;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// Patches a Portable PDB for an assembly whose bodies moved: every record that holds an IL
/// offset of a rewritten method follows its instruction (<see cref="MethodOffsets"/>), the
/// type-system row counts are the new assembly's, and the methods the assembly gained get the
/// empty MethodDebugInformation rows the table must have (one per MethodDef). The PDB keeps its
/// id, so the assembly's CodeView entry still names it. Offsets map in order, so every table
/// stays sorted as the specification requires.
/// Records with IL offsets: sequence points, local scopes and two custom debug information
/// kinds (async stepping, hoisted local scopes). The others (dynamic locals, tuple names, EnC
/// slot and lambda maps, embedded source, source link, compilation options and references)
/// hold names, syntax offsets or text, which probes do not move.
/// </summary>
internal static class PdbRewriter
{
    private static readonly Guid AsyncMethodSteppingInformation = new("54FD2AC5-E925-401A-9C2A-F94F171072F8");
    private static readonly Guid StateMachineHoistedLocalScopes = new("6DA9A61E-F8C7-4874-BE62-68BC5630DF71");

    /// <summary>The new PDB, and where its 20-byte id is in it (for the PdbChecksum entry).</summary>
    public static (byte[] Pdb, int IdOffset) Rewrite(byte[] pdb, IReadOnlyDictionary<int, MethodOffsets> methods, int[] typeSystemRows)
    {
        var image = MetadataImage.Read(pdb);
        var stream = image.Pdb ?? throw new BadImageFormatException("not a Portable PDB (no #Pdb stream)");
        typeSystemRows.AsSpan(0, T.Document).CopyTo(stream.TypeSystemRows);
        var debugInfo = image[T.MethodDebugInformation];
        while (debugInfo.RowCount < typeSystemRows[T.MethodDef])
            debugInfo.Add(0, 0);
        foreach (var (row, offsets) in methods)
            if (row <= debugInfo.RowCount && debugInfo[row, 1] != 0)
                debugInfo[row, 1] = image.Blobs.AddBlob(SequencePoints(image.Blobs.OriginalBlob(debugInfo[row, 1]), debugInfo[row, 0] == 0, offsets));
        var scopes = image[T.LocalScope];
        for (var r = 1; r <= scopes.RowCount; r++)
        {
            if (!methods.TryGetValue((int)scopes[r, 0], out var offsets))
                continue;
            var start = (int)scopes[r, 4];
            var newStart = offsets.Map(start);
            scopes[r, 4] = (uint)newStart;
            scopes[r, 5] = (uint)(offsets.Map(start + (int)scopes[r, 5]) - newStart);
        }
        RewriteCustomDebugInformation(image, methods);
        var bytes = image.Serialize();
        return (bytes, IdOffset(bytes));
    }

    /// <summary>A sequence-points blob with its IL offsets mapped and its local signature
    /// replaced; every other field is copied as it was (II of the Portable PDB spec: header,
    /// then records whose first field is the IL offset's delta, 0 for a document change).</summary>
    private static byte[] SequencePoints(ReadOnlySpan<byte> blob, bool hasInitialDocument, MethodOffsets offsets)
    {
        var output = new MemoryStream(blob.Length + 16);
        var at = Skip(blob, 0); // the local signature, replaced
        CompressedInteger.Write(output, offsets.LocalSignature);
        if (hasInitialDocument)
            at = Copy(blob, at, output);
        int oldOffset = 0, newOffset = 0;
        var first = true;
        while (at < blob.Length)
        {
            var (delta, size) = CompressedInteger.Read(blob[at..]);
            at += size;
            if (delta == 0 && !first)
            {
                output.WriteByte(0);
                at = Copy(blob, at, output); // the new document
                continue;
            }
            oldOffset += delta;
            var mapped = offsets.Map(oldOffset);
            CompressedInteger.Write(output, first ? mapped : mapped - newOffset);
            newOffset = mapped;
            first = false;
            var (lines, _) = CompressedInteger.Read(blob[at..]);
            at = Copy(blob, at, output);
            var columnsAt = at;
            at = Copy(blob, at, output);
            if (lines == 0 && blob[columnsAt] == 0)
                continue; // hidden
            at = Copy(blob, at, output);
            at = Copy(blob, at, output);
        }
        return output.ToArray();
    }

    private static void RewriteCustomDebugInformation(MetadataImage image, IReadOnlyDictionary<int, MethodOffsets> methods)
    {
        var moveNextOf = new Dictionary<int, int>();
        var stateMachines = image[T.StateMachineMethod];
        for (var r = 1; r <= stateMachines.RowCount; r++)
            moveNextOf[(int)stateMachines[r, 1]] = (int)stateMachines[r, 0];
        var records = image[T.CustomDebugInformation];
        var guids = image.Guids.Original;
        for (var r = 1; r <= records.RowCount; r++)
        {
            var parent = records[r, 0];
            if ((parent & 0x1F) != 0 || records[r, 1] == 0)
                continue; // not on a method
            var method = (int)(parent >> 5);
            var kind = new Guid(guids.Slice((int)(records[r, 1] - 1) * 16, 16));
            var value = image.Blobs.OriginalBlob(records[r, 2]);
            byte[]? rewritten = null;
            if (kind == AsyncMethodSteppingInformation)
                rewritten = AsyncStepping(value, moveNextOf.GetValueOrDefault(method, method), methods);
            else if (kind == StateMachineHoistedLocalScopes && methods.TryGetValue(method, out var offsets))
                rewritten = HoistedScopes(value, offsets);
            if (rewritten is not null)
                records[r, 2] = image.Blobs.AddBlob(rewritten);
        }
    }

    /// <summary>The catch handler's offset + 1 (0 for none), then per await the yield offset,
    /// the resume offset and the resume method, all in the state machine's MoveNext.</summary>
    private static byte[]? AsyncStepping(ReadOnlySpan<byte> value, int moveNext, IReadOnlyDictionary<int, MethodOffsets> methods)
    {
        var output = value.ToArray();
        var changed = false;
        var catchHandler = BinaryPrimitives.ReadInt32LittleEndian(value);
        if (catchHandler != 0 && methods.TryGetValue(moveNext, out var own))
        {
            BinaryPrimitives.WriteInt32LittleEndian(output, own.Map(catchHandler - 1) + 1);
            changed = true;
        }
        for (var at = 4; at < value.Length;)
        {
            var (resumeMethod, size) = CompressedInteger.Read(value[(at + 8)..]);
            if (methods.TryGetValue(resumeMethod, out var offsets))
            {
                BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at), offsets.Map(BinaryPrimitives.ReadInt32LittleEndian(value[at..])));
                BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at + 4), offsets.Map(BinaryPrimitives.ReadInt32LittleEndian(value[(at + 4)..])));
                changed = true;
            }
            at += 8 + size;
        }
        return changed ? output : null;
    }

    /// <summary>Start and length pairs; a pair of zeros (a hoisted variable without a scope) stays.</summary>
    private static byte[] HoistedScopes(ReadOnlySpan<byte> value, MethodOffsets offsets)
    {
        var output = value.ToArray();
        for (var at = 0; at + 8 <= value.Length; at += 8)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(value[at..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(value[(at + 4)..]);
            if (start == 0 && length == 0)
                continue;
            var newStart = offsets.Map(start);
            BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at), newStart);
            BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(at + 4), offsets.Map(start + length) - newStart);
        }
        return output;
    }

    private static int Skip(ReadOnlySpan<byte> blob, int at) => at + CompressedInteger.Read(blob[at..]).Size;

    private static int Copy(ReadOnlySpan<byte> blob, int at, MemoryStream output)
    {
        var end = Skip(blob, at);
        output.Write(blob[at..end]);
        return end;
    }

    /// <summary>The #Pdb stream's offset in a metadata root: its id is its first 20 bytes.</summary>
    private static int IdOffset(byte[] root)
    {
        var versionLength = BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(12));
        var at = 16 + versionLength + 2;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(root.AsSpan(at));
        at += 2;
        for (var s = 0; s < count; s++)
        {
            var offset = BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(at));
            var nameLength = root.AsSpan(at + 8).IndexOf((byte)0);
            if (root.AsSpan(at + 8, nameLength).SequenceEqual("#Pdb"u8))
                return offset;
            at += 8 + (nameLength + 4 & ~3);
        }
        throw new BadImageFormatException("not a Portable PDB (no #Pdb stream)");
    }
}
