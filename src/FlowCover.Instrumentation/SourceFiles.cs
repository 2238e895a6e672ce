using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// The source files named by the PDB, read once each. Filters consult the text where the IL
/// and sequence points cannot tell two idioms apart (a <c>}</c> from a one-character
/// expression, a <c>switch</c> dispatch from a chain of <c>||</c>). A missing file reads as
/// unknown and filters fall back to what the IL alone says. Safe to share between threads.
/// </summary>
public sealed class SourceFiles
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]?> _files = new(StringComparer.Ordinal);

    /// <summary>The text of a line (1-based), or null when the file cannot be read.</summary>
    public string? Line(string path, int line)
    {
        var lines = _files.GetOrAdd(path, Read);
        return lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    private static string[]? Read(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The character a sequence point starts at, or null when unknown.</summary>
    public char? FirstChar(SequencePoint point)
    {
        var text = Line(point.Document.Url, point.StartLine);
        return text is not null && point.StartColumn >= 1 && point.StartColumn <= text.Length ? text[point.StartColumn - 1] : null;
    }

    /// <summary>Whether the text a sequence point covers matches <paramref name="pattern"/> on
    /// one of its lines; false when unknown. Asked for every branch, so nothing is copied.</summary>
    public bool Matches(SequencePoint point, System.Text.RegularExpressions.Regex pattern)
    {
        for (var line = point.StartLine; line <= point.EndLine; line++)
        {
            if (Line(point.Document.Url, line) is not { } text)
                return false;
            var start = line == point.StartLine ? Math.Min(point.StartColumn - 1, text.Length) : 0;
            var end = line == point.EndLine ? Math.Min(point.EndColumn - 1, text.Length) : text.Length;
            if (pattern.IsMatch(text.AsSpan(start, Math.Max(0, end - start))))
                return true;
        }
        return false;
    }
}
