using FlowCover.Tests.Cli;
using FlowCover.Tests.Projects;

namespace FlowCover.Tests.Integration;

/// <summary>
/// FlowCover's dotnet test packages (FlowCover.MSBuild, FlowCover.Collector,
/// FlowCover.TestPlatform) as <c>dotnet pack</c> makes them, packed once per test process into
/// a folder feed under a version of its own (so NuGet's cache never serves an older build of
/// the same version), which is taken out of that cache again when the process exits.
/// </summary>
internal static class IntegrationPackages
{
    public static readonly string[] Ids = ["FlowCover.MSBuild", "FlowCover.Collector", "FlowCover.TestPlatform"];

    private static readonly Lazy<(string Feed, string Version)> Packed = new(() =>
    {
        var feed = Scratch.Folder("feed");
        // Stable (so a plain 'dotnet add package' takes it) and never seen before by the cache.
        var version = $"0.0.{(int)(DateTime.UtcNow - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds}.{Environment.ProcessId}";
        ForgetEarlierRuns();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ForgetCached(version);
        foreach (var id in Ids)
            TemplateProjects.Dotnet(PackagingTests.RepositoryRoot(), "pack", Path.Combine("src", id), "-c", "Debug", "-o", feed, "-p:PackageVersion=" + version, "-nologo");
        return (feed, version);
    });

    public static string Feed => Packed.Value.Feed;
    public static string Version => Packed.Value.Version;

    /// <summary>A nuget.config for a project that takes FlowCover's packages from the feed only
    /// and the rest from the usual source.</summary>
    public static string NuGetConfig() => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="flowcover" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="flowcover"><package pattern="FlowCover.*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    private static string Cache => Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void ForgetCached(string version)
    {
        foreach (var id in Ids)
        {
            var folder = Path.Combine(Cache, id.ToLowerInvariant(), version);
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The versions of test processes that are gone (a test host ended by its runner
    /// does not always get to remove its own).</summary>
    private static void ForgetEarlierRuns()
    {
        foreach (var id in Ids)
        {
            var folder = Path.Combine(Cache, id.ToLowerInvariant());
            if (!Directory.Exists(folder))
                continue;
            foreach (var version in Directory.GetDirectories(folder, "0.0.*.*").Select(Path.GetFileName))
                if (int.TryParse(version!.Split('.')[^1], out var pid) && !ProcessExists(pid))
                    ForgetCached(version);
        }
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
