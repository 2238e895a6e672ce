using System.Security.Cryptography;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>
/// The model keeps each document's checksum from the PDB, so reports can tell a source edited
/// after the build. Models written before it read as they did, with nothing to check.
/// </summary>
public sealed class SourceChecksumModelTests
{
    [Fact]
    public void The_instrumenter_records_the_pdbs_checksum_of_each_source()
    {
        var app = TestApp.Create("Workload", Workload.Source);

        var (prepared, skip) = new AssemblyInstrumenter(new InstrumentOptions { DataDirectory = Scratch.Folder("data"), SourceRoot = app.Directory }).Prepare(app.Dll);

        Assert.Null(skip);
        var model = prepared!.Model;
        Assert.Equal([app.SourcePath], model.Documents);
        Assert.Equal(new SourceChecksum("SHA256", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(app.SourcePath)))), model.ChecksumOf(0));
    }

    [Fact]
    public void Checksums_are_written_and_read_back_whole_and_lazily()
    {
        var folder = Scratch.Folder("models");
        var checksum = new SourceChecksum("SHA1", "00ff");
        ModuleModelFile.Write(folder, new ModuleModel("Sums.1", "Sums", "1", 1, ["/src/A.cs", "/src/B.cs"],
            [new MethodModel("A", "A.F", 0, 3, [new LineProbe(3, [0])], [])], [checksum, null]));
        var path = ModuleModelFile.PathFor(folder, "Sums.1");

        Assert.Contains("\"checksums\":[{\"algorithm\":\"SHA1\",\"hash\":\"00ff\"},null]", File.ReadAllText(path));
        Assert.Equal((checksum, null), (ModuleModelFile.Read(path).ChecksumOf(0), ModuleModelFile.Read(path).ChecksumOf(1)));
        var lazy = ModuleModelFile.ReadIdentity(path, new ModelFiles())!;
        Assert.Equal((checksum, null), (lazy.ChecksumOf(0), lazy.ChecksumOf(1)));
    }

    [Fact]
    public void A_model_written_before_checksums_reads_with_none()
    {
        var folder = Scratch.Folder("models");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "Old.2" + ModuleModelFile.Extension);
        File.WriteAllText(path, """
            {"key":"Old.2","assemblyName":"Old","contentHash":"2","probeCount":1,"documents":["/src/A.cs"],
             "methods":[{"typeName":"A","name":"A.F","document":0,"firstLine":3,"lines":[{"line":3,"probes":[0]}],"branches":[]}]}
            """);

        foreach (var model in new[] { ModuleModelFile.Read(path), ModuleModelFile.ReadIdentity(path, new ModelFiles())! })
        {
            Assert.Equal(["/src/A.cs"], model.Documents);
            Assert.Null(model.ChecksumOf(0));
        }
    }
}
