using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using FlowCover.Data;

namespace FlowCover.Cli.Projects;

/// <summary>The project files a solution lists: <c>.sln</c> (its <c>Project(...) = "name",
/// "path", ...</c> lines), <c>.slnx</c> (its <c>Project Path="..."</c> elements), or a solution
/// filter <c>.slnf</c> (the <c>solution.projects</c> it keeps of the solution at
/// <c>solution.path</c>, paths relative to that solution, as <c>dotnet test</c> reads it).
/// Solution folders, which are listed like projects in a .sln, are left out.</summary>
internal static partial class SolutionFile
{
    public static readonly string[] Extensions = [".sln", ".slnx", ".slnf"];

    public static bool IsSolution(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public static bool IsIn(string folder) =>
        Directory.EnumerateFiles(folder).Any(IsSolution);

    public static IReadOnlyList<string> Projects(string solution)
    {
        if (Path.GetExtension(solution).Equals(".slnf", StringComparison.OrdinalIgnoreCase))
            return FilteredProjects(solution);
        var folder = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        IEnumerable<string> paths;
        try
        {
            paths = Path.GetExtension(solution).Equals(".slnx", StringComparison.OrdinalIgnoreCase)
                ? XDocument.Load(solution).Descendants("Project").Select(p => (string?)p.Attribute("Path")).OfType<string>()
                : SlnProject().Matches(File.ReadAllText(solution)).Select(m => m.Groups[1].Value);
        }
        catch (System.Xml.XmlException e)
        {
            throw new UserError($"{solution}: not a readable solution ({e.Message}); fix it or pass a project.");
        }
        return InFolder(folder, paths);
    }

    /// <summary>A solution filter's projects: those it names, relative to the solution it
    /// filters (which must exist, as MSBuild requires).</summary>
    private static IReadOnlyList<string> FilteredProjects(string filter)
    {
        string solutionPath;
        List<string> paths;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(filter), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var solution = json.RootElement.GetProperty("solution");
            solutionPath = solution.GetProperty("path").GetString() ?? throw new InvalidOperationException("solution.path is null");
            paths = solution.TryGetProperty("projects", out var projects)
                ? projects.EnumerateArray().Select(p => p.GetString()).OfType<string>().ToList()
                : [];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserError($"{filter}: not a readable solution filter (it needs {{ \"solution\": {{ \"path\": \"App.slnx\", \"projects\": [...] }} }}); fix it or pass the solution.");
        }
        var solutionFile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(filter))!, solutionPath.Replace('\\', '/')));
        if (!File.Exists(solutionFile))
            throw new UserError($"{filter}: the solution it filters, {solutionPath}, does not exist; fix solution.path or pass a solution.");
        return InFolder(Path.GetDirectoryName(solutionFile)!, paths);
    }

    private static IReadOnlyList<string> InFolder(string folder, IEnumerable<string> paths) => paths
        .Where(ProjectFile.IsProject)
        .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', '/'))))
        .Distinct(StringComparer.Ordinal)
        .ToList();

    [GeneratedRegex("""^Project\("[^"]*"\)\s*=\s*"[^"]*"\s*,\s*"([^"]+)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
