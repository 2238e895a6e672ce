using System.Diagnostics.CodeAnalysis;

namespace FlowCover.Instrumentation;

/// <summary>
/// The folder of .NET's own assemblies (System.Private.CoreLib and the rest of
/// Microsoft.NETCore.App), where Cecil resolves what a measured assembly calls into. FlowCover
/// running on the JIT uses the one it runs on; a natively compiled FlowCover runs on none, so
/// it takes the one installed with <c>dotnet</c> (DOTNET_ROOT, else the <c>dotnet</c> on PATH)
/// that matches its own version, else the newest of the same major version, else the newest.
/// </summary>
public static class SharedFramework
{
    private static readonly Lazy<string> Located = new(Locate);

    public static string Directory => Located.Value;

    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "Empty when compiled natively: that case is the rest of the method.")]
    private static string Locate()
    {
        var corelib = typeof(object).Assembly.Location;
        if (corelib.Length > 0)
            return Path.GetDirectoryName(corelib)!;
        var versions = Path.Combine(DotnetRoot() ?? "", "shared", "Microsoft.NETCore.App");
        if (!System.IO.Directory.Exists(versions))
            return "";
        var installed = System.IO.Directory.GetDirectories(versions)
            .Select(d => (Path: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(d => d.Version is not null)
            .OrderByDescending(d => d.Version)
            .ToList();
        var own = Environment.Version;
        return installed.FirstOrDefault(d => d.Version == own).Path
            ?? installed.FirstOrDefault(d => d.Version!.Major == own.Major).Path
            ?? installed.FirstOrDefault().Path
            ?? "";
    }

    private static string? DotnetRoot()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
            return root;
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(folder, name);
            if (!File.Exists(candidate))
                continue;
            var target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            return Path.GetDirectoryName(target);
        }
        return null;
    }
}
