using FlowCover.Data;

namespace FlowCover.Cli.Projects;

/// <summary>
/// What <c>flowcover test</c> was pointed at, found as <c>dotnet test</c> finds it: a solution or
/// project file as given; in a folder (the current one when nothing is given), its one project
/// or solution file, else an error naming what is there.
/// </summary>
internal sealed record TestInput(string Path, bool IsSolution)
{
    public static TestInput Resolve(string? given)
    {
        var path = given ?? ".";
        if (File.Exists(path))
        {
            if (SolutionFile.IsSolution(path))
                return new TestInput(System.IO.Path.GetFullPath(path), true);
            if (ProjectFile.IsProject(path))
                return new TestInput(System.IO.Path.GetFullPath(path), false);
            throw new UserError($"{path}: not a solution or project file; pass a .sln, .slnx, .slnf, .csproj or a folder holding one.");
        }
        if (!Directory.Exists(path))
            throw new UserError($"{path}: no such file or folder; pass a solution, a test project or a folder holding one.");
        var found = Directory.GetFiles(path).Where(f => SolutionFile.IsSolution(f) || ProjectFile.IsProject(f)).Order(StringComparer.Ordinal).ToList();
        var shown = given is null ? "the current folder" : path;
        return found switch
        {
            [] => throw new UserError($"{shown}: holds no project or solution file; pass one, e.g. flowcover test tests/MyApp.Tests."),
            [var one] => new TestInput(System.IO.Path.GetFullPath(one), SolutionFile.IsSolution(one)),
            _ => throw new UserError($"{shown}: holds several project or solution files ({string.Join(", ", found.Select(System.IO.Path.GetFileName))}); pass the one to test."),
        };
    }
}
