using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Tests.Cli;

namespace FlowCover.Tests.Sample;

/// <summary>
/// <c>flowcover test</c> on the bundled sample, run once for the whole test class: with the
/// API server in the test process (the README's first command), and again with the server as a
/// separate process stopped by SIGTERM (FXAPI_SERVER_MODE=process), its build folder
/// instrumented too, printing Line% and Branch%; and from inside the test project's folder, with
/// no argument.
/// </summary>
public sealed class SampleRuns
{
    public string Root { get; } = PackagingTests.RepositoryRoot();
    public FlowCoverProcess.Result InProcess { get; }
    public CoverageResult InProcessResult { get; }
    public FlowCoverProcess.Result FromTestFolder { get; }
    public FlowCoverProcess.Result OutOfProcess { get; }
    public CoverageResult OutOfProcessResult { get; }

    public SampleRuns()
    {
        var flowcover = new FlowCoverProcess();
        var work = Scratch.Folder("sample");
        Directory.CreateDirectory(work);
        var inProcessData = Path.Combine(work, "in-process.flowcover");
        InProcess = flowcover.Run(Root, "test", "samples/FxApi.Tests", "--show-missing", "--data-file", inProcessData);
        InProcessResult = CoverageAnalysis.Analyze(CoverageDataFile.Read(inProcessData), Root);

        FromTestFolder = flowcover.Run(Path.Combine(Root, "samples", "FxApi.Tests"), "test", "--show-missing", "--data-file", Path.Combine(work, "test-folder.flowcover"));

        var outOfProcessData = Path.Combine(work, "out-of-process.flowcover");
        OutOfProcess = flowcover.Run(Root, new Dictionary<string, string> { ["FXAPI_SERVER_MODE"] = "process" },
            "test", "samples/FxApi.Tests", "--target", "samples/FxApi/bin/Debug/net10.0", "--data-file", outOfProcessData,
            "--columns", "Stmts,Miss,Line%,Branch%,Cover");
        OutOfProcessResult = CoverageAnalysis.Analyze(CoverageDataFile.Read(outOfProcessData), Root);
    }
}
