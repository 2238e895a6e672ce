using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using FlowCover.Instrumentation;
using FlowCover.Instrumentation.Probes;
using FlowCover.Instrumentation.Writing;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The instrumented assembly is the original patched, not rebuilt: every row it had is there
/// under the same token with the same names and signatures, every body left alone is at its old
/// RVA with its old bytes, and what is new is the tracker's. And the metadata model the writer
/// patches reads and writes a compiler's metadata back to the same bytes, widening its indexes
/// when appended rows or heap bytes need it.
/// </summary>
public sealed class PatchingWriterTests
{
    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Every_original_row_keeps_its_token_and_every_unprobed_body_its_bytes(OptimizationLevel optimization)
    {
        var work = Scratch.Folder("patch");
        var dll = TargetRun.CompileTargets(work, optimization);
        var original = File.ReadAllBytes(dll);
        InPlace.Instrument(dll, new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), SourceRoot = TargetRun.TargetsDirectory });
        using var before = new PEReader(ImmutableArray.Create(original));
        using var after = new PEReader(ImmutableArray.Create(File.ReadAllBytes(dll)));
        var old = before.GetMetadataReader();
        var now = after.GetMetadataReader();

        Assert.Equal(Names(old, old.TypeDefinitions.Select(h => old.GetTypeDefinition(h).Name)),
            Names(now, now.TypeDefinitions.Select(h => now.GetTypeDefinition(h).Name)).Take(old.TypeDefinitions.Count));
        Assert.Equal([TrackerInjector.TypeNamePrefix], Names(now, now.TypeDefinitions.Select(h => now.GetTypeDefinition(h).Name)).Skip(old.TypeDefinitions.Count));
        Assert.Equal(Names(old, old.TypeReferences.Select(h => old.GetTypeReference(h).Name)),
            Names(now, now.TypeReferences.Select(h => now.GetTypeReference(h).Name)).Take(old.TypeReferences.Count));
        Assert.Equal(old.MemberReferences.Select(h => Describe(old, old.GetMemberReference(h).Name, old.GetMemberReference(h).Signature)),
            now.MemberReferences.Take(old.MemberReferences.Count).Select(h => Describe(now, now.GetMemberReference(h).Name, now.GetMemberReference(h).Signature)));

        int unprobed = 0, probed = 0;
        foreach (var handle in old.MethodDefinitions)
        {
            var was = old.GetMethodDefinition(handle);
            var nowDef = now.GetMethodDefinition(handle);
            Assert.Equal(Describe(old, was.Name, was.Signature), Describe(now, nowDef.Name, nowDef.Signature));
            if (was.RelativeVirtualAddress == 0)
                continue;
            if (nowDef.RelativeVirtualAddress == was.RelativeVirtualAddress)
            {
                unprobed++;
                continue;
            }
            probed++;
            Assert.True(nowDef.RelativeVirtualAddress >= after.PEHeaders.SectionHeaders[^1].VirtualAddress,
                $"{old.GetString(was.Name)}: a rewritten body outside the new section");
        }
        Assert.True(unprobed > 0 && probed > 100, $"{probed} bodies rewritten, {unprobed} left alone");
        Assert.Equal(".flowcov", after.PEHeaders.SectionHeaders[^1].Name);
        Assert.Equal(before.PEHeaders.SectionHeaders.Length + 1, after.PEHeaders.SectionHeaders.Length);
        Assert.Equal(old.GetGuid(old.GetModuleDefinition().Mvid), now.GetGuid(now.GetModuleDefinition().Mvid));
    }

    [Theory]
    [InlineData(OptimizationLevel.Debug, false)]
    [InlineData(OptimizationLevel.Release, true)]
    public void A_compilers_metadata_reads_and_writes_back_to_the_same_bytes(OptimizationLevel optimization, bool pdb)
    {
        var dll = TargetRun.CompileTargets(Scratch.Folder("roundtrip"), optimization);
        var root = pdb ? File.ReadAllBytes(Path.ChangeExtension(dll, ".pdb")) : MetadataOf(File.ReadAllBytes(dll));
        Assert.Equal(root, MetadataImage.Read(root).Serialize());
    }

    [Fact]
    public void Indexes_widen_when_appended_heap_bytes_pass_64_KB_and_every_row_still_reads_the_same()
    {
        var dll = TargetRun.CompileTargets(Scratch.Folder("widen"), OptimizationLevel.Debug);
        var root = MetadataOf(File.ReadAllBytes(dll));
        var image = MetadataImage.Read(root);
        Assert.True(image.Blobs.Length < 1 << 16 && image.Strings.Length < 1 << 16, "the targets' heaps are already large");
        for (var k = 0; k < 3000; k++)
        {
            image.Blobs.AddBlob(new byte[30]);
            image.Strings.AddString($"padding-{k:D20}");
        }
        var widened = image.Serialize();
        Assert.True(widened.Length > root.Length + 2 * (1 << 16) - 10_000);
        unsafe
        {
            fixed (byte* a = root, b = widened)
            {
                var old = new MetadataReader(a, root.Length);
                var now = new MetadataReader(b, widened.Length);
                Assert.Equal(old.MethodDefinitions.Select(h => Describe(old, old.GetMethodDefinition(h).Name, old.GetMethodDefinition(h).Signature)),
                    now.MethodDefinitions.Select(h => Describe(now, now.GetMethodDefinition(h).Name, now.GetMethodDefinition(h).Signature)));
                Assert.Equal(old.CustomAttributes.Select(h => Convert.ToHexString(old.GetBlobBytes(old.GetCustomAttribute(h).Value))),
                    now.CustomAttributes.Select(h => Convert.ToHexString(now.GetBlobBytes(now.GetCustomAttribute(h).Value))));
                Assert.Equal(old.TypeDefinitions.Select(h => old.GetString(old.GetTypeDefinition(h).Namespace) + "." + old.GetString(old.GetTypeDefinition(h).Name)),
                    now.TypeDefinitions.Select(h => now.GetString(now.GetTypeDefinition(h).Namespace) + "." + now.GetString(now.GetTypeDefinition(h).Name)));
            }
        }
    }

    private static byte[] MetadataOf(byte[] assembly)
    {
        using var pe = new PEReader(ImmutableArray.Create(assembly));
        return pe.GetMetadata().GetContent().ToArray();
    }

    private static List<string> Names(MetadataReader reader, IEnumerable<StringHandle> names) => names.Select(reader.GetString).ToList();

    private static string Describe(MetadataReader reader, StringHandle name, BlobHandle signature) =>
        reader.GetString(name) + " " + Convert.ToHexString(reader.GetBlobBytes(signature));
}
