using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Sample;

/// <summary>
/// <c>flowcover test</c> on the bundled sample, run once for the whole test class: with the
/// API server in the test process (the README's first command), and again with the server as a
/// separate process stopped by SIGTERM (FXAPI_SERVER_MODE=process), its build folder
/// instrumented too, printing Line% and Branch%; and from inside the test project's folder, with
/// no argument. Shared by the classes of the <see cref="Collection"/> collection, so the sample
/// suite runs once for each of these ways in.
/// </summary>
public sealed class SampleRuns
{
    /// <summary>The collection of the classes that read these runs.</summary>
    public const string Collection = "Sample";

    public string Root { get; } = PackagingTests.RepositoryRoot();
    public FlowCoverProcess.Result InProcess { get; }
    public CoverageResult InProcessResult { get; }
    public FlowCoverProcess.Result FromTestFolder { get; }
    public CoverageResult FromTestFolderResult { get; }
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

        var testFolderData = Path.Combine(work, "test-folder.flowcover");
        FromTestFolder = flowcover.Run(Path.Combine(Root, "samples", "FxApi.Tests"), "test", "--show-missing", "--data-file", testFolderData);
        FromTestFolderResult = CoverageAnalysis.Analyze(CoverageDataFile.Read(testFolderData), Root);

        var outOfProcessData = Path.Combine(work, "out-of-process.flowcover");
        OutOfProcess = flowcover.Run(Root, new Dictionary<string, string> { ["FXAPI_SERVER_MODE"] = "process" },
            "test", "samples/FxApi.Tests", "--target", "samples/FxApi/bin/Debug/net10.0", "--data-file", outOfProcessData,
            "--columns", "Stmts,Miss,Line%,Branch%,Cover");
        OutOfProcessResult = CoverageAnalysis.Analyze(CoverageDataFile.Read(outOfProcessData), Root);
    }
}

[CollectionDefinition(SampleRuns.Collection)]
public sealed class SampleCollection : ICollectionFixture<SampleRuns>;
