using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>
/// Builds a <see cref="CoverageResult"/> from coverage data: resolves probes to counts and folds
/// every module's methods into source files. A line that several statements (or several
/// assemblies, for linked files) share counts once, as run if any of them ran. Each file is
/// compared with the checksum its PDB recorded (<see cref="SourceCheck"/>).
/// </summary>
public static class CoverageAnalysis
{
    public static CoverageResult Analyze(CoverageData data, string? baseDirectory = null)
    {
        var root = Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory());
        var methodsByFile = new Dictionary<string, List<MethodResult>>(StringComparer.Ordinal);
        var assemblies = new Dictionary<string, string>(StringComparer.Ordinal);
        var checksums = new Dictionary<string, SourceChecksum?>(StringComparer.Ordinal);
        foreach (var module in data.Modules)
        {
            foreach (var method in module.Model.Methods)
            {
                var path = module.Model.Documents[method.Document];
                assemblies.TryAdd(path, module.Model.AssemblyName);
                if (checksums.GetValueOrDefault(path) is null)
                    checksums[path] = module.Model.ChecksumOf(method.Document);
                if (!methodsByFile.TryGetValue(path, out var list))
                    methodsByFile[path] = list = [];
                list.Add(Resolve(method, module.Hits, data.Mode));
            }
        }
        var files = methodsByFile
            .Select(kv => new FileResult(kv.Key, DisplayName(kv.Key, root), assemblies[kv.Key], MergeLines(kv.Value),
                kv.Value.OrderBy(m => m.FirstLine).ThenBy(m => m.Name, StringComparer.Ordinal).ToList())
            { Source = SourceCheck.Of(kv.Key, checksums[kv.Key]) })
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return new CoverageResult(data.Mode, files);
    }

    /// <summary>A line's count is the largest of its probes' (each counts one of its statements),
    /// or their sum where each counts one copy of its statement (<see cref="LineProbe.Sum"/>);
    /// an outcome's, the sum where the model marks its probes as counting different times
    /// (<see cref="BranchOutcome.Sum"/>). In set mode each is 1 when any of its probes ran.</summary>
    private static MethodResult Resolve(MethodModel method, IReadOnlyList<long> hits, CoverageMode mode)
    {
        var branchesByLine = method.Branches.ToLookup(b => b.Line);
        var lines = method.Lines
            .Select(l => new LineResult(l.Line, mode == CoverageMode.Count ? l.CountOf(hits) : l.Probes.MaxOf(hits),
                branchesByLine[l.Line].SelectMany(b => b.Outcomes)
                    .Select(o => new OutcomeResult(o.Label, o.TargetLine, mode == CoverageMode.Count ? o.CountOf(hits) : o.Probes.MaxOf(hits))).ToList()))
            .OrderBy(l => l.Line)
            .ToList();
        return new MethodResult(method.TypeName, method.Name, method.FirstLine, lines) { Complexity = Complexity(method) };
    }

    /// <summary>1 + what each decision on the method's lines adds (see
    /// <see cref="MethodResult.Complexity"/>); a decision on a line that is not the method's
    /// is left out, as <see cref="Resolve"/> leaves out its outcomes.</summary>
    private static int Complexity(MethodModel method)
    {
        var lines = method.Lines.Select(l => l.Line).ToHashSet();
        return 1 + method.Branches.Where(b => lines.Contains(b.Line)).Sum(b => ConditionsBeyondFirst(b.Outcomes));
    }

    /// <summary>The outcomes beyond the first; but a decision whose outcomes are all true/false
    /// pairs (an eager <c>a &amp;&amp; b || c</c> on plain booleans, one site with "a true",
    /// "a false"...) is that many conditions, each adding 1, as the same operands adding
    /// 1 each when the compiler short-circuits them into separate decisions.</summary>
    private static int ConditionsBeyondFirst(IReadOnlyList<BranchOutcome> outcomes)
    {
        var pairs = outcomes.Count > 2 && outcomes.Count % 2 == 0
            && outcomes.All(o => o.Label.EndsWith("true", StringComparison.Ordinal) || o.Label.EndsWith("false", StringComparison.Ordinal));
        return pairs ? outcomes.Count / 2 : Math.Max(outcomes.Count - 1, 0);
    }

    /// <summary>One entry per line number: hit if any method's statement there ran; outcomes of
    /// the same line in different methods (a lambda on its caller's line) are all kept.</summary>
    private static List<LineResult> MergeLines(IEnumerable<MethodResult> methods) =>
        methods.SelectMany(m => m.Lines)
            .GroupBy(l => l.Line)
            .Select(g => new LineResult(g.Key, g.Max(l => l.Hits), g.SelectMany(l => l.Outcomes).ToList()))
            .OrderBy(l => l.Line)
            .ToList();

    /// <summary>The name reports give a source: relative to the root when under it.</summary>
    internal static string DisplayName(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
