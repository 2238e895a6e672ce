using System.IO.Compression;
using Xunit;

namespace FlowCover.Tests.Integration;

/// <summary>What the dotnet test packages carry, read from the packages as packed.</summary>
public sealed class IntegrationPackagesTests
{
    private const string LinuxSqlite = "runtimes/linux-x64/native/libe_sqlite3.so";

    /// <summary>FlowCover.MSBuild holds the data collector and the platform extension in folders
    /// of their own; SQLite's native libraries (about 31 MB for every platform) are in it once, for
    /// both. DotnetTestContextsTests runs contexts through both from this package.</summary>
    [Fact]
    public void The_MSBuild_package_carries_SQLites_native_libraries_once_for_both_integrations()
    {
        var entries = Entries("FlowCover.MSBuild");
        Assert.Contains("build/net10.0/collector/FlowCover.Collector.dll", entries);
        Assert.Contains("build/net10.0/testplatform/FlowCover.TestPlatform.dll", entries);
        Assert.Equal(["build/net10.0/" + LinuxSqlite], entries.Where(e => e.EndsWith("/libe_sqlite3.so", StringComparison.Ordinal) && e.Contains("linux-x64", StringComparison.Ordinal)));
        Assert.Equal(entries.Count(e => e.StartsWith("build/net10.0/runtimes/", StringComparison.Ordinal)), entries.Count(e => e.Contains("/runtimes/", StringComparison.Ordinal)));
    }

    private static List<string> Entries(string id)
    {
        using var package = ZipFile.OpenRead(Path.Combine(IntegrationPackages.Feed, $"{id}.{IntegrationPackages.Version}.nupkg"));
        return package.Entries.Select(e => e.FullName).ToList();
    }
}
