using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Security.Cryptography;
using FlowCover.Instrumentation.Writing;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
        var dll = Compile("metadata", optimization, platform);
        var original = File.ReadAllBytes(dll);
        using var before = Open(original);
        Assert.Equal(platform == Platform.X64 ? PEMagic.PE32Plus : PEMagic.PE32, before.PEHeaders.PEHeader!.Magic);
        // Claim a strong-name signature, which the patched file must no longer claim.
        var flags = before.PEHeaders.CorHeaderStartOffset + 16;
        original[flags] |= (byte)CorFlags.StrongNameSigned;
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
        Assert.Equal(42, Invoke(patched, null));
        var path = Path.Combine(Path.GetDirectoryName(dll)!, "patched", Path.GetFileName(dll));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, patched);
        Assert.Equal(42, Invoke(null, path));
    }

    /// <summary>An AnyCPU DLL's three section headers end 16 bytes short of its 0x200 bytes of
    /// headers, so the headers grow by a file alignment unit; an x64 DLL has no .reloc, and
    /// the third header fits exactly.</summary>
    [Theory]
    [InlineData(Platform.AnyCpu, 0x200)]
    [InlineData(Platform.X64, 0)]
    public void Section_data_moves_down_only_when_the_headers_have_no_room(Platform platform, int expectedMove)
    {
        var original = File.ReadAllBytes(Compile("room", OptimizationLevel.Release, platform));
        File.WriteAllBytes($"/tmp/pe-probe/{platform}.dll", original); // PROBE
        using var before = Open(original);
        var patched = PeImage.Read(original).Write(MetadataCopy(before));

        using var after = Open(patched);
        var move = after.PEHeaders.PEHeader!.SizeOfHeaders - before.PEHeaders.PEHeader!.SizeOfHeaders;
        Assert.Equal(expectedMove, move);
        Assert.Equal(before.PEHeaders.SectionHeaders.Select(s => s.PointerToRawData + move),
            after.PEHeaders.SectionHeaders.SkipLast(1).Select(s => s.PointerToRawData));
        Assert.True(after.PEHeaders.SectionHeaders.Length * 40 + SectionTable(after.PEHeaders) <= after.PEHeaders.PEHeader.SizeOfHeaders);
        Assert.Equal(42, Invoke(patched, null));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_embedded_pdb_in_the_appended_section_is_the_one_read(OptimizationLevel optimization)
    {
        var original = File.ReadAllBytes(Compile("embedded", optimization, embedPdb: true));
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
        var added = after.PEHeaders.SectionHeaders[^1];
        var moved = after.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        Assert.Equal((image.AppendedSectionRva + pdbOffset, added.PointerToRawData + pdbOffset, compressed.Length),
            (moved.DataRelativeVirtualAddress, moved.DataPointer, moved.DataSize));
        using var newPdb = after.ReadEmbeddedPortablePdbDebugDirectoryData(moved);
        Assert.Equal(pdb, Bytes(newPdb.GetMetadataReader()));
        Assert.Equal(DocumentNames(originalPdb.GetMetadataReader()), DocumentNames(newPdb.GetMetadataReader()));
        Assert.NotEmpty(DocumentNames(newPdb.GetMetadataReader()));

        var entries = after.ReadDebugDirectory();
        Assert.Equal(before.ReadDebugDirectory().Select(e => e.Type), entries.Select(e => e.Type));
        foreach (var (old, now) in before.ReadDebugDirectory().Zip(entries))
        {
            var viaRva = after.GetSectionData(now.DataRelativeVirtualAddress).GetContent(0, now.DataSize);
            Assert.Equal(viaRva, patched.AsSpan(now.DataPointer, now.DataSize).ToArray());
            if (now.Type != DebugDirectoryEntryType.EmbeddedPortablePdb)
                Assert.Equal(original.AsSpan(old.DataPointer, old.DataSize).ToArray(), viaRva);
        }
        Assert.Equal(42, Invoke(patched, null));
    }

    [Fact]
    public void The_checksum_of_an_unmodified_pdb_is_the_one_roslyn_wrote()
    {
        var dll = Compile("checksum", OptimizationLevel.Debug);
        using var pe = Open(File.ReadAllBytes(dll));
        var written = pe.ReadPdbChecksumDebugDirectoryData(pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.PdbChecksum));
        Assert.Equal("SHA256", written.AlgorithmName);
        var pdb = File.ReadAllBytes(Path.ChangeExtension(dll, ".pdb"));

        Assert.Equal(written.Checksum.ToArray(), PdbChecksum.Sha256(pdb, PdbIdOffset(pdb)));
        Assert.NotEqual(written.Checksum.ToArray(), SHA256.HashData(pdb)); // the id must be taken as zeros
    }

    [Fact]
    public void Patching_the_pdb_checksum_replaces_exactly_its_bytes()
    {
        var original = File.ReadAllBytes(Compile("patch-checksum", OptimizationLevel.Debug));
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
        var compilation = CSharpCompilation.Create("NoPdb", [CSharpSyntaxTree.ParseText(Source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var stream = new MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        var original = stream.ToArray();
        using var before = Open(original);
        Assert.Empty(before.ReadDebugDirectory());
        var image = PeImage.Read(original);
        var section = MetadataCopy(before);

        Assert.Equal(42, Invoke(image.Write(section), null));
        Assert.Throws<InvalidOperationException>(() => image.Write(section with { PdbChecksum = new byte[32] }));
        Assert.Throws<InvalidOperationException>(() => image.Write(section with { EmbeddedPdbOffset = 0, EmbeddedPdbSize = 8 }));
    }

    [Fact]
    public void An_authenticode_signature_is_dropped()
    {
        var unsigned = File.ReadAllBytes(Compile("signed", OptimizationLevel.Release));
        using var reader = Open(unsigned);
        var certificateDirectory = reader.PEHeaders.PEHeaderStartOffset + 128; // data directory 4 of a PE32 header
        var signed = unsigned.Concat(Enumerable.Repeat((byte)0xAB, 0x180)).ToArray();
        BitConverter.TryWriteBytes(signed.AsSpan(certificateDirectory), unsigned.Length);
        BitConverter.TryWriteBytes(signed.AsSpan(certificateDirectory + 4), 0x180);
        using var before = Open(signed);
        Assert.Equal(0x180, before.PEHeaders.PEHeader!.CertificateTableDirectory.Size);

        var patched = PeImage.Read(signed).Write(MetadataCopy(before));

        using var after = Open(patched);
        Assert.Equal(default, after.PEHeaders.PEHeader!.CertificateTableDirectory);
        var added = after.PEHeaders.SectionHeaders[^1];
        Assert.Equal(patched.Length, added.PointerToRawData + added.SizeOfRawData);
        Assert.Equal(-1, patched.AsSpan().IndexOf(Enumerable.Repeat((byte)0xAB, 16).ToArray()));
        Assert.Equal(42, Invoke(patched, null));
    }

    [Fact]
    public void A_file_that_is_not_a_managed_pe_is_a_bad_image()
    {
        var assembly = File.ReadAllBytes(Compile("bad", OptimizationLevel.Release));
        using var reader = Open(assembly);
        var native = assembly.ToArray();
        var cliDirectory = reader.PEHeaders.PEHeaderStartOffset + 208; // data directory 14 of a PE32 header
        native.AsSpan(cliDirectory, 8).Clear();
        byte[][] files = [[], "not a PE file at all, though long enough to have a DOS header's size"u8.ToArray(), assembly[..0x100], assembly[..0x300], native];

        foreach (var file in files)
        {
            var error = Assert.Throws<BadImageFormatException>(() => PeImage.Read(file));
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    private static string Compile(string purpose, OptimizationLevel optimization, Platform platform = Platform.AnyCpu, bool embedPdb = false) =>
        TargetCompiler.CompileSnippet("peimage-" + purpose, "PeImageTarget", Source, optimization, configure: o => o.WithPlatform(platform), embedPdb: embedPdb).Dll;

    private static PEReader Open(byte[] file) => new(ImmutableArray.Create(file));

    /// <summary>The assembly's own metadata, copied into a new section.</summary>
    private static AppendedSection MetadataCopy(PEReader reader)
    {
        var metadata = reader.GetMetadata().GetContent().ToArray();
        return new AppendedSection(Filler(MetadataOffset).Concat(metadata).ToArray(), MetadataOffset, metadata.Length);
    }

    /// <summary>Bytes no metadata root starts with, for the parts of a section nobody should read.</summary>
    private static byte[] Filler(int length) => Enumerable.Repeat((byte)0xCC, length).ToArray();

    private static int SectionTable(PEHeaders headers) => headers.PEHeaderStartOffset + headers.CoffHeader.SizeOfOptionalHeader;

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

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
        var versionLength = BitConverter.ToInt32(pdb, 12);
        var at = 16 + versionLength + 2; // flags
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
    /// section now is, except the header fields the new section changes, the CLI header's
    /// metadata directory and flags, and nothing else (the metadata copy leaves the debug
    /// directory as it was).
    /// </summary>
    private static void AssertOnlyHeaderFieldsChanged(byte[] original, byte[] patched, PEReader before, PEReader after)
    {
        var peHeader = before.PEHeaders.PEHeaderStartOffset;
        var directories = peHeader + (before.PEHeaders.PEHeader!.Magic == PEMagic.PE32Plus ? 112 : 96);
        var cli = before.PEHeaders.CorHeaderStartOffset;
        (int Start, int Length)[] expected =
        [
            (before.PEHeaders.CoffHeaderStartOffset + 2, 2), // NumberOfSections
            (peHeader + 8, 4), // SizeOfInitializedData
            (peHeader + 56, 12), // SizeOfImage, SizeOfHeaders, CheckSum
            (directories + 4 * 8, 8), // the certificate table
            (cli + 8, 12), // the metadata directory and flags
        ];
        var tableEnd = SectionTable(before.PEHeaders) + 40 * before.PEHeaders.SectionHeaders.Length;
        var changed = new List<int>();
        for (var at = 0; at < tableEnd; at++)
            if (original[at] != patched[at])
                changed.Add(at);
        foreach (var (old, now) in before.PEHeaders.SectionHeaders.Zip(after.PEHeaders.SectionHeaders))
        {
            for (var k = 0; k < old.SizeOfRawData; k++)
                if (original[old.PointerToRawData + k] != patched[now.PointerToRawData + k])
                    changed.Add(old.PointerToRawData + k);
            if (old.PointerToRawData != now.PointerToRawData)
                expected = [.. expected, (SectionTable(before.PEHeaders) + 40 * Array.IndexOf([.. before.PEHeaders.SectionHeaders], old) + 20, 4)];
        }
        var unexpected = changed.Where(at => !expected.Any(e => at >= e.Start && at < e.Start + e.Length)).ToList();
        Assert.True(unexpected.Count == 0, "bytes changed at " + string.Join(", ", unexpected.Take(20).Select(at => $"0x{at:X}")));
    }

    /// <summary>What <c>Answer.Get</c> returns in the assembly loaded from bytes (as a stream)
    /// or from a file, in a context of its own that is unloaded after.</summary>
    private static object? Invoke(byte[]? assembly, string? path)
    {
        var context = new AssemblyLoadContext("peimage", isCollectible: true);
        try
        {
            var loaded = assembly is not null ? context.LoadFromStream(new MemoryStream(assembly)) : context.LoadFromAssemblyPath(path!);
            return loaded.GetType("Answer", throwOnError: true)!.GetMethod("Get")!.Invoke(null, null);
        }
        finally
        {
            context.Unload();
        }
    }
}
