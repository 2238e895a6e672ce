using System.Collections.Concurrent;
using FlowCover.Tests.Cli;
using Xunit;
using Xunit.Abstractions;

namespace FlowCover.Tests.Faults;

/// <summary>
/// Damaged inputs, made by a seeded fuzzer from real ones: an assembly and its PDB given to
/// <c>flowcover run</c>, a data file given to every report verb. Each must end in exit 0 or
/// one line and exit 2, never a stack trace or a .NET type name, with the target folder and
/// the data file as they were.
/// </summary>
public sealed class FuzzedInputTests(ITestOutputHelper output)
{
    private const int Seed = 20261206;
    private const int Workers = 3;

    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    [Fact]
    public void Fuzzed_assemblies() => FuzzTarget(_app.Dll, 90, Seed);

    [Fact]
    public void Fuzzed_pdbs() => FuzzTarget(Path.ChangeExtension(_app.Dll, ".pdb"), 90, Seed + 1);

    [Fact]
    public void Fuzzed_data_files()
    {
        var flowcover = new FlowCoverProcess();
        Assert.Equal(0, flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll).ExitCode);
        var original = File.ReadAllBytes(Path.Combine(_app.Directory, ".flowcover"));
        var json = System.Text.Encoding.UTF8.GetString(original);
        string[][] verbs = [["report", "--show-missing"], ["xml", "-o", "-"], ["json", "-o", "-"], ["lcov", "-o", "-"], ["html", "-d", "htmlcov"], ["combine"]];
        Fuzz(120, Seed + 2, (index, random, failures) =>
        {
            var (what, bytes) = random.Next(2) == 0 ? Mutation.OfBytes(original, random) : Mutation.OfJson(json, random);
            var folder = Scratch.Folder("fuzzed-data");
            Directory.CreateDirectory(folder);
            var dataFile = Path.Combine(folder, "fuzzed.flowcover");
            File.WriteAllBytes(dataFile, bytes);
            var verb = verbs[index % verbs.Length];
            string[] arguments = verb[0] == "combine"
                ? ["combine", dataFile, "--data-file", Path.Combine(folder, "combined.flowcover")]
                : [.. verb, "--data-file", dataFile];
            var result = flowcover.Run(_app.Directory, arguments);
            Check(failures, $"{string.Join(' ', verb)} on a data file with {what}", result, () => File.ReadAllBytes(dataFile).SequenceEqual(bytes));
        });
    }

    /// <summary>Runs <paramref name="count"/> damaged copies of <paramref name="file"/> (of the
    /// test app's build) through <c>flowcover run</c>, each in a copy of the app's folder.</summary>
    private void FuzzTarget(string file, int count, int seed)
    {
        var original = File.ReadAllBytes(file);
        var flowcovers = new ConcurrentBag<FlowCoverProcess>(Enumerable.Range(0, Workers).Select(_ => new FlowCoverProcess()));
        Fuzz(count, seed, (_, random, failures) =>
        {
            var (what, bytes) = Mutation.OfBytes(original, random);
            var copy = CopyOfApp();
            File.WriteAllBytes(Path.Combine(copy, "bin", Path.GetFileName(file)), bytes);
            var before = Snapshot(copy);
            // Each worker has its own FLOWCOVER_HOME: concurrent sessions are not what this tests.
            Assert.True(flowcovers.TryTake(out var flowcover));
            try
            {
                // From the app's folder, which holds the copy and the sources its PDB names.
                var result = flowcover.Run(_app.Directory, "run", "--target", Path.Combine(copy, "bin"), "--no-cache", "--", "true");
                Check(failures, $"{Path.GetFileName(file)} with {what}", result, () => Snapshot(copy).Count == before.Count
                    && Snapshot(copy).All(f => before.TryGetValue(f.Key, out var bytesBefore) && bytesBefore.SequenceEqual(f.Value)));
            }
            finally
            {
                flowcovers.Add(flowcover);
            }
        });
    }

    private readonly ConcurrentQueue<string> _outcomes = new();

    private void Fuzz(int count, int seed, Action<int, Random, ConcurrentQueue<string>> one)
    {
        var failures = new ConcurrentQueue<string>();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Workers }, index => one(index, new Random(seed * 1000 + index), failures));
        // What the inputs came to, for docs/reliability.md: exit code and the error's kind.
        foreach (var outcome in _outcomes.GroupBy(o => o).OrderByDescending(g => g.Count()))
            output.WriteLine($"{outcome.Count(),4}  {outcome.Key}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {count} fuzzed inputs went wrong:\n" + string.Join("\n\n", failures));
    }

    private void Check(ConcurrentQueue<string> failures, string what, FlowCoverProcess.Result result, Func<bool> unchanged)
    {
        _outcomes.Enqueue($"exit {result.ExitCode}: " + Kind(result.Error));
        if (result.Error.Contains("FlowCover bug", StringComparison.Ordinal))
            output.WriteLine($"{what}: {result.Error.Trim()}");
        // The lines a run prints before it fails (what it measures, what it skips) are not the error.
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith("flowcover: measuring ", StringComparison.Ordinal) && !l.StartsWith("flowcover: warning: ", StringComparison.Ordinal))
            .ToArray();
        var problem =
            result.Error.Contains("   at ", StringComparison.Ordinal) ? "a stack trace"
            : result.Error.Contains("Exception", StringComparison.Ordinal) ? "a .NET type name"
            : result.Error.Contains("internal error", StringComparison.Ordinal) ? "FlowCover's last resort (an unexpected failure)"
            : result.ExitCode is not (0 or 2) ? $"exit code {result.ExitCode}"
            : result.ExitCode == 2 && (lines.Length != 1 || !lines[0].StartsWith("flowcover: ", StringComparison.Ordinal)) ? "not one line"
            : !unchanged() ? "its input changed"
            : null;
        if (problem is not null)
            failures.Enqueue($"{what}: {problem}; exit {result.ExitCode}, stderr:\n{result.Error}");
    }

    /// <summary>The error with paths and numbers left out, so like errors count together.</summary>
    private static string Kind(string error) =>
        System.Text.RegularExpressions.Regex.Replace(error.Trim(), @"(/[^\s:;,)]+)|\d+", "_");

    /// <summary>A copy of the app's build in a folder of its own, under the app's folder.</summary>
    private string CopyOfApp()
    {
        var copy = Path.Combine(_app.Directory, "fuzzed", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(copy, "bin"));
        foreach (var file in Directory.GetFiles(_app.BinDirectory))
            File.Copy(file, Path.Combine(copy, "bin", Path.GetFileName(file)));
        return copy;
    }

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.GetFiles(Path.Combine(folder, "bin")).ToDictionary(f => f, File.ReadAllBytes);
}
