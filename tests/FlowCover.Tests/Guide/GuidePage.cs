using System.Text.RegularExpressions;

namespace FlowCover.Tests.Guide;

/// <summary>A fenced block of a guide page: its language, text, where it starts, and the file it
/// is written to when a <c>&lt;!-- file: PATH --&gt;</c> line stands right above it.</summary>
internal sealed record GuideBlock(string Page, int Line, string Language, string Text, string? FilePath = null)
{
    public override string ToString() => $"{Page}:{Line} ({Language})";
}

/// <summary>
/// A page of docs/guide read by the convention written at the top of docs/guide/README.md:
/// <c>sh</c> blocks are run, a <c>text</c> block right after one is its output, <c>yaml</c> blocks
/// are CI recipes whose <c>dotnet flowcover</c> commands are checked.
/// </summary>
internal sealed partial class GuidePage
{
    private GuidePage(string name, IReadOnlyList<GuideBlock> blocks)
    {
        Name = name;
        Blocks = blocks;
    }

    public string Name { get; }

    public IReadOnlyList<GuideBlock> Blocks { get; }

    public static string Folder(string repository) => Path.Combine(repository, "docs", "guide");

    /// <summary>The page, or null when it is not there (yet).</summary>
    public static GuidePage? Read(string repository, string name)
    {
        var path = Path.Combine(Folder(repository), name);
        return File.Exists(path) ? Parse(name, File.ReadAllLines(path)) : null;
    }

    public static GuidePage Parse(string name, IReadOnlyList<string> lines)
    {
        var blocks = new List<GuideBlock>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Fence().Match(lines[i]) is not { Success: true } open)
                continue;
            var start = i;
            var body = new List<string>();
            while (++i < lines.Count && lines[i].TrimEnd() != "```")
                body.Add(lines[i]);
            if (i == lines.Count)
                throw new InvalidOperationException($"{name}:{start + 1}: a fenced block that is never closed");
            var file = start > 0 && FileMarker().Match(lines[start - 1]) is { Success: true } marker ? marker.Groups["path"].Value : null;
            blocks.Add(new GuideBlock(name, start + 1, open.Groups["language"].Value, string.Join('\n', body), file));
        }
        return new GuidePage(name, blocks);
    }

    /// <summary>In page order: each block to write to a file, and each <c>sh</c> block with the
    /// <c>text</c> block that follows it, if any.</summary>
    public IEnumerable<(GuideBlock Block, GuideBlock? Output)> Steps() =>
        Blocks.Select((block, index) => (block, index))
            .Where(b => b.block.Language == "sh" || b.block.FilePath is not null)
            .Select(b => (b.block, b.block.Language == "sh" && b.index + 1 < Blocks.Count && Blocks[b.index + 1].Language == "text" ? Blocks[b.index + 1] : null));

    /// <summary>The <c>dotnet flowcover</c> commands of the page's <c>yaml</c> blocks, each from
    /// <c>dotnet flowcover</c> to the end of its line.</summary>
    public IEnumerable<(GuideBlock Block, string Command)> RecipeCommands() =>
        Blocks.Where(b => b.Language == "yaml")
            .SelectMany(b => b.Text.Split('\n')
                .Where(line => line.Contains("dotnet flowcover ", StringComparison.Ordinal))
                .Select(line => (b, line[line.IndexOf("dotnet flowcover ", StringComparison.Ordinal)..].Trim())));

    /// <summary>The lines of <paramref name="expected"/> (a <c>text</c> block) missing from
    /// <paramref name="output"/>: each must be within one output line, spaces collapsed; <c>...</c>
    /// stands for text left out, within a line or as a line of its own.</summary>
    public static IReadOnlyList<string> Missing(string expected, string output)
    {
        var outputLines = output.Split('\n').Select(Collapse).ToList();
        return expected.Split('\n')
            .Select(Collapse)
            .Where(line => line.Length > 0 && line != "...")
            .Where(line => !outputLines.Any(o => ContainsInOrder(o, line.Split("...", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))))
            .ToList();
    }

    private static bool ContainsInOrder(string line, string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = line.IndexOf(part, at, StringComparison.Ordinal);
            if (found < 0)
                return false;
            at = found + part.Length;
        }
        return true;
    }

    private static string Collapse(string line) => Spaces().Replace(line.Trim(), " ");

    [GeneratedRegex(@"^```(?<language>[A-Za-z0-9_-]*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!-- file: (?<path>\S+) -->\s*$")]
    private static partial Regex FileMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
