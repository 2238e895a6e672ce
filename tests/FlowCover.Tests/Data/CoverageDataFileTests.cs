using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>The data file is written in parts as the JSON writer commits them: what is read
/// back is what was written, whatever the size of the parts. Models whose file the process
/// wrote or copied are copied from it: the file is the same, byte for byte, as the
/// serializer writes it.</summary>
public sealed class CoverageDataFileTests
{
    [Theory]
    [InlineData(10, 1)]          // Smaller than the writer's buffer.
    [InlineData(20_000, 1)]      // Many buffers' worth.
    [InlineData(3, 300_000)]     // One value larger than the buffer.
    public void What_is_written_reads_back_the_same(int methods, int labelLength)
    {
        var label = new string('x', labelLength);
        var model = new ModuleModel("App.0123456789abcdef", "App", "0123456789abcdef", 2 * methods, ["/src/App.cs"],
            [.. Enumerable.Range(0, methods).Select(m => new MethodModel("App", $"App.M{m}", 0, m + 1,
                [new LineProbe(m + 1, [2 * m])], [new BranchPoint(m + 1, [new BranchOutcome([2 * m + 1], label, m + 2)])]))]);
        var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Count, [new ModuleCoverage(model, [.. Enumerable.Range(0, 2 * methods).Select(i => (long)i)])]);
        var path = Path.Combine(Scratch.Folder("datafile"), CoverageDataFile.DefaultName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        CoverageDataFile.Write(path, data);
        var read = CoverageDataFile.Read(path);

        Assert.Equal(CoverageMode.Count, read.Mode);
        Assert.StartsWith("{\"version\":2,\"mode\":\"count\",", File.ReadAllText(path)); // The mode by name, as documented.
        var module = Assert.Single(read.Modules);
        Assert.Equal(data.Modules[0].Hits, module.Hits);
        Assert.Equal(methods, module.Model.Methods.Count);
        Assert.Equal(label, module.Model.Methods[^1].Branches[0].Outcomes[0].Label);
        Assert.Equal(model.Methods.Select(m => m.Lines[0].Probes[0]), module.Model.Methods.Select(m => m.Lines[0].Probes[0]));
    }

    // The serializer's own reading of the types, by reflection: independent of the generated
    // code and of the hand-written frame the data file writer puts around the models.
    private static readonly JsonSerializerOptions Reference = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static ModuleModel Model(string name, int methods) =>
        new($"{name}.0123456789abcdef", name, "0123456789abcdef", 2 * methods, [$"/src/{name}.cs", "/src/\u00e9\"quoted\".cs"],
            [.. Enumerable.Range(0, methods).Select(m => new MethodModel(name, $"{name}.M{m} (lambda at line {m})", m % 2, m + 1,
                [new LineProbe(m + 1, [2 * m])], [new BranchPoint(m + 1, [new BranchOutcome([2 * m + 1], "case \"<\"", m + 2), new BranchOutcome([2 * m], "default", 0)])]))]);

    [Theory]
    [InlineData(CoverageMode.Set)]
    [InlineData(CoverageMode.Count)]
    public void Models_copied_from_their_files_give_the_bytes_the_serializer_gives(CoverageMode mode)
    {
        var folder = Scratch.Folder("datafile-models");
        var files = new ModelFiles();
        var written = Model("Written", 3);
        ModuleModelFile.Write(folder, written, files);
        var readFile = ModuleModelFile.PathFor(folder, "Read.0123456789abcdef");
        WriteByReference(readFile, Model("Read", 2));
        var read = ModuleModelFile.Read(readFile);
        var cachedFile = Path.Combine(Scratch.Folder("datafile-cache"), "model.json");
        var cached = Model("Cached", 4);
        WriteByReference(cachedFile, cached);
        ModuleModelFile.Copy(cachedFile, cached, Path.Combine(folder, "copied"), files);
        var fresh = Model("Fresh", 1);
        var data = new CoverageData(CoverageData.CurrentVersion, mode,
            [.. new[] { written, read, cached, fresh }.Select(m => new ModuleCoverage(m, [.. Enumerable.Range(0, m.ProbeCount).Select(i => (long)i * 1_000_000_007)]))]);
        var dataFile = Path.Combine(folder, CoverageDataFile.DefaultName);

        CoverageDataFile.Write(dataFile, data, files);

        Assert.Equal(JsonSerializer.Serialize(data, Reference), File.ReadAllText(dataFile));
    }

    [Fact]
    public void No_modules_give_the_bytes_the_serializer_gives()
    {
        var data = CoverageData.Empty(CoverageMode.Set);
        var dataFile = Path.Combine(Scratch.Folder("datafile-empty"), CoverageDataFile.DefaultName);
        Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
        CoverageDataFile.Write(dataFile, data);
        Assert.Equal(JsonSerializer.Serialize(data, Reference), File.ReadAllText(dataFile));
    }

    [Fact]
    public void A_model_written_to_its_file_is_copied_from_it_not_serialized_again()
    {
        var folder = Scratch.Folder("datafile-copied");
        var files = new ModelFiles();
        var model = Model("Copied", 2);
        ModuleModelFile.Write(folder, model, files);
        var file = ModuleModelFile.PathFor(folder, model.Key);
        // The same length, so only copying can put it in the data file.
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"default\"", "\"DEFAULT\""));
        var dataFile = Path.Combine(folder, CoverageDataFile.DefaultName);

        CoverageDataFile.Write(dataFile, new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set, [new ModuleCoverage(model, [0, 1, 0, 1])]), files);

        Assert.Contains("\"DEFAULT\"", File.ReadAllText(dataFile));
    }

    [Fact]
    public void A_model_whose_file_another_model_of_its_key_took_over_is_serialized()
    {
        // The same build in two folders: one key, one model file, written for each in turn.
        var folder = Scratch.Folder("datafile-taken");
        var first = Model("Twice", 2);
        var second = Model("Twice", 3);
        var files = new ModelFiles();
        ModuleModelFile.Write(folder, first, files);
        ModuleModelFile.Write(folder, second, files);
        var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set, [new ModuleCoverage(first, [0, 1, 0, 1])]);
        var dataFile = Path.Combine(folder, CoverageDataFile.DefaultName);

        CoverageDataFile.Write(dataFile, data, files);

        Assert.Equal(JsonSerializer.Serialize(data, Reference), File.ReadAllText(dataFile));
    }

    /// <summary>Writes the model file as the serializer would, outside FlowCover's writer.</summary>
    private static void WriteByReference(string path, ModuleModel model)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(model, Reference));
    }
}
