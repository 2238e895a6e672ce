using FlowCover.Data;

namespace FlowCover.Tests.Reporting;

/// <summary>A small, hand-made coverage data set with known figures, for reporter tests.</summary>
public static class SampleData
{
    public const string Root = "/src/app";

    /// <summary>
    /// Service.cs: lines 10-14 and 20; 10 ran, 11 has a decision that went one way of two,
    /// 12-13 missed, 14 ran, 20 missed. Util.cs: one covered line.
    /// </summary>
    public static CoverageData Create()
    {
        var model = new ModuleModel("App.abc", "App", "abc", 9, [$"{Root}/Service.cs", $"{Root}/Util.cs"],
        [
            new MethodModel("App.Service", "Service.Get", 0, 10,
                [new LineProbe(10, [0]), new LineProbe(11, [1]), new LineProbe(12, [2]), new LineProbe(13, [3]), new LineProbe(14, [4])],
                [new BranchPoint(11, [new BranchOutcome(5, "true", 12), new BranchOutcome(6, "false", 14)])]),
            new MethodModel("App.Service", "Service.Unused", 0, 20, [new LineProbe(20, [7])], []),
            new MethodModel("App.Util", "Util.Twice", 1, 3, [new LineProbe(3, [8])], []),
        ]);
        long[] hits = [1, 1, 0, 0, 1, 0, 1, 0, 4];
        return new CoverageData(CoverageData.CurrentVersion, CoverageMode.Count, [new ModuleCoverage(model, hits)]);
    }
}
