using System;
using System.IO;
using System.Linq;

namespace FlowCover.StartupHook;

/// <summary>
/// The value of <c>DOTNET_STARTUP_HOOKS</c> for a process FlowCover starts: the hooks the user
/// already names, in their order, then FlowCover's, joined by the path separator as .NET reads
/// them. Compiled into FlowCover.Testing (through this assembly) and into the CLI (as a linked
/// source file: the native CLI loads no assemblies).
/// </summary>
public static class StartupHooks
{
    public const string Variable = "DOTNET_STARTUP_HOOKS";

    /// <summary>The hook file, by the name both the CLI and FlowCover.Testing ship it under.</summary>
    public const string FileName = "FlowCover.StartupHook.dll";

    /// <summary><paramref name="hooks"/> with <paramref name="hook"/> after them, or as they are
    /// when a FlowCover hook is among them already (a ProcessServer under <c>flowcover test</c>
    /// inherits the CLI's): one assembly name loads once a process.</summary>
    public static string With(string? hooks, string hook)
    {
        if (string.IsNullOrEmpty(hooks))
            return hook;
        var named = hooks!.Split(Path.PathSeparator).Any(h => string.Equals(Path.GetFileName(h.Trim()), FileName, StringComparison.OrdinalIgnoreCase));
        return named ? hooks : hooks + Path.PathSeparator + hook;
    }
}
