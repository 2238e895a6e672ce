using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using FlowCover.Instrumentation.Writing;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Mono.Cecil;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The patching writer encodes each rewritten body from Cecil's instructions, with the tokens
/// read from the original bytes. Encoding a body nobody edited must give back the bytes the
/// compiler wrote: header, code and exception clauses, for every construct of the validation
/// targets and for real Release libraries.
/// </summary>
public sealed class BodyEncoderTests
{
    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void An_unedited_body_of_the_validation_targets_encodes_to_its_own_bytes(OptimizationLevel optimization) =>
        AssertEveryBodyRoundTrips(TargetRun.CompileTargets(Scratch.Folder("encode"), optimization));

    [Theory]
    [InlineData("Mono.Cecil")]
    [InlineData("Microsoft.CodeAnalysis")]
    public void An_unedited_body_of_a_real_library_encodes_to_its_own_bytes(string library) =>
        AssertEveryBodyRoundTrips(PackageLibraries.CopyTo(library, Scratch.Folder("encode")));

    private static void AssertEveryBodyRoundTrips(string dll)
    {
        var file = File.ReadAllBytes(dll);
        using var pe = new PEReader(ImmutableArray.Create(file));
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(dll);
        var empty = new Dictionary<object, int>();
        var count = 0;
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            var original = pe.GetMethodBody(method.RVA);
            var tokens = OperandTokens.Read(method.Body, original, empty);
            var encoded = BodyEncoder.Encode(method.Body, tokens, method.Body.LocalVarToken.ToInt32());
            var expected = pe.GetSectionData(method.RVA).GetContent(0, original.Size).ToArray();
            if (!encoded.AsSpan().SequenceEqual(expected))
                Assert.Fail($"{method.FullName}: encoded {Convert.ToHexString(encoded)}\nexpected {Convert.ToHexString(expected)}");
            count++;
        }
        Assert.True(count > 100, $"only {count} bodies");
    }
}
