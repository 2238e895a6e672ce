using System.CommandLine;
using FlowCover.Cli.Session;
using FlowCover.Data;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// <c>flowcover test PROJECT</c>: the one command to learn. Builds the test project, instruments
/// the code under test in its output (not the tests), runs <c>dotnet test --no-build</c>,
/// restores, and prints the coverage table. Arguments after '--' go to dotnet test.
/// </summary>
internal static class TestVerb
{
    public static Command Create(IReadOnlyList<string> passThrough)
    {
        var project = new Argument<string>("project") { Description = "The test project (folder or .csproj).", DefaultValueFactory = _ => "." };
        var configuration = new Option<string>("--configuration", "-c") { Description = "Build configuration.", DefaultValueFactory = _ => "Debug" };
        var filter = new Option<string?>("--filter") { Description = "dotnet test's test filter, e.g. \"Category=api\"." };
        var extraTargets = new Option<string[]>("--target") { Description = "More build output folders to instrument (e.g. an app run as a separate process)." };
        var report = new ReportOptions();
        var measure = new MeasureOptions();
        var verb = new Command("test", "Build and test a project under coverage, then print the coverage table.")
            { project, configuration, filter, extraTargets };
        measure.AddTo(verb);
        report.AddTo(verb, includeDataFile: false);
        verb.SetAction(parse =>
        {
            var path = parse.GetValue(project)!;
            if (!File.Exists(path) && !Directory.Exists(path))
                throw new UserError($"{path}: no such test project; pass the folder or .csproj of your test project.");
            var config = parse.GetValue(configuration)!;
            DotnetProject.Build(path, config, Console.Error);
            var targets = new List<string> { DotnetProject.TargetDirectory(path, config) };
            targets.AddRange(parse.GetValue(extraTargets) ?? []);
            var command = new List<string> { "dotnet", "test", path, "--no-build", "-c", config };
            var testFilter = parse.GetValue(filter);
            if (testFilter is not null)
                command.AddRange(["--filter", testFilter]);
            using var tests = TestsRan.Watch(Directory.GetCurrentDirectory());
            command.AddRange(tests.Arguments);
            command.AddRange(passThrough);
            var request = measure.Request(parse, targets, command);
            var exitCode = MeasuredRun.Execute(request, Console.Error);
            // Coverage of a run in which no test ran would read as a measurement of the tests.
            if (tests.NoneRan(exitCode))
                throw new UserError(testFilter is not null
                    ? $"--filter {testFilter}: no test ran (the filter matches no test in {path}); check the filter, e.g. --filter \"FullyQualifiedName~OrderTests\"."
                    : $"{path}: no test ran (dotnet test found no test in it); add tests, or pass the test project to measure.");
            Console.WriteLine();
            var reportExit = report.Print(parse, request.DataFile, Console.Out);
            return exitCode != 0 ? exitCode : reportExit;
        });
        return verb;
    }
}
