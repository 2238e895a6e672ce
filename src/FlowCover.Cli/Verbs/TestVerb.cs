using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Cli.Session;
using FlowCover.Data;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// <c>flowcover test [SOLUTION|PROJECT|FOLDER]</c>: the one command to learn. Builds what it is
/// pointed at (the current folder's one project or solution by default, as dotnet test finds
/// it), instruments the assemblies of the projects each test project references (not the
/// tests), runs <c>dotnet test --no-build</c> on every test project and framework that runs
/// here, restores, and prints the coverage table. Arguments after '--' go to dotnet test.
/// </summary>
internal static class TestVerb
{
    public static Command Create(IReadOnlyList<string> passThrough)
    {
        var project = new Argument<string?>("project") { Description = "A solution (.sln, .slnx) or solution filter (.slnf), a test project, or a folder holding one (default: the current folder).", Arity = ArgumentArity.ZeroOrOne };
        var configuration = new Option<string>("--configuration", "-c") { Description = "Build configuration.", DefaultValueFactory = _ => "Debug" };
        var framework = new Option<string?>("--framework", "-f") { Description = "Test on this target framework only (default: every framework of the project that runs here)." };
        var filter = new Option<string?>("--filter") { Description = "dotnet test's test filter, e.g. \"Category=api\"." };
        var extraTargets = new Option<string[]>("--target") { Description = "More build output folders to instrument (e.g. an app run as a separate process)." };
        var report = new ReportOptions();
        var measure = new MeasureOptions();
        var verb = new Command("test", "Build and test a solution or project under coverage, then print the coverage table.")
            { project, configuration, framework, filter, extraTargets };
        measure.AddTo(verb);
        report.AddTo(verb, includeInput: false);
        verb.SetAction(parse =>
        {
            var config = ConfigFile.Find(Directory.GetCurrentDirectory());
            var input = TestInput.Resolve(parse.GetValue(project));
            var root = RepositoryRoot.Find(Path.GetDirectoryName(input.Path)!);
            var buildConfiguration = parse.GetValue(configuration)!;
            var chosenFramework = parse.GetValue(framework);
            // The build rewrites the test output folders another flowcover test of this
            // repository may be measuring: it waits for that run to end, and this run's build
            // is safe from the next one until this run has restored what it instruments.
            using var repository = TargetLocks.Acquire([root], Console.Error);
            DotnetProject.Build(input.Path, buildConfiguration, Console.Error);
            var runs = TestPlan.For(input, buildConfiguration, chosenFramework, root, Console.Error);
            var testFilter = parse.GetValue(filter);
            using var tests = TestsRan.Watch(Directory.GetCurrentDirectory());
            var commands = runs.Select((run, index) => Command(run, buildConfiguration, testFilter, [.. tests.ArgumentsFor(index), .. passThrough])).ToList();
            var extra = parse.GetValue(extraTargets) ?? [];
            // --include picks among everything in the test output folders; otherwise the
            // referenced projects' assemblies are measured.
            var request = measure.IncludeGiven(parse, config)
                ? measure.Request(parse, config, root, [.. runs.Select(r => r.TargetDirectory).Distinct(StringComparer.Ordinal), .. extra], commands)
                : measure.Request(parse, config, root, extra, commands, runs.SelectMany(r => r.Referenced)
                    .Concat(measure.ContextsGiven(parse) ? runs.Select(r => Path.Combine(r.TargetDirectory, r.Project.TargetFileName)) : [])
                    .Distinct(StringComparer.Ordinal).ToList());
            var outcome = MeasuredRun.Execute(request, Console.Error, repository);
            var exitCode = outcome.ExitCode;
            // Coverage of a run in which no test ran would read as a measurement of the tests.
            if (tests.NoneRan(exitCode, commands.Count))
            {
                var named = parse.GetValue(project) ?? Path.GetRelativePath(Directory.GetCurrentDirectory(), input.Path);
                throw new UserError(testFilter is not null
                    ? $"--filter {testFilter}: no test ran (the filter matches no test in {named}); check the filter, e.g. --filter \"FullyQualifiedName~OrderTests\"."
                    : $"{named}: no test ran (dotnet test found no test in it); add tests, or pass the test project to measure.");
            }
            NoDataCollected.WarnAfterTests(outcome, Console.Error);
            MeasureOptions.WriteConfiguredReports(config, request, root, Console.Error);
            Console.WriteLine();
            var result = ReportInput.Checked(ReportInput.Analyze(CoverageDataFile.Read(request.DataFile), root, [], []), request.DataFile, Console.Error);
            var reportExit = report.Print(parse, config, result, Console.Out);
            return exitCode != 0 ? exitCode : reportExit;
        });
        return verb;
    }

    private static IReadOnlyList<string> Command(TestRun run, string configuration, string? filter, IReadOnlyList<string> passThrough)
    {
        var command = new List<string> { "dotnet", "test", run.Project.Path, "--no-build", "-c", configuration };
        if (run.Framework is not null)
            command.AddRange(["-f", run.Framework]);
        if (filter is not null)
            command.AddRange(["--filter", filter]);
        command.AddRange(passThrough);
        return command;
    }
}
