using FlowCover.Instrumentation;

namespace FlowCover.Cli.Session;

/// <summary>
/// Which files under the <c>--target</c> paths are candidates. By default: assemblies with a
/// PDB beside them and not FlowCover's own (test assemblies are recognized later, by their
/// references), and the <see cref="Referenced"/> assemblies; <c>--include</c>/<c>--exclude</c>
/// globs on file names override. A target that is a file is always a candidate.
/// </summary>
internal sealed record TargetSelection(IReadOnlyList<Glob> Include, IReadOnlyList<Glob> Exclude)
{
    /// <summary>Assembly files chosen by default besides the targets' (flowcover test: the
    /// builds of the projects the tests reference, in the test project's output folder). Left
    /// out when --include picks instead; a skipped one is warned about, as an included one is.</summary>
    public IReadOnlyList<string> Referenced { get; init; } = [];

    public IEnumerable<Candidate> Candidates(IReadOnlyList<string> targets)
    {
        if (Include.Count == 0)
            foreach (var file in Referenced)
                if (!Excluded(file) && !IsFlowCovers(Path.GetFileName(file)))
                    yield return new Candidate(Path.GetFullPath(file), CandidateKind.Included);
        foreach (var target in targets)
        {
            if (File.Exists(target))
            {
                yield return new Candidate(Path.GetFullPath(target), CandidateKind.Named);
                continue;
            }
            if (!Directory.Exists(target))
                throw new FlowCover.Data.UserError($"{target}: no such file or folder; pass the build output folder (e.g. bin/Debug/net10.0) with --target.");
            foreach (var file in Directory.GetFiles(target, "*.dll").Concat(Directory.GetFiles(target, "*.exe")).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (Excluded(file))
                    continue;
                if (Include.Count > 0)
                {
                    if (Glob.AnyMatch(Include, name) || Glob.AnyMatch(Include, Path.GetFileNameWithoutExtension(file)))
                        yield return new Candidate(Path.GetFullPath(file), CandidateKind.Included);
                    continue;
                }
                if (File.Exists(Path.ChangeExtension(file, ".pdb")) && !IsFlowCovers(name))
                    yield return new Candidate(Path.GetFullPath(file), CandidateKind.Found);
            }
        }
    }

    private bool Excluded(string file) =>
        Glob.AnyMatch(Exclude, Path.GetFileName(file)) || Glob.AnyMatch(Exclude, Path.GetFileNameWithoutExtension(file));

    private static bool IsFlowCovers(string name) => name.StartsWith("FlowCover.", StringComparison.OrdinalIgnoreCase);
}

/// <summary>How an assembly came to be considered, which decides how loudly a skip is reported.</summary>
internal enum CandidateKind
{
    /// <summary>Named directly with --target: it must be measurable.</summary>
    Named,

    /// <summary>Matched an --include glob: skipping it deserves a warning.</summary>
    Included,

    /// <summary>Found by the default rule (has a PDB): skipped quietly when not the user's.</summary>
    Found,
}

internal sealed record Candidate(string Path, CandidateKind Kind);
