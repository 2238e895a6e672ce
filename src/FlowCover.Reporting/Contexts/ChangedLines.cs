using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowCover.Reporting.Contexts;

/// <summary>A file a diff changes.</summary>
/// <param name="OldPath">The file's path before the change, relative to the diff's root; null for a new file.</param>
/// <param name="NewPath">The path after it; null for a deleted file.</param>
/// <param name="OldLines">Old line numbers replaced, removed, or next to an insertion.</param>
public sealed record ChangedFile(string? OldPath, string? NewPath, IReadOnlySet<int> OldLines);

/// <summary>
/// The lines a unified diff (<c>git diff</c>, <c>diff -u</c>) changes, in terms of the old side:
/// the contexts were recorded on the old code, so its line numbers are the ones the model knows.
/// Lines added where none were removed touch the old lines on either side of where they go in.
/// </summary>
public static partial class ChangedLines
{
    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex Hunk();

    public static IReadOnlyList<ChangedFile> Parse(string diff)
    {
        var files = new List<ChangedFile>();
        string? oldPath = null, newPath = null;
        HashSet<int>? lines = null;
        int oldLeft = 0, newLeft = 0, oldLine = 0;
        var afterRemoval = false;
        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (oldLeft > 0 || newLeft > 0)
            {
                // Inside a hunk: its lines, counted, so a removed "-- x" is not a header. Context
                // lines are unchanged; an insertion that replaces nothing touches its neighbours.
                if (line.StartsWith('-'))
                {
                    lines!.Add(oldLine++);
                    oldLeft--;
                }
                else if (line.StartsWith('+'))
                {
                    if (!afterRemoval)
                    {
                        lines!.Add(oldLine - 1);
                        lines.Add(oldLine);
                    }
                    newLeft--;
                    continue;
                }
                else if (!line.StartsWith('\\'))
                {
                    oldLine++;
                    oldLeft--;
                    newLeft--;
                }
                if (!line.StartsWith('\\'))
                    afterRemoval = line.StartsWith('-');
                continue;
            }
            if (line.StartsWith("diff ", StringComparison.Ordinal))
                Flush();
            else if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                if (lines is not null && lines.Count > 0)
                    Flush(); // plain diff -u: no "diff" line between files
                oldPath = PathOf(line[4..]);
                lines ??= [];
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                newPath = PathOf(line[4..]);
                lines ??= [];
            }
            else if (line.StartsWith("rename from ", StringComparison.Ordinal))
            {
                oldPath = line["rename from ".Length..];
                lines ??= [];
            }
            else if (line.StartsWith("rename to ", StringComparison.Ordinal))
                newPath = line["rename to ".Length..];
            else if (lines is not null && Hunk().Match(line) is { Success: true } hunk)
            {
                var start = int.Parse(hunk.Groups[1].Value, CultureInfo.InvariantCulture);
                oldLeft = hunk.Groups[2].Success ? int.Parse(hunk.Groups[2].Value, CultureInfo.InvariantCulture) : 1;
                newLeft = hunk.Groups[4].Success ? int.Parse(hunk.Groups[4].Value, CultureInfo.InvariantCulture) : 1;
                // A hunk that removes nothing names the line its insertion follows.
                oldLine = oldLeft == 0 ? start + 1 : start;
                afterRemoval = false;
            }
        }
        Flush();
        return files;

        void Flush()
        {
            if (lines is not null && (oldPath is not null || newPath is not null))
                files.Add(new ChangedFile(oldPath, newPath, lines));
            oldPath = newPath = null;
            lines = null;
        }
    }

    /// <summary>A header's path without git's <c>a/</c>/<c>b/</c> prefix or a timestamp; null for /dev/null.</summary>
    private static string? PathOf(string header)
    {
        var path = header.Split('\t')[0];
        if (path == "/dev/null")
            return null;
        return path.StartsWith("a/", StringComparison.Ordinal) || path.StartsWith("b/", StringComparison.Ordinal) ? path[2..] : path;
    }
}
