using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>The data file is written in parts as the JSON writer commits them: what is read
/// back is what was written, whatever the size of the parts.</summary>
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
}
