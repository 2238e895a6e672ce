using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// The source files named by the PDB, read once each. Filters consult the text where the IL
/// and sequence points cannot tell two idioms apart (a <c>}</c> from a one-character
/// expression, a <c>switch</c> dispatch from a chain of <c>||</c>). A missing file reads as
/// unknown and filters fall back to what the IL alone says.
/// </summary>
public sealed class SourceFiles
{
    private readonly Dictionary<string, string[]?> _files = [];

    /// <summary>The text of a line (1-based), or null when the file cannot be read.</summary>
    public string? Line(string path, int line)
    {
        if (!_files.TryGetValue(path, out var lines))
        {
            try
            {
                lines = File.Exists(path) ? File.ReadAllLines(path) : null;
            }
            catch (IOException)
            {
                lines = null;
            }
            _files[path] = lines;
        }
        return lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;
    }

    /// <summary>The character a sequence point starts at, or null when unknown.</summary>
    public char? FirstChar(SequencePoint point)
    {
        var text = Line(point.Document.Url, point.StartLine);
        return text is not null && point.StartColumn >= 1 && point.StartColumn <= text.Length ? text[point.StartColumn - 1] : null;
    }

    /// <summary>The text a sequence point covers (its lines joined), or null when unknown.</summary>
    public string? Text(SequencePoint point)
    {
        var lines = new List<string>();
        for (var line = point.StartLine; line <= point.EndLine; line++)
        {
            if (Line(point.Document.Url, line) is not { } text)
                return null;
            var start = line == point.StartLine ? Math.Min(point.StartColumn - 1, text.Length) : 0;
            var end = line == point.EndLine ? Math.Min(point.EndColumn - 1, text.Length) : text.Length;
            lines.Add(text[start..Math.Max(start, end)]);
        }
        return string.Join('\n', lines);
    }
}
