namespace FlowCover.Tests.Validation;

/// <summary>The differences listed in KnownGaps.txt, by configuration and target.</summary>
public static class KnownGaps
{
    private static readonly Lazy<ILookup<(string, string), string>> Entries = new(() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Validation", "KnownGaps.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Key: l[..l.IndexOf(':')].Split(' '), Difference: l[(l.IndexOf(':') + 2)..]))
            .ToLookup(e => (e.Key[0], e.Key[1]), e => e.Difference));

    public static IReadOnlyList<string> For(string configuration, string target) => Entries.Value[(configuration, target)].ToList();
}
