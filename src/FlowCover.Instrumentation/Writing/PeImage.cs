using System.Buffers.Binary;

namespace FlowCover.Instrumentation.Writing;

/// <summary>What the patching writer adds to a PE file: one section's bytes, where in them the
/// new metadata root is, and optionally a new embedded PDB and PDB checksum.</summary>
internal sealed record AppendedSection(ReadOnlyMemory<byte> Data, int MetadataOffset, int MetadataSize)
{
    /// <summary>Where in <see cref="Data"/> the new EmbeddedPortablePdb debug data is (see
    /// <see cref="EmbeddedPdb"/>).</summary>
    public int EmbeddedPdbOffset { get; init; }

    /// <summary>The size of the new embedded PDB data; 0 leaves the debug entry as it is.</summary>
    public int EmbeddedPdbSize { get; init; }

    /// <summary>The checksum bytes of the rewritten PDB, for the PdbChecksum debug entry; null
    /// leaves it as it is.</summary>
    public byte[]? PdbChecksum { get; init; }
}

/// <summary>
/// A managed PE file (PE32 or PE32+) given one more section, everything else left byte for byte
/// where it was: the CLI header is pointed at the new metadata and the debug directory at the
/// new embedded PDB, both patched in place. A compiler seldom leaves room for another section
/// header (Roslyn's three of an AnyCPU DLL end at 0x1F0 of 0x200), so the header area grows by
/// whole file alignment units and every section's raw data moves down by as much; RVAs do not
/// change, only file offsets, which the section headers and the debug directory hold. An
/// Authenticode signature would no longer match, and is dropped.
/// </summary>
internal sealed class PeImage
{
    private const int SectionHeaderSize = 40;
    private const int DebugEntrySize = 28;
    private const int CertificateTable = 4;
    private const int DebugDirectory = 6;
    private const int CliHeader = 14;
    private const int EmbeddedPortablePdb = 17;
    private const int PdbChecksumEntry = 19;
    private const int StrongNameSigned = 0x8;
    private const int InitializedReadableData = 0x40000040;

    private readonly byte[] _file;
    private readonly int _coffHeader;
    private readonly int _optionalHeader;
    private readonly int _dataDirectories;
    private readonly int _sectionTable;
    private readonly Section[] _sections;

    /// <summary>One section header's placement fields, as the original file has them.</summary>
    private readonly record struct Section(int VirtualSize, int VirtualAddress, int SizeOfRawData, int PointerToRawData);

    private PeImage(byte[] file)
    {
        _file = file;
        if (file.Length < 0x40 || BinaryPrimitives.ReadUInt16LittleEndian(file) != 0x5A4D)
            throw new BadImageFormatException("not a PE file (no MZ header)");
        var signature = ReadInt32(0x3C);
        if (signature < 0x40 || signature > file.Length - 24 || ReadInt32(signature) != 0x00004550)
            throw new BadImageFormatException("not a PE file (no PE signature)");
        _coffHeader = signature + 4;
        _optionalHeader = _coffHeader + 20;
        if (ReadUInt16(_coffHeader + 16) < 96 || _optionalHeader + 96 > file.Length)
            throw new BadImageFormatException("not a PE file (no optional header)");
        _sectionTable = _optionalHeader + ReadUInt16(_coffHeader + 16);
        var sectionCount = ReadUInt16(_coffHeader + 2);
        if (sectionCount == 0 || _sectionTable + sectionCount * SectionHeaderSize > Math.Min(file.Length, SizeOfHeaders))
            throw new BadImageFormatException("not a PE file (no section table within the headers)");
        if (FileAlignment <= 0 || SectionAlignment < FileAlignment)
            throw new BadImageFormatException("not a PE file (no file and section alignment)");
        _dataDirectories = _optionalHeader + ReadUInt16(_optionalHeader) switch
        {
            0x10B => 96,
            0x20B => 112,
            _ => throw new BadImageFormatException("not a PE32 or PE32+ file (unknown optional header magic)"),
        };
        if (_dataDirectories + (CliHeader + 1) * 8 > _sectionTable || ReadInt32(_dataDirectories - 4) <= CliHeader || DataDirectory(CliHeader).Rva == 0)
            throw new BadImageFormatException("not a .NET assembly (no CLI header)");
        _sections = new Section[sectionCount];
        for (var s = 0; s < sectionCount; s++)
        {
            var header = _sectionTable + s * SectionHeaderSize;
            _sections[s] = new Section(ReadInt32(header + 8), ReadInt32(header + 12), ReadInt32(header + 16), ReadInt32(header + 20));
            if ((uint)_sections[s].PointerToRawData + (uint)_sections[s].SizeOfRawData > (uint)file.Length)
                throw new BadImageFormatException("truncated PE file (a section's raw data is past the end)");
            if (_sections[s].SizeOfRawData > 0 && _sections[s].PointerToRawData < _sectionTable + sectionCount * SectionHeaderSize)
                throw new BadImageFormatException("not a PE file (a section's raw data overlaps the headers)");
        }
        AppendedSectionRva = Align(_sections.Max(s => s.VirtualAddress + Math.Max(s.VirtualSize, s.SizeOfRawData)), SectionAlignment);
        _ = RvaToFileOffset(DataDirectory(CliHeader).Rva);
    }

    /// <summary>The RVA the appended section starts at: after every section, aligned.</summary>
    public int AppendedSectionRva { get; }

    public int SectionAlignment => ReadInt32(_optionalHeader + 32);

    public int FileAlignment => ReadInt32(_optionalHeader + 36);

    public int SizeOfHeaders => ReadInt32(_optionalHeader + 60);

    /// <exception cref="BadImageFormatException">Not a managed PE file.</exception>
    public static PeImage Read(byte[] file) => new(file);

    /// <summary>Where <paramref name="rva"/> is in the original file; only the part of a section
    /// backed by raw data has a file offset (the rest is zeros the loader supplies).</summary>
    public int RvaToFileOffset(int rva)
    {
        foreach (var section in _sections)
            if (rva >= section.VirtualAddress && rva - section.VirtualAddress < section.SizeOfRawData)
                return rva - section.VirtualAddress + section.PointerToRawData;
        throw new BadImageFormatException($"RVA 0x{rva:X} is in no section's raw data");
    }

    /// <summary>The file with <paramref name="section"/> appended and pointed at.</summary>
    public byte[] Write(AppendedSection section)
    {
        if (section.MetadataOffset < 0 || section.MetadataOffset + section.MetadataSize > section.Data.Length
            || section.EmbeddedPdbOffset < 0 || section.EmbeddedPdbOffset + section.EmbeddedPdbSize > section.Data.Length)
            throw new ArgumentException("the metadata or embedded PDB is outside the section's data", nameof(section));
        var withRaw = _sections.Where(s => s.SizeOfRawData > 0).ToArray();
        var firstRaw = withRaw.Length == 0 ? SizeOfHeaders : withRaw.Min(s => s.PointerToRawData);
        var rawEnd = withRaw.Length == 0 ? SizeOfHeaders : withRaw.Max(s => s.PointerToRawData + s.SizeOfRawData);
        var room = Math.Min(SizeOfHeaders, firstRaw);
        var added = _sectionTable + _sections.Length * SectionHeaderSize;
        var tableEnd = added + SectionHeaderSize;
        if (_file.AsSpan(added, Math.Max(0, Math.Min(tableEnd, room) - added)).ContainsAnyExcept((byte)0))
            throw new NotSupportedException("something follows the section headers where another would go");
        var shift = tableEnd <= room ? 0 : Align(tableEnd - room, FileAlignment);
        if (SizeOfHeaders + shift > _sections.Min(s => s.VirtualAddress))
            throw new NotSupportedException("no room for another section header before the first section");
        int Moved(int offset) => offset >= room ? offset + shift : offset;

        var sectionFileOffset = Align(Moved(rawEnd), FileAlignment);
        var rawSize = Align(section.Data.Length, FileAlignment);
        var output = new byte[sectionFileOffset + rawSize];
        _file.AsSpan(0, room).CopyTo(output);
        _file.AsSpan(room, rawEnd - room).CopyTo(output.AsSpan(room + shift));
        section.Data.Span.CopyTo(output.AsSpan(sectionFileOffset));

        for (var s = 0; s < _sections.Length; s++)
            if (_sections[s].PointerToRawData != 0)
                WriteInt32(output, _sectionTable + s * SectionHeaderSize + 20, Moved(_sections[s].PointerToRawData));
        ".flowcov"u8.CopyTo(output.AsSpan(added));
        WriteInt32(output, added + 8, section.Data.Length);
        WriteInt32(output, added + 12, AppendedSectionRva);
        WriteInt32(output, added + 16, rawSize);
        WriteInt32(output, added + 20, sectionFileOffset);
        WriteInt32(output, added + 36, InitializedReadableData);
        BinaryPrimitives.WriteUInt16LittleEndian(output.AsSpan(_coffHeader + 2), (ushort)(_sections.Length + 1));
        WriteInt32(output, _optionalHeader + 8, ReadInt32(_optionalHeader + 8) + rawSize); // SizeOfInitializedData
        WriteInt32(output, _optionalHeader + 56, Align(AppendedSectionRva + section.Data.Length, SectionAlignment)); // SizeOfImage
        WriteInt32(output, _optionalHeader + 60, SizeOfHeaders + shift);
        WriteInt32(output, _optionalHeader + 64, 0); // CheckSum: no longer right, and only drivers need one
        output.AsSpan(_dataDirectories + CertificateTable * 8, 8).Clear(); // its bytes, after the sections, are not copied

        var cli = Moved(RvaToFileOffset(DataDirectory(CliHeader).Rva));
        WriteInt32(output, cli + 8, AppendedSectionRva + section.MetadataOffset);
        WriteInt32(output, cli + 12, section.MetadataSize);
        WriteInt32(output, cli + 16, ReadInt32(output, cli + 16) & ~StrongNameSigned); // the signature no longer matches

        PatchDebugDirectory(output, Moved, section, sectionFileOffset);
        return output;
    }

    /// <summary>Moves every entry's file pointer with its data, and points the embedded PDB
    /// entry at the new one and the checksum entry's bytes at the new checksum.</summary>
    private void PatchDebugDirectory(byte[] output, Func<int, int> moved, AppendedSection section, int sectionFileOffset)
    {
        var (rva, size) = DataDirectory(DebugDirectory);
        var at = rva == 0 ? 0 : moved(RvaToFileOffset(rva));
        bool embeddedPatched = false, checksumPatched = false;
        for (var entry = at; rva != 0 && entry + DebugEntrySize <= at + size; entry += DebugEntrySize)
        {
            var type = ReadInt32(output, entry + 12);
            var dataSize = ReadInt32(output, entry + 16);
            var pointer = ReadInt32(output, entry + 24);
            if (pointer != 0)
                WriteInt32(output, entry + 24, pointer = moved(pointer));
            if (type == EmbeddedPortablePdb && section.EmbeddedPdbSize > 0)
            {
                WriteInt32(output, entry + 16, section.EmbeddedPdbSize);
                WriteInt32(output, entry + 20, AppendedSectionRva + section.EmbeddedPdbOffset);
                WriteInt32(output, entry + 24, sectionFileOffset + section.EmbeddedPdbOffset);
                embeddedPatched = true;
            }
            if (type == PdbChecksumEntry && section.PdbChecksum is { } checksum && pointer != 0)
            {
                // The algorithm's name in UTF-8, a NUL, then the checksum.
                var data = output.AsSpan(pointer, dataSize);
                var checksumAt = data.IndexOf((byte)0) + 1;
                if (checksumAt == 0 || data.Length - checksumAt != checksum.Length)
                    throw new InvalidOperationException($"the PDB checksum entry holds {data.Length - checksumAt} checksum bytes, not {checksum.Length}");
                checksum.CopyTo(data[checksumAt..]);
                checksumPatched = true;
            }
        }
        if (section.EmbeddedPdbSize > 0 && !embeddedPatched)
            throw new InvalidOperationException("the assembly has no embedded PDB entry to point at the new one");
        if (section.PdbChecksum is not null && !checksumPatched)
            throw new InvalidOperationException("the assembly has no PDB checksum entry");
    }

    private (int Rva, int Size) DataDirectory(int index) =>
        (ReadInt32(_dataDirectories + index * 8), ReadInt32(_dataDirectories + index * 8 + 4));

    private int ReadInt32(int at) => ReadInt32(_file, at);

    private int ReadUInt16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(_file.AsSpan(at));

    private static int ReadInt32(byte[] bytes, int at) => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));

    private static void WriteInt32(byte[] bytes, int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), value);

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
