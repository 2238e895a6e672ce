namespace FlowCover.Testing;

/// <summary>
/// The last lines a child process wrote to stdout and stderr, in arrival order. Reading them all
/// the time also keeps the pipes drained, so a chatty app never blocks on a full pipe.
/// </summary>
internal sealed class OutputLog(int capacity = 400)
{
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        lock (_lines)
        {
            if (_lines.Count == capacity)
                _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_lines)
            return [.. _lines];
    }

    /// <summary>The last <paramref name="count"/> lines, indented, for an error message.</summary>
    public string Tail(int count = 40)
    {
        var lines = Lines();
        return lines.Count == 0
            ? "  (the process wrote nothing)"
            : string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - count)).Select(line => "  | " + line));
    }
}
