using System.Text.Json;
using FlowCover.Data;

namespace FlowCover.Cli.Projects;

/// <summary>
/// What MSBuild says about one project for a configuration (and a framework, for one build of
/// a multi-targeted project): read in one <c>dotnet msbuild -getProperty -getItem</c> call, so
/// custom output layouts (UseArtifactsOutput, OutputPath, BaseOutputPath) come from the build's
/// own logic and are never guessed. A test project is one that <c>dotnet test</c> runs:
/// IsTestProject (Microsoft.NET.Test.Sdk sets it) or IsTestingPlatformApplication (a
/// Microsoft.Testing.Platform application such as an xUnit v3 project, which sets only that).
/// </summary>
internal sealed record MsBuildProject(
    string Path,
    bool IsTestProject,
    IReadOnlyList<string> TargetFrameworks,
    string TargetPath,
    string TargetFileName,
    IReadOnlyList<string> ProjectReferences)
{
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Whether it builds for several frameworks (TargetFrameworks), so one of them must be chosen per build.</summary>
    public bool IsMultiTargeted { get; init; }

    public static MsBuildProject Evaluate(string project, string configuration, string? framework = null)
    {
        var arguments = new List<string> { "msbuild", project, "-nologo", "-p:Configuration=" + configuration };
        if (framework is not null)
            arguments.Add("-p:TargetFramework=" + framework);
        arguments.AddRange(["-getProperty:IsTestProject", "-getProperty:IsTestingPlatformApplication", "-getProperty:TargetFramework", "-getProperty:TargetFrameworks",
            "-getProperty:TargetPath", "-getProperty:TargetFileName", "-getItem:ProjectReference"]);
        var (exitCode, output, error) = DotnetCommand.Run(arguments);
        if (exitCode != 0)
            throw new UserError($"{project}: MSBuild cannot evaluate it ({FirstLine(output + error)}); fix the project so that 'dotnet build' works.");
        try
        {
            using var json = JsonDocument.Parse(output);
            var properties = json.RootElement.GetProperty("Properties");
            string Property(string name) => properties.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
            var references = json.RootElement.TryGetProperty("Items", out var items) && items.TryGetProperty("ProjectReference", out var list)
                ? list.EnumerateArray().Select(r => r.GetProperty("FullPath").GetString()!).ToList()
                : [];
            var frameworks = Property("TargetFrameworks").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var single = Property("TargetFramework");
            return new MsBuildProject(
                System.IO.Path.GetFullPath(project),
                IsTrue(Property("IsTestProject")) || IsTrue(Property("IsTestingPlatformApplication")),
                frameworks.Length > 0 ? frameworks : single.Length > 0 ? [single] : [],
                Property("TargetPath"),
                Property("TargetFileName"),
                references)
            {
                IsMultiTargeted = frameworks.Length > 0 && single.Length == 0,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserError($"{project}: MSBuild's answer about it could not be read ({FirstLine(output)}); check that 'dotnet msbuild {project} -getProperty:TargetPath' works.");
        }
    }

    /// <summary>Evaluates several projects a few at a time (each is a dotnet process, mostly
    /// waiting); the first project MSBuild cannot evaluate is the error.</summary>
    public static IReadOnlyList<MsBuildProject> EvaluateAll(IReadOnlyList<string> projects, string configuration)
    {
        var results = new MsBuildProject?[projects.Count];
        var errors = new UserError?[projects.Count];
        Parallel.For(0, projects.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, i =>
        {
            try
            {
                results[i] = Evaluate(projects[i], configuration);
            }
            catch (UserError e)
            {
                errors[i] = e;
            }
        });
        return errors.FirstOrDefault(e => e is not null) is { } error ? throw error : results.Select(r => r!).ToList();
    }

    private static bool IsTrue(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
        ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}
