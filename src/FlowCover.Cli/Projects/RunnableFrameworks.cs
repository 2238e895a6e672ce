using System.Text.RegularExpressions;

namespace FlowCover.Cli.Projects;

/// <summary>
/// Which target frameworks the installed .NET can run tests for: <c>netX.Y</c> where a
/// Microsoft.NETCore.App X.Y runtime is installed (a test host does not roll forward to another
/// major version). Others (netstandard, .NET Framework, an OS-specific TFM of another OS, a
/// missing runtime) can be built but not run here.
/// </summary>
internal sealed partial class RunnableFrameworks(IReadOnlySet<string> runtimeVersions)
{
    public static RunnableFrameworks Installed()
    {
        var (_, output, _) = DotnetCommand.Run(["--list-runtimes"]);
        var versions = output.Split('\n')
            .Select(l => Runtime().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);
        return new RunnableFrameworks(versions);
    }

    /// <summary>Null when it can run here, else why not, in words for the user.</summary>
    public string? WhyNot(string framework)
    {
        var match = NetCore().Match(framework);
        if (!match.Success)
            return "not a .NET (Core) framework this machine runs";
        if (match.Groups[2].Success && !OperatingSystem.IsOSPlatform(match.Groups[2].Value))
            return $"for {match.Groups[2].Value}, not this system";
        return runtimeVersions.Contains(match.Groups[1].Value) ? null : $"no .NET {match.Groups[1].Value} runtime is installed";
    }

    [GeneratedRegex(@"^Microsoft\.NETCore\.App (\d+\.\d+)\.")]
    private static partial Regex Runtime();

    [GeneratedRegex(@"^net(\d+\.\d+)(?:-([a-z]+)[\d.]*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NetCore();
}
