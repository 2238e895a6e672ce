using System.Text.Json;
using System.Xml;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// Whether <c>dotnet test</c> ran any test: a <c>--filter</c> that matches none, or a project
/// with no tests, exits 0 under VSTest and leaves a coverage table that looks like a
/// measurement. Under VSTest the signal is a TRX report written to a folder of its own and read
/// back (its <c>executed</c> counter); under Microsoft.Testing.Platform, which has no
/// <c>--logger</c> and rejects one, it is the platform's exit code for "zero tests ran", 8.
/// </summary>
/// <remarks>
/// One TRX file holds one test run, so each run (a test project and framework of a solution)
/// writes its own, named by its index: VSTest takes no per-project name here (an absolute
/// <c>LogFilePrefix</c> is ignored, <c>LogFileName</c> has no placeholders).
/// </remarks>
internal sealed class TestsRan : IDisposable
{
    /// <summary>Microsoft.Testing.Platform's exit code when no test ran.</summary>
    public const int ZeroTestsExitCode = 8;

    private readonly string? _folder;

    private TestsRan(string? folder) => _folder = folder;

    private string? Report(int run) => _folder is null ? null : Path.Combine(_folder, $"tests-{run}.trx");

    /// <summary>Starts watching; <paramref name="workingDirectory"/> is where dotnet test runs,
    /// whose global.json says which test runner it uses.</summary>
    public static TestsRan Watch(string workingDirectory)
    {
        if (UsesTestingPlatform(workingDirectory))
            return new TestsRan(null);
        var folder = Path.Combine(Path.GetTempPath(), $"flowcover-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return new TestsRan(folder);
    }

    /// <summary>The arguments that make run number <paramref name="run"/> of dotnet test leave the
    /// signal: before any of the user's (their inline run settings after '--' must stay last).</summary>
    public IReadOnlyList<string> ArgumentsFor(int run) => Report(run) is { } report ? ["--logger", $"trx;LogFileName={report}"] : [];

    /// <summary>True only when it is known that no test ran in any of the <paramref name="runs"/>
    /// runs: a run that failed or crashed keeps its own exit code and dotnet test's account of
    /// it. Under Microsoft.Testing.Platform the exit code speaks for one run only.</summary>
    public bool NoneRan(int exitCode, int runs)
    {
        if (_folder is null)
            return runs == 1 && exitCode == ZeroTestsExitCode;
        if (exitCode != 0)
            return false;
        var executed = Enumerable.Range(0, runs).Select(Executed).ToList();
        return executed.All(count => count == 0);
    }

    /// <summary>A run's TRX count of tests executed; null when there is no readable report
    /// (another runner, or a run that never got that far).</summary>
    private int? Executed(int run)
    {
        if (Report(run) is not { } report || !File.Exists(report))
            return null;
        try
        {
            using var reader = XmlReader.Create(report);
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Counters")
                    return int.TryParse(reader.GetAttribute("executed"), out var executed) ? executed : null;
        }
        catch (XmlException)
        {
        }
        return null;
    }

    /// <summary>Whether the nearest global.json asks dotnet test for Microsoft.Testing.Platform
    /// (<c>"test": { "runner": "Microsoft.Testing.Platform" }</c>), as .NET 10's dotnet test reads it.</summary>
    private static bool UsesTestingPlatform(string workingDirectory)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(workingDirectory)); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, "global.json");
            if (!File.Exists(file))
                continue;
            try
            {
                using var json = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                return json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.Object
                    && test.TryGetProperty("runner", out var runner) && runner.ValueKind == JsonValueKind.String
                    && string.Equals(runner.GetString(), "Microsoft.Testing.Platform", StringComparison.OrdinalIgnoreCase);
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                return false; // The SDK says what is wrong with it.
            }
        }
        return false;
    }

    public void Dispose()
    {
        if (_folder is null)
            return;
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder; the system cleans it.
        }
    }
}
