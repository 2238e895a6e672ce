namespace FlowCover.Cli.Projects;

/// <summary>
/// The folder report paths are relative to, and the default source root: the nearest folder at
/// or above the start that holds <c>.git</c>; else the nearest that holds a solution file; else
/// the current folder when the start lies under it (a test project named from a folder that
/// also holds the projects it references), else the start itself. So a command gives the same
/// names from the solution's folder and from a test project's folder below it.
/// </summary>
internal static class RepositoryRoot
{
    public static string Find(string start)
    {
        var full = Path.GetFullPath(start);
        string? solutionFolder = null;
        for (var folder = new DirectoryInfo(full); folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
                return folder.FullName;
            if (solutionFolder is null && SolutionFile.IsIn(folder.FullName))
                solutionFolder = folder.FullName;
        }
        return solutionFolder ?? (IsUnder(full, Directory.GetCurrentDirectory()) ? Directory.GetCurrentDirectory() : full);
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or lies under it.</summary>
    public static bool IsUnder(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative == "." || (relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
