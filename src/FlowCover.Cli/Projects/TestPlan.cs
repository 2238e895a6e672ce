using FlowCover.Data;

namespace FlowCover.Cli.Projects;

/// <summary>One <c>dotnet test</c> of a test project for one framework: its output folder and
/// the assemblies of the projects it references, as built into that folder.</summary>
internal sealed record TestRun(MsBuildProject Project, string? Framework, string TargetDirectory, IReadOnlyList<string> Referenced);

/// <summary>
/// What <c>flowcover test</c> runs, asked of MSBuild after the build: every test project
/// (IsTestProject or IsTestingPlatformApplication, as MSBuild says) of the solution, or the one project given; for each,
/// the frameworks this machine can run (or the one --framework names); and what is measured
/// by default: the assemblies of its ProjectReference closure within the repository.
/// </summary>
internal static class TestPlan
{
    public static IReadOnlyList<TestRun> For(TestInput input, string configuration, string? framework, string root, TextWriter log)
    {
        var projects = input.IsSolution ? SolutionFile.Projects(input.Path) : [input.Path];
        var known = MsBuildProject.EvaluateAll(projects.Where(File.Exists).ToList(), configuration).ToDictionary(p => p.Path, StringComparer.Ordinal);
        var tests = known.Values.Where(p => p.IsTestProject).OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        if (tests.Count == 0)
            throw new UserError(input.IsSolution
                ? $"{input.Path}: none of its {known.Count} projects is a test project (IsTestProject or IsTestingPlatformApplication is true in none); add one, or pass the test project."
                : $"{input.Path}: not a test project (MSBuild's IsTestProject is not true: it references no test SDK such as Microsoft.NET.Test.Sdk); pass your test project or solution.");
        AddClosure(known, tests, configuration, root);
        var runnable = RunnableFrameworks.Installed();
        var runs = new List<TestRun>();
        foreach (var test in tests)
        {
            foreach (var chosen in Frameworks(test, framework, runnable, log))
            {
                var build = test.IsMultiTargeted ? MsBuildProject.Evaluate(test.Path, configuration, chosen) : test;
                if (build.TargetPath.Length == 0)
                    throw new UserError($"{test.Path}: MSBuild gives no TargetPath for it{(chosen is null ? "" : " on " + chosen)}; check that 'dotnet build' makes an assembly.");
                var directory = Path.GetDirectoryName(build.TargetPath)!;
                var referenced = Closure(known, test, root)
                    .Select(p => Path.Combine(directory, p.TargetFileName))
                    .Where(File.Exists)
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                runs.Add(new TestRun(test, test.IsMultiTargeted ? chosen : null, directory, referenced));
            }
        }
        return runs;
    }

    /// <summary>The frameworks to test a project on: the one asked for, or every one it targets
    /// that runs here, saying which are skipped and why.</summary>
    private static IReadOnlyList<string?> Frameworks(MsBuildProject test, string? asked, RunnableFrameworks runnable, TextWriter log)
    {
        if (asked is not null)
        {
            if (test.TargetFrameworks.Count > 0 && !test.TargetFrameworks.Contains(asked, StringComparer.OrdinalIgnoreCase))
                throw new UserError($"--framework {asked}: {test.Name} does not target it (it targets {string.Join(", ", test.TargetFrameworks)}); pick one of those.");
            if (runnable.WhyNot(asked) is { } why)
                throw new UserError($"--framework {asked}: cannot run tests on it here ({why}); install that runtime or pick another framework.");
            return [asked];
        }
        if (!test.IsMultiTargeted)
            return [null];
        var chosen = test.TargetFrameworks.Where(f => runnable.WhyNot(f) is null).ToList();
        var skipped = test.TargetFrameworks.Except(chosen).Select(f => $"{f} ({runnable.WhyNot(f)})").ToList();
        if (chosen.Count == 0)
            throw new UserError($"{test.Path}: none of its frameworks can run here: {string.Join(", ", skipped)}; install a runtime or retarget the project.");
        if (skipped.Count > 0)
            log.WriteLine($"flowcover: {test.Name}: testing {string.Join(", ", chosen)}; skipping {string.Join(", ", skipped)} (choose with --framework)");
        return chosen;
    }

    /// <summary>Evaluates the referenced projects not evaluated yet, a level at a time, walking
    /// through those already known too: a solution filter (or a solution that lists only some
    /// projects) may hold a referenced project but not the projects it references.</summary>
    private static void AddClosure(Dictionary<string, MsBuildProject> known, IEnumerable<MsBuildProject> from, string configuration, string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = from.SelectMany(p => p.ProjectReferences).ToList();
        while (true)
        {
            var level = next.Distinct(StringComparer.Ordinal).Where(p => IsUnder(p, root) && File.Exists(p) && seen.Add(p)).ToList();
            if (level.Count == 0)
                return;
            foreach (var project in MsBuildProject.EvaluateAll(level.Where(p => !known.ContainsKey(p)).ToList(), configuration))
                known[project.Path] = project;
            next = level.Where(known.ContainsKey).SelectMany(p => known[p].ProjectReferences).ToList();
        }
    }

    /// <summary>The projects a test project references, directly or through others, within the repository.</summary>
    private static IEnumerable<MsBuildProject> Closure(Dictionary<string, MsBuildProject> known, MsBuildProject test, string root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(test.ProjectReferences);
        while (pending.TryPop(out var path))
        {
            if (!seen.Add(path) || !IsUnder(path, root) || !known.TryGetValue(path, out var project))
                continue;
            yield return project;
            foreach (var reference in project.ProjectReferences)
                pending.Push(reference);
        }
    }

    private static bool IsUnder(string path, string root) => RepositoryRoot.IsUnder(path, root);
}
