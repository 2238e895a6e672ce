namespace FlowCover.Cli.Projects;

/// <summary>MSBuild project files FlowCover can test: C#, F# and Visual Basic.</summary>
internal static class ProjectFile
{
    public static readonly string[] Extensions = [".csproj", ".fsproj", ".vbproj"];

    public static bool IsProject(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
