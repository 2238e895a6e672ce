using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Mono.Cecil;
using T = FlowCover.Instrumentation.Writing.TableSchema;

namespace FlowCover.Instrumentation.Writing;

/// <summary>A body rewritten with probes: its MethodDef row, encoded bytes, where its old
/// instructions went and its implementation flags now; and the rows its bytes name that the
/// writer adds when it finishes (<see cref="DeferredRow"/>): its locals' signature, when probes
/// added locals, and members its probes call that the module had no reference to.</summary>
internal sealed record RewrittenMethod(int Row, byte[] Body, MethodOffsets Offsets, ushort ImplFlags)
{
    public DeferredRow? Locals { get; init; }

    public IReadOnlyList<TokenFixup> Fixups { get; init; } = [];
}

/// <summary>
/// Writes an instrumented assembly by patching the original rather than rebuilding it: every
/// byte, token and heap offset of the file stays, and one new section holds what changed (the
/// rewritten bodies, a metadata root with the tracker's rows appended and the new RVAs, and an
/// embedded PDB when the PDB is inside). The PDB is patched the same way, keeping its id.
/// Rebuilding with Cecil meant keeping its whole object graph of the assembly until the end and
/// writing it on one thread; this needs only the bodies that change, each encoded by itself.
/// </summary>
internal sealed class PatchingWriter
{
    private readonly PEReader _reader;
    private readonly PeImage _image;
    private readonly byte[]? _pdb;
    private readonly bool _embeddedPdb;
    private readonly bool _hasPdbChecksum;
    private readonly Lock _rows = new();
    private readonly Dictionary<string, int> _references = [];
    private readonly Dictionary<string, DeferredRow> _deferredReferences = [];

    private PatchingWriter(byte[] file, byte[]? sideBySidePdb)
    {
        AssemblyBytes = file;
        SideBySidePdb = sideBySidePdb;
        _reader = new PEReader(ImmutableCollectionsMarshal.AsImmutableArray(file));
        _ = _reader.GetEntireImage(); // read once here, so bodies can be read from any thread
        _image = PeImage.Read(file);
        // The metadata as a part of the file's bytes, not a copy: the heaps keep reading it.
        Metadata = MetadataImage.Read(file.AsMemory(_reader.PEHeaders.MetadataStartOffset, _reader.PEHeaders.MetadataSize));
        IL = new ILSection(_image.AppendedSectionRva);
        var debug = _reader.ReadDebugDirectory();
        _hasPdbChecksum = debug.Any(e => e.Type == DebugDirectoryEntryType.PdbChecksum);
        if (debug.FirstOrDefault(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb) is { DataSize: > 0 } embedded)
        {
            _embeddedPdb = true;
            _pdb = EmbeddedPdb.Decompress(_reader.GetSectionData(embedded.DataRelativeVirtualAddress).GetContent(0, embedded.DataSize).AsSpan());
        }
        else
        {
            _pdb = sideBySidePdb;
        }
    }

    /// <summary>The assembly's bytes as read, not to be changed.</summary>
    public byte[] AssemblyBytes { get; }

    /// <summary>The bytes of the PDB beside the assembly as read, if there is one (an embedded
    /// PDB is in <see cref="AssemblyBytes"/>), not to be changed.</summary>
    public byte[]? SideBySidePdb { get; }

    public MetadataImage Metadata { get; }

    public ILSection IL { get; }

    public bool HasEmbeddedPdb => _embeddedPdb;

    /// <summary>Opens <paramref name="path"/> and the PDB beside it, if any.</summary>
    public static PatchingWriter Open(string path)
    {
        var pdb = System.IO.Path.ChangeExtension(path, ".pdb");
        return new PatchingWriter(File.ReadAllBytes(path), File.Exists(pdb) ? File.ReadAllBytes(pdb) : null);
    }

    /// <summary>A method's body as the file has it. Safe on any thread.</summary>
    public MethodBodyBlock OriginalBody(int rva) => _reader.GetMethodBody(rva);

    /// <summary>The StandAloneSig token of a body's locals with <paramref name="added"/> more
    /// after its own, whose types' signatures are <paramref name="types"/> one after another
    /// (booleans, in which probes of decisions keep their copies; the native int that holds the
    /// thread's block; a test mark's saved context). Added now: for bodies rewritten one after
    /// another (test marks); bodies encoded on every core ask <see cref="DeferredLocals"/>.</summary>
    public int LocalsWith(int originalToken, int added, byte[] types)
    {
        var blob = LocalsBlob(originalToken, added, types);
        lock (_rows)
            return 0x11000000 | Metadata[T.StandAloneSig].Add(Metadata.Blobs.AddBlob(blob));
    }

    /// <summary>As <see cref="LocalsWith"/>, the row added when the writer finishes, in the
    /// order of the bodies. Safe on any thread.</summary>
    public DeferredRow DeferredLocals(int originalToken, int added, byte[] types)
    {
        var blob = LocalsBlob(originalToken, added, types);
        return new DeferredRow(() => 0x11000000 | Metadata[T.StandAloneSig].Add(Metadata.Blobs.AddBlob(blob)));
    }

    private byte[] LocalsBlob(int originalToken, int added, byte[] types)
    {
        var blob = new MemoryStream();
        blob.WriteByte(0x07);
        if (originalToken == 0)
        {
            CompressedInteger.Write(blob, added);
        }
        else
        {
            var original = Metadata.Blobs.OriginalBlob(Metadata[T.StandAloneSig][originalToken & 0xFFFFFF, 0]);
            var (count, size) = CompressedInteger.Read(original[1..]);
            CompressedInteger.Write(blob, count + added);
            blob.Write(original[(1 + size)..]);
        }
        blob.Write(types);
        return blob.ToArray();
    }

    /// <summary>
    /// A token for a member a probe calls that the body did not (a filter's <c>HasValue</c> on
    /// a nullable the body already uses): a MemberRef on its declaring type as the file has it,
    /// added once per module. Added now: for bodies rewritten one after another (test marks);
    /// bodies encoded on every core ask <see cref="DeferredReferenceTo"/>.
    /// </summary>
    public int ReferenceTo(object operand)
    {
        var (parent, name, signature) = ReferenceParts(operand);
        return MemberRef(parent, name, signature);
    }

    /// <summary>As <see cref="ReferenceTo"/>, the row added when the writer finishes, in the
    /// order of the bodies that name it. Safe on any thread.</summary>
    public DeferredRow DeferredReferenceTo(object operand)
    {
        var (parent, name, signature) = ReferenceParts(operand);
        var key = ReferenceKey(parent, name, signature);
        lock (_rows)
        {
            if (!_deferredReferences.TryGetValue(key, out var row))
                _deferredReferences[key] = row = new DeferredRow(() => MemberRef(parent, name, signature));
            return row;
        }
    }

    private static (int Parent, string Name, byte[] Signature) ReferenceParts(object operand)
    {
        if (operand is not MethodReference { DeclaringType.MetadataToken: var parent } method
            || parent.RID == 0 || parent.TokenType is not (TokenType.TypeRef or TokenType.TypeDef or TokenType.TypeSpec))
            throw new InvalidOperationException($"a probe uses {operand}, which has no token in the module");
        var signature = new SignatureEncoder(t => t.MetadataToken.RID != 0 ? t.MetadataToken.ToInt32()
            : throw new InvalidOperationException($"a probe's call to {method} names {t}, which has no token in the module")).Method(method);
        return (parent.ToInt32(), method.Name, signature);
    }

    private static string ReferenceKey(int parent, string name, byte[] signature) => $"{parent:X8} {name} {Convert.ToHexString(signature)}";

    /// <summary>The MemberRef token of <paramref name="name"/> with <paramref name="signature"/>
    /// on the type <paramref name="parent"/>, added the first time it is asked for. Safe on any
    /// thread.</summary>
    public int MemberRef(int parent, string name, byte[] signature)
    {
        var key = ReferenceKey(parent, name, signature);
        lock (_rows)
        {
            if (_references.TryGetValue(key, out var token))
                return token;
            var row = Metadata[T.MemberRef].Add(T.Coded(T.MemberRefParent, parent), Metadata.Strings.AddString(name), Metadata.Blobs.AddBlob(signature));
            return _references[key] = 0x0A000000 | row;
        }
    }

    /// <summary>The new assembly and, when its PDB is beside it, the new PDB.</summary>
    public (byte[] Assembly, byte[]? Pdb) Finish(IReadOnlyList<RewrittenMethod> methods)
    {
        var methodDefs = Metadata[T.MethodDef];
        var bodyBytes = 0L;
        foreach (var method in methods)
            bodyBytes += method.Body.Length + 3; // With the padding that aligns a fat header.
        IL.Reserve(checked((int)bodyBytes));
        foreach (var method in methods)
        {
            AddDeferredRows(method);
            methodDefs[method.Row, 0] = (uint)IL.Add(method.Body);
            methodDefs[method.Row, 1] = method.ImplFlags;
        }
        // The PDB needs only the assembly's row counts, final by now: it is patched on another
        // core while the assembly's metadata is written.
        var typeSystemRows = Metadata.RowCounts()[..T.Document];
        var patchedPdb = _pdb is null ? null : Task.Run(() => PdbRewriter.Rewrite(_pdb, methods.ToDictionary(m => m.Row, m => m.Offsets), typeSystemRows));
        var root = Metadata.Serialize();
        var section = new MemoryStream(IL.Length + 4 + root.Length);
        IL.WriteTo(section);
        Align(section);
        var metadataOffset = (int)section.Length;
        section.Write(root);
        byte[]? pdb = null;
        byte[]? checksum = null;
        int embeddedOffset = 0, embeddedSize = 0;
        if (patchedPdb is not null)
        {
            (pdb, var idOffset) = patchedPdb.GetAwaiter().GetResult();
            if (_hasPdbChecksum)
                checksum = PdbChecksum.Sha256(pdb, idOffset);
            if (_embeddedPdb)
            {
                Align(section);
                embeddedOffset = (int)section.Length;
                var compressed = EmbeddedPdb.Compress(pdb);
                section.Write(compressed);
                embeddedSize = compressed.Length;
                pdb = null;
            }
        }
        var assembly = _image.Write(new AppendedSection(section.GetBuffer().AsMemory(0, (int)section.Length), metadataOffset, root.Length)
        {
            EmbeddedPdbOffset = embeddedOffset,
            EmbeddedPdbSize = embeddedSize,
            PdbChecksum = checksum,
        });
        return (assembly, pdb);
    }

    /// <summary>Adds the rows <paramref name="method"/> names that were left for now (see
    /// <see cref="DeferredRow"/>), those it shares with a body before it already added, and
    /// writes their tokens into its bytes.</summary>
    private static void AddDeferredRows(RewrittenMethod method)
    {
        if (method.Locals is { } locals)
        {
            BinaryPrimitives.WriteInt32LittleEndian(method.Body.AsSpan(8), locals.Token);
            method.Offsets.LocalSignature = locals.Token & 0xFFFFFF;
        }
        foreach (var fixup in method.Fixups)
            BinaryPrimitives.WriteInt32LittleEndian(method.Body.AsSpan(fixup.At), fixup.Row.Token);
    }

    private static void Align(MemoryStream stream)
    {
        while (stream.Length % 4 != 0)
            stream.WriteByte(0);
    }
}
