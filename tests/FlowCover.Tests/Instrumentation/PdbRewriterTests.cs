using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using FlowCover.Instrumentation.Writing;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The patching writer's PDB: the PDB Roslyn wrote, with every IL offset it holds carried to
/// where its instruction went, read back by System.Reflection.Metadata. Each test describes the
/// original and the rewritten PDB as lines of text (documents, sequence points, scopes, locals,
/// imports, state machines, custom debug information) with the original's offsets mapped by
/// the test itself, and compares them line by line.
/// </summary>
public sealed class PdbRewriterTests
{
    /// <summary>Every shape of debug information a C# method gives: straight code, nested
    /// scopes with locals and a constant, try/catch/finally, a closure, an async method with
    /// awaits inside a try, an async void one (only those get a catch handler in their stepping
    /// information), an iterator, and a method whose points are in two documents.</summary>
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public static class Shapes
        {
            public static int Straight(int a, int b)
            {
                var sum = a + b;
                if (sum > 10)
                    sum -= 10;
                return sum;
            }

            public static int Nested(int[] values)
            {
                const int Limit = 100;
                var total = 0;
                foreach (var value in values)
                {
                    var doubled = value * 2;
                    if (doubled > Limit)
                    {
                        var clipped = Limit - 1;
                        total += clipped;
                    }
                    else
                    {
                        total += doubled;
                    }
                }
                return total;
            }

            public static int Guarded(string text)
            {
                try
                {
                    return int.Parse(text);
                }
                catch (FormatException e)
                {
                    Console.WriteLine(e.Message);
                    return -1;
                }
                finally
                {
                    Console.WriteLine("done");
                }
            }

            public static Func<int, int> Adder(int step)
            {
                var offset = step * 2;
                return x => x + offset + step;
            }

            public static async Task<int> Awaiting(int delay)
            {
                var first = await Task.FromResult(delay);
                var second = 0;
                try
                {
                    await Task.Yield();
                    second = await Task.Run(() => first + 1);
                }
                catch (InvalidOperationException)
                {
                    second = -1;
                }
                return first + second;
            }

            public static async void Forgotten(int delay)
            {
                await Task.Delay(delay);
                Console.WriteLine(delay);
            }

            public static IEnumerable<int> Counting(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var square = i * i;
                    yield return square;
                }
            }

            public static int TwoFiles(int x)
            {
                var y = x + 1;
        #line 40 "Other.cs"
                y *= 2;
        #line default
                return y;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug, false)]
    [InlineData(OptimizationLevel.Release, false)]
    [InlineData(OptimizationLevel.Debug, true)]
    public void A_pdb_rewritten_with_nothing_moved_reads_as_the_original(OptimizationLevel optimization, bool embedded)
    {
        var (dll, pdb) = Compile(optimization, embedded);

        var (rewritten, idOffset) = PdbRewriter.Rewrite(pdb, new Dictionary<int, MethodOffsets>(), TypeSystemRows(dll));

        AssertIdKept(pdb, rewritten, idOffset);
        Assert.Equal(Describe(pdb, Moves.None), Describe(rewritten, Moves.None));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void The_metadata_of_a_roslyn_assembly_serializes_to_its_own_bytes(OptimizationLevel optimization)
    {
        var (dll, _) = Compile(optimization, embedded: false);
        using var pe = new PEReader(File.OpenRead(dll));
        var root = pe.GetMetadata().GetContent().ToArray();

        AssertSameRoot(root, MetadataImage.Read(root).Serialize());
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug, false)]
    [InlineData(OptimizationLevel.Release, false)]
    [InlineData(OptimizationLevel.Debug, true)]
    public void A_roslyn_pdb_serializes_to_its_own_bytes(OptimizationLevel optimization, bool embedded)
    {
        var (_, pdb) = Compile(optimization, embedded);

        AssertSameRoot(pdb, MetadataImage.Read(pdb).Serialize());
    }

    [Theory]
    [InlineData("Mono.Cecil")]
    [InlineData("Microsoft.CodeAnalysis")]
    public void A_real_library_pdb_serializes_to_its_own_bytes(string library)
    {
        var pdb = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, library + ".pdb"));

        AssertSameRoot(pdb, MetadataImage.Read(pdb).Serialize());
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug, false)]
    [InlineData(OptimizationLevel.Release, false)]
    [InlineData(OptimizationLevel.Release, true)]
    public void Every_offset_follows_its_instruction_when_every_body_moves(OptimizationLevel optimization, bool embedded)
    {
        var (dll, pdb) = Compile(optimization, embedded);
        var rows = TypeSystemRows(dll);
        var moves = Moves.EveryInstruction(dll, rows);
        AssertHasEveryShape(pdb);

        var (rewritten, idOffset) = PdbRewriter.Rewrite(pdb, moves.Offsets, rows);

        AssertIdKept(pdb, rewritten, idOffset);
        var expected = Describe(pdb, moves);
        Assert.NotEqual(Describe(pdb, Moves.None), expected);
        Assert.Equal(expected, Describe(rewritten, Moves.None));
    }

    [Fact]
    public void Only_the_methods_that_moved_change()
    {
        var (dll, pdb) = Compile(OptimizationLevel.Debug, embedded: false);
        var rows = TypeSystemRows(dll);
        var moves = Moves.EveryInstruction(dll, rows, row => row % 2 == 0);

        var (rewritten, _) = PdbRewriter.Rewrite(pdb, moves.Offsets, rows);

        Assert.Equal(Describe(pdb, moves), Describe(rewritten, Moves.None));
    }

    [Theory]
    [InlineData("Mono.Cecil")]
    [InlineData("Microsoft.CodeAnalysis")]
    public void Every_offset_of_a_real_library_follows_its_instruction(string library)
    {
        var dll = PackageLibraries.CopyTo(library, Scratch.Folder("pdb-rewrite"));
        var pdb = File.ReadAllBytes(Path.ChangeExtension(dll, ".pdb"));
        var rows = TypeSystemRows(dll);
        var moves = Moves.EveryInstruction(dll, rows);

        var (rewritten, idOffset) = PdbRewriter.Rewrite(pdb, moves.Offsets, rows);

        AssertIdKept(pdb, rewritten, idOffset);
        Assert.Equal(Describe(pdb, moves), Describe(rewritten, Moves.None));
    }

    [Fact]
    public void Indexes_into_methods_widen_when_the_assembly_passes_65535_methods()
    {
        var (dll, pdb) = Compile(OptimizationLevel.Debug, embedded: false);
        var rows = TypeSystemRows(dll);
        var originalMethods = rows[TableSchema.MethodDef];
        rows[TableSchema.MethodDef] = 70_000;
        var moves = Moves.EveryInstruction(dll, rows);

        var (rewritten, _) = PdbRewriter.Rewrite(pdb, moves.Offsets, rows);

        using var before = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(pdb));
        using var after = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(rewritten));
        var (old, now) = (before.GetMetadataReader(), after.GetMetadataReader());
        // LocalScope.Method and both StateMachineMethod columns index MethodDef; the coded
        // CustomDebugInformation.Parent widens once MethodDef passes 2^11 rows.
        Assert.Equal(old.GetTableRowSize(TableIndex.LocalScope) + 2, now.GetTableRowSize(TableIndex.LocalScope));
        Assert.Equal(old.GetTableRowSize(TableIndex.StateMachineMethod) + 4, now.GetTableRowSize(TableIndex.StateMachineMethod));
        Assert.Equal(old.GetTableRowSize(TableIndex.CustomDebugInformation) + 2, now.GetTableRowSize(TableIndex.CustomDebugInformation));
        Assert.Equal(70_000, now.GetTableRowCount(TableIndex.MethodDebugInformation));
        for (var row = originalMethods + 1; row <= 70_000; row++)
        {
            var information = now.GetMethodDebugInformation(MetadataTokens.MethodDebugInformationHandle(row));
            Assert.True(information.Document.IsNil && information.SequencePointsBlob.IsNil, $"new method {row} has debug information");
        }
        Assert.Equal(Describe(pdb, moves), Describe(rewritten, Moves.None));
    }

    /// <summary>Two encodings the snippet may not give: a hoisted variable without a scope
    /// (Roslyn writes (0, 0)) and an async body without a catch handler (stored as 0, the
    /// offset plus one).</summary>
    [Fact]
    public void No_scope_and_no_catch_handler_stay_so()
    {
        var offsets = new MethodOffsets([0, 2, 5], [3, 8, 20], oldCodeSize: 6, newCodeSize: 24, localSignature: 9);
        var methods = new Dictionary<int, MethodOffsets> { [7] = offsets };
        var (hoisted, withoutCatch, withCatch) = (new MemoryStream(), new MemoryStream(), new MemoryStream());

        HoistedScopesBlob.Remap(Words(0, 0, 2, 3, 0, 6), offsets, hoisted);
        AsyncSteppingBlob.Remap([.. Words(0, 2, 5), 7], moveNext: 7, methods, withoutCatch);
        AsyncSteppingBlob.Remap([.. Words(2 + 1, 0, 5), 7], moveNext: 7, methods, withCatch);

        Assert.Equal(Words(0, 0, 8, 12, 3, 21), hoisted.ToArray());
        Assert.Equal([.. Words(0, 8, 20), 7], withoutCatch.ToArray());
        Assert.Equal([.. Words(8 + 1, 3, 20), 7], withCatch.ToArray());
    }

    private static byte[] Words(params int[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    private static (string Dll, byte[] Pdb) Compile(OptimizationLevel optimization, bool embedded)
    {
        var (_, dll) = TargetCompiler.CompileSnippet("pdb-rewrite", "Shapes", Source, optimization, embedPdb: embedded);
        return (dll, embedded ? EmbeddedPdbOf(dll) : File.ReadAllBytes(Path.ChangeExtension(dll, ".pdb")));
    }

    private static unsafe byte[] EmbeddedPdbOf(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var entry = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
        var reader = provider.GetMetadataReader();
        return new ReadOnlySpan<byte>(reader.MetadataPointer, reader.MetadataLength).ToArray();
    }

    /// <summary>Row counts of the assembly's tables 0x00 to 0x2F, as its PDB's #Pdb stream has them.</summary>
    private static int[] TypeSystemRows(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var reader = pe.GetMetadataReader();
        var rows = new int[TableSchema.Document];
        for (var t = 0; t < rows.Length; t++)
            rows[t] = reader.GetTableRowCount((TableIndex)t);
        return rows;
    }

    private static void AssertIdKept(byte[] original, byte[] rewritten, int idOffset)
    {
        using var before = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(original));
        using var after = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(rewritten));
        var (old, now) = (before.GetMetadataReader().DebugMetadataHeader!, after.GetMetadataReader().DebugMetadataHeader!);
        Assert.Equal(Convert.ToHexString(old.Id.AsSpan()), Convert.ToHexString(now.Id.AsSpan()));
        Assert.Equal(old.EntryPoint, now.EntryPoint);
        Assert.Equal(Convert.ToHexString(old.Id.AsSpan()), Convert.ToHexString(rewritten, idOffset, 20));
    }

    /// <summary>
    /// Byte for byte, stream by stream, so a difference names its stream. One difference is
    /// Roslyn's and allowed: it ends the #~ stream with a zero byte before padding it to four
    /// bytes (System.Reflection.Metadata's MetadataBuilder does), which ECMA-335 does not ask for
    /// and <see cref="MetadataImage"/> does not write; so where the tables end on a four-byte
    /// boundary, Roslyn's stream has four zero bytes more.
    /// </summary>
    private static void AssertSameRoot(byte[] expected, byte[] actual)
    {
        var header = 16 + BinaryPrimitives.ReadInt32LittleEndian(expected.AsSpan(12)) + 4; // up to the stream headers
        Assert.Equal(Convert.ToHexString(expected, 0, header), Convert.ToHexString(actual, 0, header));
        var (expectedStreams, actualStreams) = (Streams(expected), Streams(actual));
        Assert.Equal(expectedStreams.Select(s => s.Name), actualStreams.Select(s => s.Name));
        var sameLengths = true;
        foreach (var (e, a) in expectedStreams.Zip(actualStreams))
        {
            var at = e.Data.AsSpan().CommonPrefixLength(a.Data);
            var terminator = e.Name == "#~" && at == a.Data.Length && e.Data.Length == a.Data.Length + 4 && e.Data.AsSpan(at).IndexOfAnyExcept((byte)0) < 0;
            Assert.True(at == e.Data.Length && at == a.Data.Length || terminator,
                $"stream {e.Name} ({e.Data.Length} bytes, now {a.Data.Length}) differs from byte {at}");
            sameLengths &= e.Data.Length == a.Data.Length;
        }
        if (sameLengths)
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(actual));
    }

    private static List<(string Name, byte[] Data)> Streams(byte[] root)
    {
        var streams = new List<(string, byte[])>();
        var at = 16 + BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(12)) + 2;
        var count = BinaryPrimitives.ReadUInt16LittleEndian(root.AsSpan(at));
        at += 2;
        for (var s = 0; s < count; s++)
        {
            var offset = BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(at));
            var size = BinaryPrimitives.ReadInt32LittleEndian(root.AsSpan(at + 4));
            var nameLength = root.AsSpan(at + 8).IndexOf((byte)0);
            streams.Add((System.Text.Encoding.ASCII.GetString(root, at + 8, nameLength), root.AsSpan(offset, size).ToArray()));
            at += 8 + (nameLength + 4 & ~3);
        }
        return streams;
    }

    /// <summary>The snippet gives every kind of offset the rewriter maps, or the tests above
    /// prove less than they say.</summary>
    private static void AssertHasEveryShape(byte[] pdb)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(pdb));
        var reader = provider.GetMetadataReader();
        var informations = reader.MethodDebugInformation.Select(reader.GetMethodDebugInformation).ToList();
        var points = informations.SelectMany(i => i.GetSequencePoints()).ToList();
        Assert.Contains(points, p => p.IsHidden);
        Assert.Contains(informations, i => i.Document.IsNil && !i.SequencePointsBlob.IsNil);
        Assert.Contains(informations, i => !i.LocalSignature.IsNil);
        var scopes = reader.LocalScopes.Select(reader.GetLocalScope).ToList();
        Assert.Contains(scopes, s => s.StartOffset > 0);
        Assert.Contains(scopes, s => s.GetLocalConstants().Count > 0);
        var records = reader.CustomDebugInformation.Select(reader.GetCustomDebugInformation).ToList();
        var stepping = records.Where(r => reader.GetGuid(r.Kind) == AsyncSteppingBlob.Kind).Select(r => reader.GetBlobBytes(r.Value)).ToList();
        Assert.Contains(stepping, value => BinaryPrimitives.ReadInt32LittleEndian(value) != 0);
        Assert.Contains(stepping, value => BinaryPrimitives.ReadInt32LittleEndian(value) == 0);
        Assert.Contains(records, r => reader.GetGuid(r.Kind) == HoistedScopesBlob.Kind);
    }

    /// <summary>How the test moved each method: the new offset of each old instruction, the body
    /// sizes, and the local signature row it gave the method.</summary>
    private sealed record Moved(Dictionary<int, int> Offsets, int CodeSize, int NewCodeSize, int LocalSignature);

    private sealed class Moves(Dictionary<int, Moved> methods, Dictionary<int, MethodOffsets> offsets)
    {
        public static readonly Moves None = new([], []);

        public IReadOnlyDictionary<int, MethodOffsets> Offsets => offsets;

        /// <summary>Moves the i-th instruction of each selected body by 7 × (i + 1) bytes, as if a
        /// probe went before every instruction, and gives the body a new local signature row.</summary>
        public static Moves EveryInstruction(string dll, int[] typeSystemRows, Func<int, bool>? selected = null)
        {
            var methods = new Dictionary<int, Moved>();
            var offsets = new Dictionary<int, MethodOffsets>();
            using var module = Mono.Cecil.ModuleDefinition.ReadModule(dll);
            var signatures = typeSystemRows[TableSchema.StandAloneSig];
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
            {
                var row = (int)method.MetadataToken.RID;
                if (selected is not null && !selected(row))
                    continue;
                var instructions = method.Body.Instructions;
                var old = instructions.Select(i => i.Offset).ToArray();
                var now = old.Select((offset, i) => offset + 7 * (i + 1)).ToArray();
                var codeSize = method.Body.CodeSize;
                var newCodeSize = codeSize + 7 * (old.Length + 1);
                var signature = ++signatures;
                offsets[row] = new MethodOffsets(old, now, codeSize, newCodeSize, signature);
                methods[row] = new Moved(old.Zip(now).ToDictionary(p => p.First, p => p.Second), codeSize, newCodeSize, signature);
            }
            typeSystemRows[TableSchema.StandAloneSig] = signatures;
            return new Moves(methods, offsets);
        }

        /// <summary>Where the instruction at <paramref name="offset"/> of method
        /// <paramref name="row"/> is now; an offset the PDB holds must start an instruction or
        /// be the end of the body.</summary>
        public int Map(int row, int offset)
        {
            if (!methods.TryGetValue(row, out var moved))
                return offset;
            if (moved.Offsets.TryGetValue(offset, out var now))
                return now;
            Assert.True(offset == moved.CodeSize, $"offset IL_{offset:X4} of method {row} starts no instruction");
            return moved.NewCodeSize;
        }

        public int LocalSignature(int row, int old) => methods.TryGetValue(row, out var moved) ? moved.LocalSignature : old;
    }

    private static List<string> Describe(byte[] pdb, Moves moves)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(pdb));
        var reader = provider.GetMetadataReader();
        var lines = new List<string>();
        foreach (var handle in reader.Documents)
        {
            var document = reader.GetDocument(handle);
            lines.Add($"document {Row(handle)} {reader.GetString(document.Name)} {reader.GetGuid(document.HashAlgorithm)} "
                + $"{Convert.ToHexString(reader.GetBlobBytes(document.Hash))} {reader.GetGuid(document.Language)}");
        }
        foreach (var handle in reader.MethodDebugInformation)
        {
            var row = Row(handle);
            var information = reader.GetMethodDebugInformation(handle);
            if (!information.GetStateMachineKickoffMethod().IsNil)
                lines.Add($"method {row} moves {Row(information.GetStateMachineKickoffMethod())}");
            if (information.SequencePointsBlob.IsNil)
            {
                Assert.True(information.Document.IsNil, $"method {row} has a document and no sequence points");
                continue;
            }
            lines.Add($"method {row} document {Row(information.Document)} locals {moves.LocalSignature(row, Row(information.LocalSignature))}");
            foreach (var point in information.GetSequencePoints())
            {
                var where = point.IsHidden ? "hidden" : $"{point.StartLine}:{point.StartColumn}-{point.EndLine}:{point.EndColumn}";
                lines.Add($"  IL_{moves.Map(row, point.Offset):X4} {Row(point.Document)} {where}");
            }
        }
        foreach (var handle in reader.LocalScopes)
        {
            var scope = reader.GetLocalScope(handle);
            var method = Row(scope.Method);
            lines.Add($"scope {Row(handle)} of {method} IL_{moves.Map(method, scope.StartOffset):X4}-IL_{moves.Map(method, scope.EndOffset):X4} "
                + $"imports {Row(scope.ImportScope)}");
            foreach (var local in scope.GetLocalVariables().Select(reader.GetLocalVariable))
                lines.Add($"  local {local.Index} {reader.GetString(local.Name)} {local.Attributes}");
            foreach (var constant in scope.GetLocalConstants().Select(reader.GetLocalConstant))
                lines.Add($"  constant {reader.GetString(constant.Name)} {Convert.ToHexString(reader.GetBlobBytes(constant.Signature))}");
        }
        foreach (var handle in reader.ImportScopes)
        {
            var scope = reader.GetImportScope(handle);
            lines.Add($"imports {Row(handle)} in {Row(scope.Parent)} {Convert.ToHexString(reader.GetBlobBytes(scope.ImportsBlob))}");
        }
        foreach (var handle in reader.CustomDebugInformation)
        {
            var information = reader.GetCustomDebugInformation(handle);
            var kind = reader.GetGuid(information.Kind);
            var value = reader.GetBlobBytes(information.Value);
            var parent = MetadataTokens.GetToken(information.Parent);
            var method = information.Parent.Kind == HandleKind.MethodDefinition ? Row(information.Parent) : 0;
            var described = kind == AsyncSteppingBlob.Kind ? AsyncStepping(reader, value, method, moves)
                : kind == HoistedScopesBlob.Kind ? HoistedScopes(value, method, moves)
                : Convert.ToHexString(value);
            lines.Add($"information {parent:X8} {kind} {described}");
        }
        return lines;
    }

    /// <summary>The catch handler (stored plus one, 0 for none) and the yields are in the
    /// MoveNext the record is on; each resume in the method it names.</summary>
    private static string AsyncStepping(MetadataReader reader, byte[] value, int moveNext, Moves moves)
    {
        Assert.False(reader.GetMethodDebugInformation(MetadataTokens.MethodDefinitionHandle(moveNext)).GetStateMachineKickoffMethod().IsNil,
            $"async stepping information on method {moveNext}, which is no MoveNext");
        var catchHandler = BinaryPrimitives.ReadInt32LittleEndian(value);
        var text = new System.Text.StringBuilder($"catch {(catchHandler == 0 ? "none" : $"IL_{moves.Map(moveNext, catchHandler - 1):X4}")}");
        for (var at = 4; at < value.Length;)
        {
            var yield = BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(at));
            var resume = BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(at + 4));
            var (method, size) = CompressedInteger.Read(value.AsSpan(at + 8));
            text.Append($" yield IL_{moves.Map(moveNext, yield):X4} resume {method} IL_{moves.Map(method, resume):X4}");
            at += 8 + size;
        }
        return text.ToString();
    }

    private static string HoistedScopes(byte[] value, int moveNext, Moves moves)
    {
        var text = new System.Text.StringBuilder("hoisted");
        for (var at = 0; at < value.Length; at += 8)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(at));
            var length = BinaryPrimitives.ReadInt32LittleEndian(value.AsSpan(at + 4));
            text.Append(start == 0 && length == 0 ? " none"
                : $" IL_{moves.Map(moveNext, start):X4}-IL_{moves.Map(moveNext, start + length):X4}");
        }
        return text.ToString();
    }

    private static int Row(EntityHandle handle) => handle.IsNil ? 0 : MetadataTokens.GetRowNumber(handle);

    private static int Row(DocumentHandle handle) => handle.IsNil ? 0 : MetadataTokens.GetRowNumber(handle);

    private static int Row(MethodDefinitionHandle handle) => handle.IsNil ? 0 : MetadataTokens.GetRowNumber(handle);

    private static int Row(MethodDebugInformationHandle handle) => MetadataTokens.GetRowNumber(handle);

    private static int Row(LocalScopeHandle handle) => MetadataTokens.GetRowNumber(handle);

    private static int Row(ImportScopeHandle handle) => handle.IsNil ? 0 : MetadataTokens.GetRowNumber(handle);

    private static int Row(StandaloneSignatureHandle handle) => handle.IsNil ? 0 : MetadataTokens.GetRowNumber(handle);
}
