using System.Buffers.Binary;
using System.Text;
using T = FlowCover.Instrumentation.Writing.TableSchema;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// Patches a Portable PDB for an assembly whose bodies moved: the same id (so the assembly's
/// CodeView entry still names it), the same rows, and every IL offset the PDB holds carried to
/// where its instruction is now. Offsets are in sequence points, local scopes, and two kinds of
/// custom debug information (async stepping, hoisted scopes); a rewritten blob is appended and
/// its row pointed at it, the old blob stays unused. Every map is increasing, so rows keep the
/// order the spec wants (LocalScope by method, start, then longest first; CustomDebugInformation
/// by parent, which does not change) and points within a method keep theirs.
/// </summary>
/// <remarks>
/// The other kinds Roslyn writes hold no IL offset and are kept: DynamicLocalVariables,
/// TupleElementNames, DefaultNamespace, EditAndContinueLocalSlotMap,
/// EditAndContinueLambdaAndClosureMap and EncStateMachineStateMap (their offsets are syntax
/// offsets, in source), EmbeddedSource, SourceLink, CompilationMetadataReferences,
/// CompilationOptions, TypeDefinitionDocuments and PrimaryConstructorInformation.
/// </remarks>
internal static class PdbRewriter
{
    private const int MethodDefTag = 0; // HasCustomDebugInformation's tag for MethodDef

    /// <param name="pdb">The whole PDB file.</param>
    /// <param name="methods">How the body of each rewritten MethodDef (by row) moved.</param>
    /// <param name="typeSystemRows">Row counts of tables 0x00 to 0x2F of the new assembly.</param>
    /// <returns>The new PDB and where its 20-byte id is in it (which a PdbChecksum hashes as
    /// zeros).</returns>
    public static (byte[] Pdb, int IdOffset) Rewrite(byte[] pdb, IReadOnlyDictionary<int, MethodOffsets> methods, int[] typeSystemRows)
    {
        var image = MetadataImage.Read(pdb);
        var stream = image.Pdb ?? throw new BadImageFormatException("no #Pdb stream: not a standalone Portable PDB");
        if (typeSystemRows.Length != stream.TypeSystemRows.Length)
            throw new ArgumentException($"{typeSystemRows.Length} type-system row counts, not {stream.TypeSystemRows.Length}", nameof(typeSystemRows));
        typeSystemRows.CopyTo(stream.TypeSystemRows, 0);
        RemapSequencePoints(image, methods);
        AddRowsForNewMethods(image[T.MethodDebugInformation], typeSystemRows[T.MethodDef]);
        RemapLocalScopes(image[T.LocalScope], methods);
        RemapCustomDebugInformation(image, methods);
        var root = image.Serialize();
        return (root, StreamOffset(root, "#Pdb"));
    }

    private static void RemapSequencePoints(MetadataImage image, IReadOnlyDictionary<int, MethodOffsets> methods)
    {
        var debugInformation = image[T.MethodDebugInformation];
        // Room for the new blobs, a quarter larger than the old (offsets grow by the probes, and
        // a delta that needed one byte may need two), so the heap is not grown by doubling.
        var expected = 0L;
        for (var row = 1; row <= debugInformation.RowCount; row++)
            if (debugInformation[row, 1] is not 0 and var blob && methods.ContainsKey(row))
                expected += image.Blobs.OriginalBlob(blob).Length * 5L / 4 + 8;
        image.Blobs.Reserve((int)Math.Min(expected, int.MaxValue / 2));
        var buffer = new byte[256];
        for (var row = 1; row <= debugInformation.RowCount; row++)
        {
            var blob = debugInformation[row, 1];
            if (blob == 0 || !methods.TryGetValue(row, out var offsets))
                continue;
            var points = image.Blobs.OriginalBlob(blob);
            if (buffer.Length < SequencePointsBlob.MaxLength(points.Length))
                buffer = new byte[SequencePointsBlob.MaxLength(points.Length) * 2];
            var written = SequencePointsBlob.Remap(points, hasInitialDocument: debugInformation[row, 0] == 0, offsets, buffer);
            debugInformation[row, 1] = image.Blobs.AddBlob(buffer.AsSpan(0, written));
        }
    }

    /// <summary>MethodDebugInformation has a row per MethodDef (or none at all): methods the
    /// assembly gained get rows without sequence points.</summary>
    private static void AddRowsForNewMethods(MetadataTable debugInformation, int methodDefs)
    {
        if (debugInformation.RowCount == 0)
            return;
        while (debugInformation.RowCount < methodDefs)
            debugInformation.Add(0u, 0u);
    }

    /// <summary>A scope is the range [start, start + length), mapped as one (see
    /// <see cref="MethodOffsets.MapRange"/>).</summary>
    private static void RemapLocalScopes(MetadataTable scopes, IReadOnlyDictionary<int, MethodOffsets> methods)
    {
        for (var row = 1; row <= scopes.RowCount; row++)
        {
            if (!methods.TryGetValue((int)scopes[row, 0], out var offsets))
                continue;
            var (start, length) = offsets.MapRange((int)scopes[row, 4], (int)scopes[row, 5]);
            scopes[row, 4] = (uint)start;
            scopes[row, 5] = (uint)length;
        }
    }

    private static void RemapCustomDebugInformation(MetadataImage image, IReadOnlyDictionary<int, MethodOffsets> methods)
    {
        var asyncKind = GuidIndex(image.Guids, AsyncSteppingBlob.Kind);
        var hoistedKind = GuidIndex(image.Guids, HoistedScopesBlob.Kind);
        if (asyncKind == 0 && hoistedKind == 0)
            return;
        var moveNextOf = MoveNextOfKickoff(image[T.StateMachineMethod]);
        var scratch = new MemoryStream();
        var information = image[T.CustomDebugInformation];
        for (var row = 1; row <= information.RowCount; row++)
        {
            var parent = information[row, 0];
            var kind = information[row, 1];
            if ((parent & 0x1F) != MethodDefTag || kind == 0 || kind != asyncKind && kind != hoistedKind)
                continue;
            var method = (int)(parent >> 5);
            var blob = image.Blobs.OriginalBlob(information[row, 2]);
            scratch.SetLength(0);
            if (kind == asyncKind)
            {
                // Roslyn attaches the record to the MoveNext; were it on the kickoff method, the
                // offsets would still be the MoveNext's.
                if (!AsyncSteppingBlob.Remap(blob, moveNextOf.GetValueOrDefault(method, method), methods, scratch))
                    continue;
            }
            else
            {
                if (!methods.TryGetValue(method, out var offsets))
                    continue;
                HoistedScopesBlob.Remap(blob, offsets, scratch);
            }
            information[row, 2] = image.Blobs.AddBlob(Written(scratch));
        }
    }

    private static Dictionary<int, int> MoveNextOfKickoff(MetadataTable stateMachines)
    {
        var moveNextOf = new Dictionary<int, int>(stateMachines.RowCount);
        for (var row = 1; row <= stateMachines.RowCount; row++)
            moveNextOf[(int)stateMachines[row, 1]] = (int)stateMachines[row, 0];
        return moveNextOf;
    }

    /// <summary>The index (from 1) of <paramref name="value"/> in the #GUID heap; 0 when the PDB
    /// has no such record.</summary>
    private static uint GuidIndex(MetadataHeap guids, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        var heap = guids.Original;
        for (var at = 0; at + 16 <= heap.Length; at += 16)
            if (heap.Slice(at, 16).SequenceEqual(bytes))
                return (uint)(at / 16 + 1);
        return 0;
    }

    private static ReadOnlySpan<byte> Written(MemoryStream stream) => stream.GetBuffer().AsSpan(0, (int)stream.Length);

    /// <summary>Where stream <paramref name="name"/> starts in a metadata root (II.24.2.1),
    /// read back from the root's stream headers.</summary>
    private static int StreamOffset(byte[] root, string name)
    {
        var versionLength = BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(12));
        var at = 16 + versionLength + 2;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(root.AsSpan(at));
        at += 2;
        for (var s = 0; s < count; s++)
        {
            var nameLength = root.AsSpan(at + 8).IndexOf((byte)0);
            if (Encoding.ASCII.GetString(root, at + 8, nameLength) == name)
                return BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(at));
            at += 8 + (nameLength + 4 & ~3);
        }
        throw new InvalidOperationException($"the rewritten root has no {name} stream");
    }
}
