using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Security.Cryptography;
using FlowCover.Instrumentation.Writing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The patching writer's PE layer: an assembly given one more section that holds its metadata
/// (and embedded PDB) must be what System.Reflection.Metadata and the runtime read, with every
/// other byte where it was. The metadata put in the new section here is a copy of the old, so
/// what the assembly says and does must not change at all.
/// </summary>
public sealed class PeImageTests
{
    private const string Source = """
        public static class Answer
        {
            public static int Get() => Shapes.Square.Of(6) + 6;
        }

        namespace Shapes
        {
            public sealed class Square
            {
                public static int Of(int side) => side * side;

                public string Describe(int side) => $"{side}x{side}";
            }
        }
        """;

    /// <summary>Where the metadata goes in the new section: not at its start, so that an RVA
    /// taken from the section's start rather than the metadata's shows.</summary>
    private const int MetadataOffset = 0x44;

    [Theory]
    [InlineData(OptimizationLevel.Debug, Platform.AnyCpu)]
    [InlineData(OptimizationLevel.Release, Platform.AnyCpu)]
    [InlineData(OptimizationLevel.Release, Platform.X64)]
    public void The_runtime_reads_the_metadata_from_the_appended_section(OptimizationLevel optimization, Platform platform)
    {
        var original = Build(optimization, platform, DebugInformationFormat.PortablePdb).Assembly;
        using var before = Open(original);
        Assert.Equal(platform == Platform.X64 ? PEMagic.PE32Plus : PEMagic.PE32, before.PEHeaders.PEHeader!.Magic);
        // Claim a strong-name signature, as a signed library does, which the patched file must no longer claim.
        original[before.PEHeaders.CorHeaderStartOffset + 16] |= (byte)CorFlags.StrongNameSigned;
        var metadata = before.GetMetadata().GetContent().ToArray();
        var data = Filler(MetadataOffset).Concat(metadata).Concat(Filler(3)).ToArray();

        var image = PeImage.Read(original);
        var patched = image.Write(new AppendedSection(data, MetadataOffset, metadata.Length));

        using var after = Open(patched);
        var sections = after.PEHeaders.SectionHeaders;
        Assert.Equal(before.PEHeaders.SectionHeaders.Select(s => (s.Name, s.VirtualAddress, s.VirtualSize, s.SizeOfRawData)),
            sections.SkipLast(1).Select(s => (s.Name, s.VirtualAddress, s.VirtualSize, s.SizeOfRawData)));
        var added = sections[^1];
        Assert.Equal(".flowcov", added.Name);
        var last = before.PEHeaders.SectionHeaders[^1];
        Assert.Equal(Align(last.VirtualAddress + Math.Max(last.VirtualSize, last.SizeOfRawData), before.PEHeaders.PEHeader.SectionAlignment), image.AppendedSectionRva);
        Assert.Equal(image.AppendedSectionRva, added.VirtualAddress);
        Assert.Equal(data.Length, added.VirtualSize);
        Assert.Equal(Align(data.Length, after.PEHeaders.PEHeader!.FileAlignment), added.SizeOfRawData);
        Assert.Equal(SectionCharacteristics.ContainsInitializedData | SectionCharacteristics.MemRead, added.SectionCharacteristics);
        Assert.Equal(data, patched.AsSpan(added.PointerToRawData, data.Length).ToArray());
        Assert.Equal(patched.Length, added.PointerToRawData + added.SizeOfRawData);

        var header = after.PEHeaders.PEHeader;
        Assert.Equal(Align(added.VirtualAddress + data.Length, header.SectionAlignment), header.SizeOfImage);
        Assert.Equal(before.PEHeaders.PEHeader.SizeOfInitializedData + added.SizeOfRawData, header.SizeOfInitializedData);
        Assert.Equal(0u, header.CheckSum);

        var directory = after.PEHeaders.CorHeader!.MetadataDirectory;
        Assert.Equal((image.AppendedSectionRva + MetadataOffset, metadata.Length), (directory.RelativeVirtualAddress, directory.Size));
        Assert.Equal(metadata, after.GetMetadata().GetContent().ToArray());
        Assert.Equal(Names(before.GetMetadataReader()), Names(after.GetMetadataReader()));
        Assert.Equal(before.PEHeaders.CorHeader!.Flags & ~CorFlags.StrongNameSigned, after.PEHeaders.CorHeader.Flags);
        Assert.True(after.PEHeaders.CorHeader.Flags.HasFlag(CorFlags.ILOnly));

        AssertOnlyHeaderFieldsChanged(original, patched, before, after);
        AssertDebugDataUnmoved(original, before, patched, after);
        Assert.Equal(42, Answer(patched));
        Assert.Equal(42, Answer(WriteToScratch(patched)));
    }

    /// <summary>An AnyCPU DLL's three section headers (.text, .rsrc for the version resource,
    /// .reloc) end 16 bytes short of its 0x200 bytes of headers, so the headers grow by a file
    /// alignment unit; an x64 DLL has no .reloc and a PE32+ header 16 bytes longer, and the
    /// third header fits exactly, as it does in an AnyCPU DLL without a version resource.</summary>
    [Theory]
    [InlineData(Platform.AnyCpu, true, 0x200)]
    [InlineData(Platform.X64, true, 0)]
    [InlineData(Platform.AnyCpu, false, 0)]
    public void Section_data_moves_down_only_when_the_headers_have_no_room(Platform platform, bool versionResource, int expectedMove)
    {
        var original = Build(OptimizationLevel.Release, platform, DebugInformationFormat.PortablePdb, versionResource).Assembly;
        using var before = Open(original);
        var patched = PeImage.Read(original).Write(MetadataCopy(before));

        using var after = Open(patched);
        var move = after.PEHeaders.PEHeader!.SizeOfHeaders - before.PEHeaders.PEHeader!.SizeOfHeaders;
        Assert.Equal(expectedMove, move);
        Assert.Equal(before.PEHeaders.SectionHeaders.Select(s => s.PointerToRawData + move),
            after.PEHeaders.SectionHeaders.SkipLast(1).Select(s => s.PointerToRawData));
        Assert.True(SectionTable(after.PEHeaders) + 40 * after.PEHeaders.SectionHeaders.Length <= after.PEHeaders.PEHeader.SizeOfHeaders);
        AssertOnlyHeaderFieldsChanged(original, patched, before, after);
        AssertDebugDataUnmoved(original, before, patched, after);
        Assert.Equal(42, Answer(patched));
        Assert.Equal(42, Answer(WriteToScratch(patched)));
    }

    /// <summary>Both libraries are strong-name signed; xunit.core also has an Authenticode
    /// certificate after its sections.</summary>
    [Theory]
    [InlineData("Mono.Cecil")]
    [InlineData("xunit.core")]
    public void A_signed_library_keeps_its_types_and_loses_its_signatures(string library)
    {
        var original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, library + ".dll"));
        using var before = Open(original);
        Assert.True(before.PEHeaders.CorHeader!.Flags.HasFlag(CorFlags.StrongNameSigned));
        var certificate = before.PEHeaders.PEHeader!.CertificateTableDirectory;

        var patched = PeImage.Read(original).Write(MetadataCopy(before));

        using var after = Open(patched);
        Assert.Equal(before.PEHeaders.CorHeader.Flags & ~CorFlags.StrongNameSigned, after.PEHeaders.CorHeader!.Flags);
        Assert.Equal(default, after.PEHeaders.PEHeader!.CertificateTableDirectory);
        Assert.NotEqual(0u, before.PEHeaders.PEHeader.CheckSum);
        Assert.Equal(0u, after.PEHeaders.PEHeader.CheckSum);
        var added = after.PEHeaders.SectionHeaders[^1];
        Assert.Equal(patched.Length, added.PointerToRawData + added.SizeOfRawData);
        if (certificate.Size > 0)
            Assert.Equal(-1, patched.AsSpan().IndexOf(original.AsSpan(certificate.RelativeVirtualAddress, 64)));
        Assert.Equal(Names(before.GetMetadataReader()), Names(after.GetMetadataReader()));
        AssertOnlyHeaderFieldsChanged(original, patched, before, after);
        AssertDebugDataUnmoved(original, before, patched, after);
        Assert.Equal(TypeCount(original), TypeCount(patched));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_embedded_pdb_in_the_appended_section_is_the_one_read(OptimizationLevel optimization)
    {
        var original = Build(optimization, Platform.AnyCpu, DebugInformationFormat.Embedded).Assembly;
        using var before = Open(original);
        var entry = before.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        var pdb = EmbeddedPdb.Decompress(original.AsSpan(entry.DataPointer, entry.DataSize));
        using var originalPdb = before.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
        Assert.Equal(Bytes(originalPdb.GetMetadataReader()), pdb);

        var metadata = before.GetMetadata().GetContent().ToArray();
        var compressed = EmbeddedPdb.Compress(pdb);
        Assert.Equal(pdb, EmbeddedPdb.Decompress(compressed));
        var pdbOffset = Align(MetadataOffset + metadata.Length, 4);
        var data = Filler(MetadataOffset).Concat(metadata).Concat(Filler(pdbOffset - MetadataOffset - metadata.Length)).Concat(compressed).ToArray();
        var image = PeImage.Read(original);
        var patched = image.Write(new AppendedSection(data, MetadataOffset, metadata.Length) { EmbeddedPdbOffset = pdbOffset, EmbeddedPdbSize = compressed.Length });

        using var after = Open(patched);
        Assert.NotEqual(before.PEHeaders.PEHeader!.SizeOfHeaders, after.PEHeaders.PEHeader!.SizeOfHeaders); // the other entries moved
        var added = after.PEHeaders.SectionHeaders[^1];
        var moved = after.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        Assert.Equal((image.AppendedSectionRva + pdbOffset, added.PointerToRawData + pdbOffset, compressed.Length),
            (moved.DataRelativeVirtualAddress, moved.DataPointer, moved.DataSize));
        using var newPdb = after.ReadEmbeddedPortablePdbDebugDirectoryData(moved);
        Assert.Equal(pdb, Bytes(newPdb.GetMetadataReader()));
        Assert.NotEmpty(DocumentNames(newPdb.GetMetadataReader()));
        Assert.Equal(DocumentNames(originalPdb.GetMetadataReader()), DocumentNames(newPdb.GetMetadataReader()));
        AssertDebugDataUnmoved(original, before, patched, after);
        Assert.Equal(42, Answer(patched));
    }

    [Fact]
    public void Compressing_an_embedded_pdb_writes_its_signature_and_size()
    {
        var pdb = Enumerable.Range(0, 1000).Select(i => (byte)(i % 7)).ToArray();
        var data = EmbeddedPdb.Compress(pdb);

        Assert.Equal("MPDB"u8.ToArray(), data[..4]);
        Assert.Equal(pdb.Length, BitConverter.ToInt32(data, 4));
        Assert.Equal(pdb, EmbeddedPdb.Decompress(data));
        Assert.Throws<BadImageFormatException>(() => EmbeddedPdb.Decompress(data[4..]));
    }

    [Fact]
    public void The_checksum_of_an_unmodified_pdb_is_the_one_roslyn_wrote()
    {
        var (assembly, pdb) = Build(OptimizationLevel.Debug, Platform.AnyCpu, DebugInformationFormat.PortablePdb);
        using var pe = Open(assembly);
        var written = pe.ReadPdbChecksumDebugDirectoryData(pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.PdbChecksum));
        Assert.Equal("SHA256", written.AlgorithmName);

        Assert.Equal(written.Checksum.ToArray(), PdbChecksum.Sha256(pdb!, PdbIdOffset(pdb!)));
        Assert.NotEqual(written.Checksum.ToArray(), SHA256.HashData(pdb!)); // the id is taken as zeros
    }

    [Fact]
    public void Patching_the_pdb_checksum_replaces_exactly_its_bytes()
    {
        var original = Build(OptimizationLevel.Debug, Platform.AnyCpu, DebugInformationFormat.PortablePdb).Assembly;
        using var before = Open(original);
        var section = MetadataCopy(before);
        var image = PeImage.Read(original);
        var unpatched = image.Write(section);
        var checksum = SHA256.HashData("another PDB"u8);

        var patched = image.Write(section with { PdbChecksum = checksum });

        using var after = Open(patched);
        var entry = after.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.PdbChecksum);
        var read = after.ReadPdbChecksumDebugDirectoryData(entry);
        Assert.Equal("SHA256", read.AlgorithmName);
        Assert.Equal(checksum, read.Checksum.ToArray());
        var checksumAt = entry.DataPointer + entry.DataSize - checksum.Length;
        Assert.Equal(unpatched.Length, patched.Length);
        Assert.Equal(unpatched.AsSpan(..checksumAt).ToArray(), patched.AsSpan(..checksumAt).ToArray());
        Assert.Equal(checksum, patched.AsSpan(checksumAt, checksum.Length).ToArray());
        Assert.Equal(unpatched.AsSpan((checksumAt + checksum.Length)..).ToArray(), patched.AsSpan((checksumAt + checksum.Length)..).ToArray());
        Assert.Throws<InvalidOperationException>(() => image.Write(section with { PdbChecksum = new byte[20] }));
    }

    [Fact]
    public void An_assembly_without_a_debug_directory_has_no_pdb_to_point_at()
    {
        var original = Build(OptimizationLevel.Release, Platform.AnyCpu, debugInformation: null).Assembly;
        using var before = Open(original);
        Assert.Empty(before.ReadDebugDirectory());
        var image = PeImage.Read(original);
        var section = MetadataCopy(before);

        Assert.Equal(42, Answer(image.Write(section)));
        Assert.Throws<InvalidOperationException>(() => image.Write(section with { PdbChecksum = new byte[32] }));
        Assert.Throws<InvalidOperationException>(() => image.Write(section with { EmbeddedPdbOffset = 0, EmbeddedPdbSize = 8 }));
    }

    [Fact]
    public void A_file_that_is_not_a_managed_pe_is_a_bad_image()
    {
        var assembly = Build(OptimizationLevel.Release, Platform.AnyCpu, debugInformation: null).Assembly;
        using var reader = Open(assembly);
        var native = assembly.ToArray();
        native.AsSpan(reader.PEHeaders.PEHeaderStartOffset + 96 + 14 * 8, 8).Clear(); // a PE32 header's CLI header directory
        byte[][] files = [[], "not a PE file at all, though long enough to have a DOS header's size"u8.ToArray(), assembly[..0x100], assembly[..0x300], native];

        foreach (var file in files)
        {
            var error = Assert.Throws<BadImageFormatException>(() => PeImage.Read(file));
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    /// <summary>
    /// Compiles <see cref="Source"/> in memory. With <paramref name="versionResource"/> the
    /// assembly has the Win32 version resource, and so the .rsrc section, that an SDK build
    /// gives every assembly (csc makes one from the assembly's attributes); without it Roslyn
    /// writes no .rsrc.
    /// </summary>
    private static (byte[] Assembly, byte[]? Pdb) Build(OptimizationLevel optimization, Platform platform, DebugInformationFormat? debugInformation, bool versionResource = true)
    {
        var compilation = CSharpCompilation.Create("PeImageTarget", [CSharpSyntaxTree.ParseText(Source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: optimization, platform: platform));
        using var assembly = new MemoryStream();
        using var pdb = debugInformation == DebugInformationFormat.PortablePdb ? new MemoryStream() : null;
        using var resources = versionResource ? compilation.CreateDefaultWin32Resources(versionResource: true, noManifest: true, manifestContents: null, iconInIcoFormat: null) : null;
        var options = debugInformation is { } format ? new EmitOptions(debugInformationFormat: format, pdbFilePath: "PeImageTarget.pdb") : null;
        var result = compilation.Emit(assembly, pdb, win32Resources: resources, options: options);
        Assert.True(result.Success, string.Join('\n', result.Diagnostics));
        return (assembly.ToArray(), pdb?.ToArray());
    }

    private static PEReader Open(byte[] file) => new(ImmutableArray.Create(file));

    /// <summary>The assembly's own metadata, copied into a new section.</summary>
    private static AppendedSection MetadataCopy(PEReader reader)
    {
        var metadata = reader.GetMetadata().GetContent().ToArray();
        return new AppendedSection(Filler(MetadataOffset).Concat(metadata).ToArray(), MetadataOffset, metadata.Length);
    }

    /// <summary>Bytes no metadata root starts with, for the parts of a section nobody should read.</summary>
    private static byte[] Filler(int length) => Enumerable.Repeat((byte)0xCC, length).ToArray();

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static int SectionTable(PEHeaders headers) => headers.PEHeaderStartOffset + headers.CoffHeader.SizeOfOptionalHeader;

    private static List<string> Names(MetadataReader reader) =>
        reader.TypeDefinitions.Select(reader.GetTypeDefinition)
            .SelectMany(t => t.GetMethods().Select(m => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}::{reader.GetString(reader.GetMethodDefinition(m).Name)}")
                .Prepend($"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}"))
            .ToList();

    private static List<string> DocumentNames(MetadataReader pdb) =>
        pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();

    private static unsafe byte[] Bytes(MetadataReader reader) => new ReadOnlySpan<byte>(reader.MetadataPointer, reader.MetadataLength).ToArray();

    /// <summary>Where the 20-byte id is in a Portable PDB: the start of its #Pdb stream, which
    /// the metadata root's stream headers place.</summary>
    private static int PdbIdOffset(byte[] pdb)
    {
        var at = 16 + BitConverter.ToInt32(pdb, 12) + 2; // past the version string and the flags
        var streams = BitConverter.ToUInt16(pdb, at);
        at += 2;
        for (var s = 0; s < streams; s++)
        {
            var offset = BitConverter.ToInt32(pdb, at);
            var name = System.Text.Encoding.ASCII.GetString(pdb, at + 8, Array.IndexOf(pdb, (byte)0, at + 8) - at - 8);
            if (name == "#Pdb")
            {
                using var provider = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(pdb));
                Assert.Equal(provider.GetMetadataReader().DebugMetadataHeader!.Id.ToArray(), pdb.AsSpan(offset, 20).ToArray());
                return offset;
            }
            at += 8 + Align(name.Length + 1, 4);
        }
        throw new InvalidOperationException("no #Pdb stream");
    }

    /// <summary>
    /// Every byte of the original's headers and sections is in the patched file where its
    /// section now is, except the header fields the new section changes, the sections' and
    /// debug entries' file offsets, and the CLI header's metadata directory and flags.
    /// </summary>
    private static void AssertOnlyHeaderFieldsChanged(byte[] original, byte[] patched, PEReader before, PEReader after)
    {
        var headers = before.PEHeaders;
        var peHeader = headers.PEHeaderStartOffset;
        var directories = peHeader + (headers.PEHeader!.Magic == PEMagic.PE32Plus ? 112 : 96);
        List<(int Start, int Length)> expected =
        [
            (headers.CoffHeaderStartOffset + 2, 2), // NumberOfSections
            (peHeader + 8, 4), // SizeOfInitializedData
            (peHeader + 56, 12), // SizeOfImage, SizeOfHeaders, CheckSum
            (directories + 4 * 8, 8), // the certificate table
            (headers.CorHeaderStartOffset + 8, 12), // the metadata directory and flags
        ];
        for (var s = 0; s < headers.SectionHeaders.Length; s++)
            expected.Add((SectionTable(headers) + 40 * s + 20, 4)); // PointerToRawData
        if (headers.TryGetDirectoryOffset(headers.PEHeader.DebugTableDirectory, out var debug))
            for (var e = 0; e < headers.PEHeader.DebugTableDirectory.Size / 28; e++)
                expected.Add((debug + 28 * e + 24, 4)); // PointerToRawData

        var changed = new List<int>();
        for (var at = 0; at < SectionTable(headers) + 40 * headers.SectionHeaders.Length; at++)
            if (original[at] != patched[at])
                changed.Add(at);
        foreach (var (old, now) in headers.SectionHeaders.Zip(after.PEHeaders.SectionHeaders))
            for (var k = 0; k < old.SizeOfRawData; k++)
                if (original[old.PointerToRawData + k] != patched[now.PointerToRawData + k])
                    changed.Add(old.PointerToRawData + k);
        var unexpected = changed.Where(at => !expected.Any(e => at >= e.Start && at < e.Start + e.Length)).ToList();
        Assert.True(unexpected.Count == 0, "bytes changed at " + string.Join(", ", unexpected.Take(20).Select(at => $"0x{at:X}")));
    }

    /// <summary>Every debug entry's file offset points at the bytes its RVA does, and those are
    /// the original's, except the embedded PDB's when it moved to the new section.</summary>
    private static void AssertDebugDataUnmoved(byte[] original, PEReader before, byte[] patched, PEReader after)
    {
        var entries = after.ReadDebugDirectory();
        Assert.Equal(before.ReadDebugDirectory().Select(e => e.Type), entries.Select(e => e.Type));
        foreach (var (old, now) in before.ReadDebugDirectory().Zip(entries).Where(e => e.Second.DataSize > 0))
        {
            var viaRva = after.GetSectionData(now.DataRelativeVirtualAddress).GetContent(0, now.DataSize);
            Assert.Equal(viaRva, patched.AsSpan(now.DataPointer, now.DataSize).ToArray());
            if (now.DataRelativeVirtualAddress == old.DataRelativeVirtualAddress)
                Assert.Equal(original.AsSpan(old.DataPointer, old.DataSize).ToArray(), viaRva);
            else
                Assert.Equal(DebugDirectoryEntryType.EmbeddedPortablePdb, now.Type);
        }
    }

    private static string WriteToScratch(byte[] assembly)
    {
        var folder = Scratch.Folder("peimage");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "PeImageTarget.dll");
        File.WriteAllBytes(path, assembly);
        return path;
    }

    /// <summary>What <c>Answer.Get</c> returns in the assembly loaded from bytes (through a
    /// stream) in a context of its own, unloaded after.</summary>
    private static object? Answer(byte[] assembly) => InContext(c => c.LoadFromStream(new MemoryStream(assembly)), a => Invoke(a));

    /// <summary>The same, loaded from a file, which the runtime maps section by section.</summary>
    private static object? Answer(string path) => InContext(c => c.LoadFromAssemblyPath(path), a => Invoke(a));

    private static int TypeCount(byte[] assembly) => InContext(c => c.LoadFromStream(new MemoryStream(assembly)), a => a.GetTypes().Length);

    private static object? Invoke(System.Reflection.Assembly assembly) =>
        assembly.GetType("Answer", throwOnError: true)!.GetMethod("Get")!.Invoke(null, null);

    private static T InContext<T>(Func<AssemblyLoadContext, System.Reflection.Assembly> load, Func<System.Reflection.Assembly, T> use)
    {
        var context = new AssemblyLoadContext("peimage", isCollectible: true);
        try
        {
            return use(load(context));
        }
        finally
        {
            context.Unload();
        }
    }
}
