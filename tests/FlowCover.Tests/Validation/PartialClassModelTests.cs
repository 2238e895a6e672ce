using System.Security.Cryptography;
using FlowCover.Data;
using FlowCover.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// The model of a constructor whose initializers lie in one file of a partial class and whose
/// body lies in another (the validation targets PartialConstructor.cs and
/// PartialConstructorBody.cs): one method entry per file, each with the lines and decisions it
/// has there, and each file's checksum recorded, so reports check both sources.
/// </summary>
public sealed class PartialClassModelTests
{
    [Fact]
    public void A_constructor_across_two_files_is_recorded_in_each_with_its_own_lines()
    {
        var initializers = Path.Combine(TargetRun.TargetsDirectory, "PartialConstructor.cs");
        var body = Path.Combine(TargetRun.TargetsDirectory, "PartialConstructorBody.cs");
        var work = Scratch.Folder("partial-model");
        var dll = TargetCompiler.Compile([initializers, body], Path.Combine(work, "bin"), "Partial", OptimizationLevel.Debug, OutputKind.DynamicallyLinkedLibrary);

        var (prepared, skip) = new AssemblyInstrumenter(new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), SourceRoot = TargetRun.TargetsDirectory }).Prepare(dll);

        Assert.Null(skip);
        var model = prepared!.Model;
        var table = model.Methods
            .Select(m => $"{Path.GetFileName(model.Documents[m.Document])} {m.Name} first {m.FirstLine}: lines {string.Join(",", m.Lines.Select(l => l.Line))}; "
                + $"decisions {string.Join(",", m.Branches.Select(b => $"{b.Line}x{b.Outcomes.Count}"))}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
        [
            "PartialConstructor.cs Target.Run first 25: lines 25; decisions ",
            "PartialConstructor.cs Widget.NeverCalled first 17: lines 17; decisions ",
            "PartialConstructor.cs Widget.Widget first 11: lines 11,12,13; decisions 12x2",
            "PartialConstructorBody.cs Widget.Widget first 13: lines 13,14,16,17; decisions 13x2",
        ], table);
        foreach (var path in new[] { initializers, body })
            Assert.Equal(new SourceChecksum("SHA256", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))),
                model.ChecksumOf(model.Documents.ToList().IndexOf(path)));
    }
}
