using System.Reflection;

namespace FlowCover.Reporting;

/// <summary>FlowCover's version as reports print it (<c>0.1.0</c>), without the build's commit
/// suffix, so the same build always writes the same bytes.</summary>
public static class ToolVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var version = typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ToolVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = version.IndexOf('+');
        return plus < 0 ? version : version[..plus];
    }
}
