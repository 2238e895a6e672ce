using System.Buffers.Binary;
using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>The collector reads each hit file's mode and holds it to the run's.</summary>
public sealed class CollectorTests
{
    [Theory]
    [InlineData(CoverageMode.Set)]
    [InlineData(CoverageMode.Count)]
    public void Hits_recorded_in_the_runs_mode_are_collected(CoverageMode mode)
    {
        var folder = DataFolder("collect-same-" + mode.Name(), mode);

        var data = Collector.Collect(folder, mode);

        Assert.Equal([0, 1, 0], Assert.Single(data.Modules).Hits);
    }

    [Theory]
    [InlineData(CoverageMode.Set, CoverageMode.Count)]
    [InlineData(CoverageMode.Count, CoverageMode.Set)]
    public void Hits_recorded_in_another_mode_are_refused(CoverageMode run, CoverageMode recorded)
    {
        var folder = DataFolder("collect-other-" + recorded.Name(), recorded);

        var error = Assert.Throws<UserError>(() => Collector.Collect(folder, run));

        Assert.Equal($"{Path.Combine(folder, "M.1.42.0.hits")}: hits recorded in {recorded.Name()} mode, but the run measures in {run.Name()} mode; delete the data folder and run again.", error.Message);
    }

    [Fact]
    public void A_hit_file_of_no_known_mode_is_refused()
    {
        var folder = DataFolder("collect-unknown", (CoverageMode)7);

        var error = Assert.Throws<UserError>(() => Collector.Collect(folder, CoverageMode.Set));

        Assert.Equal($"{Path.Combine(folder, "M.1.42.0.hits")}: not a FlowCover hit file (unknown mode 7); delete it and run again.", error.Message);
    }

    /// <summary>A data folder with a three-probe model and one hit file in
    /// <paramref name="recorded"/> mode (counter 1 hit), laid out as HitFile documents.</summary>
    private static string DataFolder(string purpose, CoverageMode recorded)
    {
        var folder = Scratch.Folder(purpose);
        ModuleModelFile.Write(folder, new ModuleModel("M.1", "M", "1", 3, ["/src/A.cs"],
            [new MethodModel("A", "A.F", 0, 1, [new LineProbe(1, [1])], [])]));
        const int header = 128;
        var width = recorded == CoverageMode.Count ? 8 : 1;
        var bytes = new byte[header + 3 * width];
        HitFile.Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), header);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), (int)recorded);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 3);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(20), 42);
        bytes[header + width] = 1;
        File.WriteAllBytes(Path.Combine(folder, "M.1.42.0.hits"), bytes);
        return folder;
    }
}
