using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>
/// The refusal of a run that selected nothing to measure. Its table would read
/// <c>TOTAL 0 0 100%</c> and pass any <c>--fail-under</c>: a number that is not true. As
/// coverage.py says "No data was collected", this says so, why, and what to pass instead,
/// before the command runs for nothing and before the data file is replaced.
/// </summary>
internal static class NothingToMeasure
{
    public static UserError Error(RunRequest request, int candidates)
    {
        var targets = string.Join(", ", request.Targets);
        string why, fix;
        if (candidates == 0 && request.Selection.Include.Count > 0)
        {
            why = $"no assembly in it matches --include {string.Join(", ", request.Selection.Include.Select(g => g.Pattern))}";
            fix = "pass --include globs that name the assemblies in that folder, or the --target that holds them";
        }
        else if (candidates == 0 && request.Targets.Count == 1 && ProjectIn(request.Targets[0]) is { } project)
        {
            why = $"it is the folder of {project}, not its build output";
            fix = $"pass its build output, e.g. --target {Path.Combine(request.Targets[0], "bin", "Debug", "net10.0")}";
        }
        else if (candidates == 0)
        {
            why = "no assembly in it has a PDB beside it";
            fix = "pass the --target of the build output to measure (e.g. bin/Debug/net10.0), or --include NAME.dll";
        }
        else
        {
            var sources = request.Options.Sources.Count > 0
                ? $"sources matching --source {string.Join(", ", request.Options.Sources.Select(g => g.Pattern))}"
                : $"sources under {request.Options.SourceRoot}";
            var which = candidates == 1 ? "its one assembly with a PDB is not measured" : $"none of its {candidates} assemblies with a PDB is measured";
            why = $"{which} (test assemblies are left out, and so are assemblies without {sources})";
            fix = "run flowcover from a folder above the sources (e.g. the solution's), or pass --source 'DIR/**', --include NAME.dll, or the --target of the code to measure";
        }
        return new UserError($"--target {targets}: No data was collected: {why}; {fix}.");
    }

    /// <summary>The name of the project file in <paramref name="folder"/>, if it is a project's folder.</summary>
    private static string? ProjectIn(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.*proj").Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault() : null;
}
