using System.Text.Json;
using FlowCover.Data;

namespace FlowCover.Cli.Projects;

/// <summary>
/// The projects a built test assembly references, read from the <c>.deps.json</c> the SDK writes
/// beside it: every library of type <c>project</c> (the ProjectReference closure, as built into
/// the test's output folder). What a test platform extension measures by default, since inside
/// a test run there is a build but no project file to ask MSBuild about.
/// </summary>
internal static class ReferencedProjects
{
    /// <summary>The referenced projects' assemblies in the test assembly's folder, sorted.</summary>
    public static IReadOnlyList<string> Of(string testAssembly)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(testAssembly))!;
        var depsFile = Path.ChangeExtension(Path.GetFullPath(testAssembly), ".deps.json");
        if (!File.Exists(depsFile))
            throw new UserError($"{testAssembly}: no {Path.GetFileName(depsFile)} beside it, so the projects it references are unknown; build the test project with the .NET SDK, or name the assemblies to measure with include in flowcover.json.");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(depsFile));
            var projects = json.RootElement.GetProperty("libraries").EnumerateObject()
                .Where(l => l.Value.TryGetProperty("type", out var type) && type.GetString() == "project")
                .Select(l => l.Name)
                .ToHashSet(StringComparer.Ordinal);
            var self = Path.GetFileName(testAssembly);
            return json.RootElement.GetProperty("targets").EnumerateObject()
                .SelectMany(target => target.Value.EnumerateObject())
                .Where(library => projects.Contains(library.Name) && library.Value.TryGetProperty("runtime", out _))
                .SelectMany(library => library.Value.GetProperty("runtime").EnumerateObject().Select(file => Path.GetFileName(file.Name)))
                .Where(name => !name.Equals(self, StringComparison.OrdinalIgnoreCase))
                .Select(name => Path.Combine(folder, name))
                .Where(File.Exists)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserError($"{depsFile}: cannot be read ({e.Message.TrimEnd('.')}); rebuild the test project.");
        }
    }
}
