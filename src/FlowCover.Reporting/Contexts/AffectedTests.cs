using System.Text.RegularExpressions;
using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Reporting.Contexts;

/// <summary>
/// Test impact analysis (<c>flowcover affected</c>): the tests whose recorded lines a change
/// touches, and the test classes of every changed file that is not measured code (test files),
/// so that new tests, moved tests and edited tests always run. A changed line with a statement
/// picks the tests that ran it; a changed line inside a method but on no statement (a
/// signature, a brace, a statement's second line) picks the tests that ran any of the method.
/// </summary>
/// <param name="Tests">Fully qualified names of recorded tests, sorted.</param>
/// <param name="Classes">Fully qualified test classes to run whole (changed test files, and
/// classes whose setup ran changed lines), sorted.</param>
/// <param name="Notes">What the user should know, one line each (changed lines no test ran in).</param>
public sealed partial record AffectedTests(IReadOnlyList<string> Tests, IReadOnlyList<string> Classes, IReadOnlyList<string> Notes)
{
    public const string SetupPrefix = "(setup) ";
    public const string NoTest = "(none)";

    /// <param name="root">The folder the diff's paths are relative to.</param>
    /// <param name="readFile">The text of a file after the change (by full path), or null when it is not there.</param>
    public static AffectedTests Find(ContextStore store, string root, IReadOnlyList<ChangedFile> changes, Func<string, string?> readFile)
    {
        var models = store.Modules;
        var measured = models.SelectMany(m => m.Documents).ToHashSet(StringComparer.Ordinal);
        var probesByModule = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var classes = new SortedSet<string>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var change in changes)
        {
            var oldPath = change.OldPath is null ? null : Path.GetFullPath(Path.Combine(root, change.OldPath));
            if (oldPath is not null && measured.Contains(oldPath))
            {
                foreach (var model in models)
                    AddProbes(model, oldPath, change.OldLines, probesByModule);
                continue;
            }
            var newPath = change.NewPath is null ? null : Path.GetFullPath(Path.Combine(root, change.NewPath));
            if (newPath is null || !newPath.EndsWith(".cs", StringComparison.OrdinalIgnoreCase))
                continue;
            if (readFile(newPath) is { } text)
                classes.UnionWith(TestClasses(text));
            else
                notes.Add($"{change.NewPath}: changed but not on disk, so its test classes are not known; apply the change first.");
        }
        var tests = new SortedSet<string>(StringComparer.Ordinal);
        var outsideTests = false;
        foreach (var (key, probes) in probesByModule)
        {
            foreach (var context in store.ContextsRunning(key, ProbeList.Create([.. probes.Order()])))
            {
                if (context.Test == NoTest)
                    outsideTests = true;
                else if (context.Test.StartsWith(SetupPrefix, StringComparison.Ordinal))
                    classes.Add(context.Test[SetupPrefix.Length..]);
                else
                    tests.Add(context.Test);
            }
        }
        if (outsideTests)
            notes.Add("some changed lines also ran outside any test (static initialisers, background work started before the first test); run every test to be sure of those.");
        return new AffectedTests([.. tests], [.. classes], notes);
    }

    /// <summary>The probes of the changed lines of <paramref name="path"/> in one module.</summary>
    private static void AddProbes(ModuleModel model, string path, IReadOnlySet<int> lines, Dictionary<string, HashSet<int>> probesByModule)
    {
        foreach (var method in model.Methods.Where(m => model.Documents[m.Document] == path && m.Lines.Count > 0))
        {
            var last = method.Lines.Max(l => l.Line);
            var statements = method.Lines.Where(l => lines.Contains(l.Line)).ToList();
            var touched = statements.Count > 0 ? statements
                : lines.Any(l => l >= method.FirstLine && l <= last) ? method.Lines.ToList() : [];
            if (touched.Count == 0)
                continue;
            if (!probesByModule.TryGetValue(model.Key, out var probes))
                probesByModule[model.Key] = probes = [];
            foreach (var line in touched)
                probes.UnionWith(line.Probes);
        }
    }

    /// <summary>The classes a C# file declares, with its namespace: <c>Shop.Tests.CartTests</c>.</summary>
    public static IEnumerable<string> TestClasses(string source)
    {
        var space = Namespace().Match(source) is { Success: true } match ? match.Groups[1].Value + "." : "";
        return Class().Matches(source).Select(m => space + m.Groups[1].Value).Distinct();
    }

    /// <summary>A <c>dotnet test --filter</c> expression that runs the tests and the classes:
    /// <c>FullyQualifiedName=Shop.Tests.CartTests.Adds|FullyQualifiedName~Shop.Tests.OrderTests.</c>;
    /// empty when there are none.</summary>
    public string Filter() => string.Join('|',
        Tests.Select(t => "FullyQualifiedName=" + Escape(t)).Concat(Classes.Select(c => "FullyQualifiedName~" + Escape(c) + ".")));

    /// <summary>The characters a filter gives a meaning, escaped as dotnet test reads them.</summary>
    private static string Escape(string name) => Special().Replace(name, @"\$0");

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\b(?:class|record)\s+(\w+)")]
    private static partial Regex Class();

    [GeneratedRegex(@"[\\()&|=!~]")]
    private static partial Regex Special();
}
