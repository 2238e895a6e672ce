using System.Text.RegularExpressions;
using System.Xml.Linq;
using FlowCover.Data;

namespace FlowCover.Cli.Projects;

/// <summary>The project files a solution lists: <c>.sln</c> (its <c>Project(...) = "name",
/// "path", ...</c> lines) or <c>.slnx</c> (its <c>Project Path="..."</c> elements). Solution
/// folders, which are listed like projects in a .sln, are left out.</summary>
internal static partial class SolutionFile
{
    public static readonly string[] Extensions = [".sln", ".slnx"];

    public static bool IsSolution(string path) => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    public static bool IsIn(string folder) =>
        Directory.EnumerateFiles(folder).Any(IsSolution);

    public static IReadOnlyList<string> Projects(string solution)
    {
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
        return paths
            .Where(ProjectFile.IsProject)
            .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', '/'))))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex("""^Project\("[^"]*"\)\s*=\s*"[^"]*"\s*,\s*"([^"]+)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
