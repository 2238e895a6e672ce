namespace FlowCover.Instrumentation;

/// <summary>Which source files are measured: under the source root (or matching
/// <c>--source</c>), and not matching <c>--omit</c>.</summary>
internal sealed class SourceFilter(InstrumentOptions options)
{
    private readonly string _root = Path.GetFullPath(options.SourceRoot);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _decided = new(StringComparer.Ordinal);

    /// <summary>Decided once per document: every statement of a file asks the same question
    /// (a static lambda with the filter as its argument: a method group would make a new
    /// delegate at every call).</summary>
    public bool Includes(string documentPath) => _decided.GetOrAdd(documentPath, static (path, filter) => filter.Decide(path), this);

    private bool Decide(string documentPath)
    {
        var relative = Path.GetRelativePath(_root, documentPath).Replace('\\', '/');
        var underRoot = !relative.StartsWith("../", StringComparison.Ordinal) && relative != ".." && !Path.IsPathRooted(relative);
        var selected = options.Sources.Count == 0
            ? underRoot
            : Glob.AnyMatch(options.Sources, relative) || Glob.AnyMatch(options.Sources, documentPath);
        return selected && !Glob.AnyMatch(options.Omit, relative) && !Glob.AnyMatch(options.Omit, documentPath);
    }
}
