using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Reporting.Contexts;

/// <summary>
/// A <c>FILE:LINE</c> the user names (<c>flowcover who Services/FxService.cs:42</c>) resolved
/// through the models to the probes that count that line, in every module that compiled the
/// file. The file may be named as the reports name it (relative to the repository root), by a
/// path from the current folder, or by the end of its path when that is unique.
/// </summary>
/// <param name="Name">The file as reports name it.</param>
/// <param name="Probes">Per module key, the probes of the statements on the line.</param>
public sealed record SourceLine(string Name, int Line, IReadOnlyList<(string ModuleKey, ProbeList Probes)> Probes)
{
    /// <summary>Parses <c>FILE:LINE</c>; the last colon separates them (a Windows path has one too).</summary>
    public static (string File, int Line) Parse(string argument)
    {
        var colon = argument.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(argument.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var line) || line <= 0)
            throw new UserError($"{argument}: not a FILE:LINE; name a source file and a line number, e.g. Services/FxService.cs:42.");
        return (argument[..colon], line);
    }

    /// <summary>The line's probes; a file no model has, or a line with no statement, is a
    /// <see cref="UserError"/> naming what there is instead.</summary>
    public static SourceLine Find(ContextStore store, string root, string file, int line)
    {
        var path = Match(store.Documents(), root, file);
        var models = store.ModelsCompiling(path);
        var probes = new List<(string, ProbeList)>();
        var statements = new SortedSet<int>();
        foreach (var model in models)
        {
            foreach (var method in model.Methods.Where(m => model.Documents[m.Document] == path))
            {
                foreach (var statement in method.Lines)
                {
                    statements.Add(statement.Line);
                    if (statement.Line == line)
                        probes.Add((model.Key, statement.Probes));
                }
            }
        }
        var name = CoverageAnalysis.DisplayName(path, root);
        if (probes.Count == 0)
            throw new UserError($"{file}:{line}: no statement on line {line} of {name}; {Nearest(statements, line)}");
        return new SourceLine(name, line, probes);
    }

    /// <summary>The statement lines either side of <paramref name="line"/>, as the fix to ask for.</summary>
    private static string Nearest(SortedSet<int> statements, int line)
    {
        var before = statements.GetViewBetween(int.MinValue, line).LastOrDefault();
        var after = statements.GetViewBetween(line, int.MaxValue).FirstOrDefault();
        return (before, after) switch
        {
            (0, 0) => "it has no statements measured.",
            (0, _) => $"the nearest statement is on line {after}; ask for that line.",
            (_, 0) => $"the nearest statement is on line {before}; ask for that line.",
            _ => $"the nearest statements are on lines {before} and {after}; ask for one of those.",
        };
    }

    private static string Match(IReadOnlyList<string> documents, string root, string file)
    {
        var normal = file.Replace('\\', '/');
        var full = Path.GetFullPath(file);
        var exact = documents.Where(d => d == full || CoverageAnalysis.DisplayName(d, root).Replace('\\', '/') == normal).ToList();
        var found = exact.Count > 0 ? exact : documents.Where(d => d.Replace('\\', '/').EndsWith("/" + normal.TrimStart('.', '/'), StringComparison.Ordinal)).ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new UserError($"{file}: not a measured source file; name it as 'flowcover report' does (relative to {root}) or by its path."),
            _ => throw new UserError($"{file}: names {found.Count} measured files ({string.Join(", ", found.Select(d => CoverageAnalysis.DisplayName(d, root)).Order(StringComparer.Ordinal))}); give more of its path."),
        };
    }
}
