using System.Diagnostics;
using FlowCover.Data;
using FlowCover.Data.Contexts;

// ContextsBench: how long the CLI (args[0], e.g. artifacts/cli/flowcover) takes to answer on a
// suite of 10,000 tests (args[1]) over 20 modules of 5,000 probes, 50 files each: every test runs
// a seeded cluster of about 300 probes in 3 modules, and a shared helper every test calls.
// Prints the database's size and one line per command with the median of 5 runs (args[2]).
var cli = Path.GetFullPath(args[0]);
var tests = args.Length > 1 ? int.Parse(args[1]) : 10_000;
var runs = args.Length > 2 ? int.Parse(args[2]) : 5;
var root = Path.Combine(Path.GetTempPath(), "flowcover-contextsbench-" + Environment.ProcessId);
Directory.CreateDirectory(root);
try
{
    const int modules = 20, probes = 5_000, files = 50;
    var random = new Random(20261206);
    var models = Enumerable.Range(0, modules).Select(m => new ModuleModel(
        $"Module{m:D2}.{m:D16}", $"Module{m:D2}", $"{m:D16}", probes,
        [.. Enumerable.Range(0, files).Select(f => Path.Combine(root, $"Module{m:D2}", $"File{f:D2}.cs"))],
        [.. Enumerable.Range(0, files).Select(f => new MethodModel($"Module{m:D2}.Type{f:D2}", $"Type{f:D2}.Run", f, 1,
            [.. Enumerable.Range(0, probes / files).Select(l => new LineProbe(l + 1, ProbeList.Of(f * (probes / files) + l)))], []))])).ToList();
    var data = new CoverageData(CoverageData.CurrentVersion, CoverageMode.Set,
        [.. models.Select(m => new ModuleCoverage(m, [.. Enumerable.Repeat(1L, probes)]))]);
    var sets = new List<ContextProbeSet>();
    for (var t = 0; t < tests; t++)
    {
        foreach (var m in Enumerable.Range(0, 3).Select(_ => random.Next(modules)).Distinct())
        {
            var bits = new byte[ContextBits.BytesFor(probes)];
            var start = random.Next(probes - 400);
            for (var i = 0; i < 100; i++)
                ContextBits.Set(bits, start + random.Next(400));
            ContextBits.Set(bits, 0); // Module..File00.cs line 1: the helper every test reaches
            sets.Add(new ContextProbeSet($"Bench.Tests.Class{t / 50:D4}.Test{t % 50:D2}", t % 10 == 0 ? "GET /items/{id}" : null, models[m].Key, bits));
        }
    }
    var dataFile = Path.Combine(root, ".flowcover");
    CoverageDataFile.Write(dataFile, data);
    var watch = Stopwatch.StartNew();
    ContextDatabase.Save(ContextDatabase.PathFor(dataFile), data, sets, append: false);
    Console.WriteLine($"{tests} tests, {sets.Count} sets: saved in {watch.ElapsedMilliseconds} ms, database {new FileInfo(ContextDatabase.PathFor(dataFile)).Length / 1024.0 / 1024.0:F1} MiB");
    Time("who, a line few tests ran", "who", Path.Combine("Module07", "File10.cs") + ":5");
    Time("who, a line every test of its module ran", "who", Path.Combine("Module07", "File00.cs") + ":1");
    Time("report --context Class00", "report", "--context", "Class00");
    Time("json (every line's contexts)", "json", "-o", Path.Combine(root, "coverage.json"));

    void Time(string what, params string[] arguments)
    {
        var times = new List<double>();
        var lines = 0;
        for (var run = 0; run < runs; run++)
        {
            var start = new ProcessStartInfo(cli) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            start.Environment["FLOWCOVER_HOME"] = Path.Combine(root, "home");
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            times.Add(clock.Elapsed.TotalMilliseconds);
            lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{what}: exit {process.ExitCode}: {process.StandardError.ReadToEnd()}");
        }
        times.Sort();
        Console.WriteLine($"{what}: median {times[times.Count / 2]:F0} ms (min {times[0]:F0}, max {times[^1]:F0}), {lines} lines out");
    }
}
finally
{
    Directory.Delete(root, recursive: true);
}
