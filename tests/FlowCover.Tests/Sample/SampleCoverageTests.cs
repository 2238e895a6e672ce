using FlowCover.Reporting;
using FlowCover.Tests.Validation;
using Xunit;

namespace FlowCover.Tests.Sample;

/// <summary>
/// The product on the system it is for: the async FX/assets API, its xUnit suite over real
/// HTTP, and FlowCover's numbers for it, checked line by line against the annotations in the
/// two services.
/// </summary>
[Collection(SampleRuns.Collection)]
public sealed class SampleCoverageTests(SampleRuns runs)
{
    public static TheoryData<string> AnnotatedServices => new() { "samples/FxApi/Services/FxService.cs", "samples/FxApi/Services/AssetService.cs" };

    [Fact]
    public void Flowcover_test_runs_the_suite_and_prints_the_table()
    {
        Assert.True(runs.InProcess.ExitCode == 0, runs.InProcess.Output + runs.InProcess.Error);
        Assert.Contains("Passed!", runs.InProcess.Output);
        Assert.Matches(@"\nName +Stmts +Miss +Branch +BrPart +Cover +Missing\n", runs.InProcess.Output);
        Assert.Matches(@"\nsamples/FxApi/Services/FxService\.cs +\d+", runs.InProcess.Output);
        Assert.Matches(@"\nTOTAL +\d+", runs.InProcess.Output);
    }

    [Fact]
    public void Same_table_from_the_repository_root_and_from_the_test_project_folder()
    {
        Assert.True(runs.FromTestFolder.ExitCode == 0, runs.FromTestFolder.Output + runs.FromTestFolder.Error);
        static string[] Table(string output) => output[output.IndexOf("\nName ", StringComparison.Ordinal)..].Split('\n');
        Assert.Equal(Table(runs.InProcess.Output), Table(runs.FromTestFolder.Output));
        Assert.Matches(@"\nTOTAL +287 +16 +122 +11 +93%\n", runs.InProcess.Output);
        Assert.Contains("flowcover: measuring FxApi: 35 files, 258 statements\n", runs.FromTestFolder.Error);
        Assert.Contains("flowcover: measuring FxApi.Provider: 4 files, 29 statements\n", runs.FromTestFolder.Error);
    }

    [Theory]
    [MemberData(nameof(AnnotatedServices))]
    public void Service_coverage_matches_its_annotations(string service)
    {
        var path = Path.Combine(runs.Root, service);
        var file = runs.InProcessResult.Files.FirstOrDefault(f => f.Path == path);
        Assert.NotNull(file);
        var differences = AnnotationComparer.Differences(Annotations.Parse(File.ReadAllText(path)), file);
        var known = KnownGaps.For("Sample", Path.GetFileNameWithoutExtension(service));
        Assert.True(differences.Except(known).ToList() is [], $"{service}:\n" + string.Join('\n', differences.Except(known)));
        Assert.True(known.Except(differences).ToList() is [], $"{service}: known gap no longer happens, remove it from KnownGaps.txt:\n" + string.Join('\n', known.Except(differences)));
    }

    [Fact]
    public void Method_rows_add_up_to_their_file_and_each_lambda_has_its_own()
    {
        MethodRowTests.AssertRowsAddUp(runs.InProcessResult);
        string[] Methods(string file) => runs.InProcessResult.Files.Single(f => f.Name == file).Methods.Select(m => m.Name).ToArray();
        // return PerUsd.Where(entry => ...)                      (line 27)
        //     .ToDictionary(entry => entry.Key, entry => ...);   (line 28)
        Assert.Equal(["RateTable.RateTable (static)", "RateTable.Quotes", "RateTable.RatesFor", "RateTable.RatesFor (lambda #1 at line 27)",
            "RateTable.RatesFor (lambda #2 at line 27)", "RateTable.RatesFor (lambda #3 at line 27)"], Methods("samples/FxApi.Provider/RateTable.cs"));
        // snapshot.Rates.Where(r => ...).Select(r => ...).ToList(), on line 117.
        Assert.Equal(["FxService.SyncAsync", "FxService.SyncAsync (lambda #1 at line 117)", "FxService.SyncAsync (lambda #2 at line 117)"],
            Methods("samples/FxApi/Services/FxService.cs").Where(m => m.StartsWith("FxService.SyncAsync", StringComparison.Ordinal)));
    }

    [Fact]
    public void Out_of_process_server_gets_the_same_coverage_of_the_app()
    {
        Assert.True(runs.OutOfProcess.ExitCode == 0, runs.OutOfProcess.Output + runs.OutOfProcess.Error);
        Assert.Matches(@"\nName +Stmts +Miss +Line% +Branch% +Cover\n", runs.OutOfProcess.Output);
        static Dictionary<string, string> AppCoverage(CoverageResult result) => result.Files
            .Where(f => f.Name.StartsWith("samples/FxApi/", StringComparison.Ordinal))
            .ToDictionary(f => f.Name, f => string.Join(' ', f.Lines.Select(l => $"{l.Line}:{(l.Covered ? 1 : 0)}/{l.TakenOutcomes}of{l.Outcomes.Count}")));
        var inProcess = AppCoverage(runs.InProcessResult);
        var outOfProcess = AppCoverage(runs.OutOfProcessResult);
        Assert.NotEmpty(inProcess);
        Assert.Equal(inProcess.Keys.Order(), outOfProcess.Keys.Order());
        foreach (var (file, lines) in inProcess)
            Assert.True(lines == outOfProcess[file], $"{file}\n in process:     {lines}\n out of process: {outOfProcess[file]}");
    }
}
