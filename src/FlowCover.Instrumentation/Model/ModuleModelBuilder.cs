using System.Runtime.InteropServices;
using FlowCover.Data;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Probes;
using Mono.Cecil;

namespace FlowCover.Instrumentation.Model;

/// <summary>A body's probes in the module's numbering, as the model records them, by source file:
/// all that is kept of a body once its probes are written.</summary>
internal sealed record NumberedBody(MethodDefinition Body, int FirstLine, IReadOnlyList<BodyPart> Parts);

/// <summary>
/// Numbers the probes of a module and records what each one means. Bodies that belong to the
/// same user method (a kickoff and its MoveNext) merge into one <see cref="MethodModel"/>.
/// Each body's probes are numbered by themselves first (<see cref="BodyProbes"/>); this takes
/// them in order and moves them to the module's numbering.
/// <para>
/// Each type's counters start on a block of their own: <see cref="CounterBlock"/> bytes, a pair
/// of cache lines (what a core fetches together), after the hit file's header of the same size.
/// Threads running code of different types then never store into one cache line: packed
/// counters made test classes running at once on two cores take a line from each other. The
/// numbers skipped are never probed and cost a zero each in the data file.
/// </para>
/// </summary>
internal sealed class ModuleModelBuilder(string key, string assemblyName, string contentHash, CoverageMode mode)
{
    /// <summary>Bytes in a block of counters; also the hit file's header size.</summary>
    public const int CounterBlock = 128;

    private readonly List<string> _documents = [];
    // A large assembly has a thousand source files: found by hash, not by scanning the list.
    private readonly Dictionary<string, int> _documentIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceChecksum?> _checksums = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Name, int Document), (List<LineProbe> Lines, List<BranchPoint> Branches)> _methods = [];
    private readonly CopiedStatements _copies = new(mode);
    private readonly int _probesPerBlock = CounterBlock / mode.CounterBytes();
    private TypeDefinition? _type;
    private int _probes;

    /// <summary>Moves the next body's probes to the module's numbering, which the probes then
    /// carry into the IL. Bodies come in metadata order, so the same build is numbered the same
    /// every run; <see cref="Add"/> records them in the model later.</summary>
    public NumberedBody Number(MethodDefinition body, BodyProbes probes)
    {
        if (body.DeclaringType != _type)
        {
            _type = body.DeclaringType;
            _probes = (_probes + _probesPerBlock - 1) / _probesPerBlock * _probesPerBlock;
        }
        var model = probes.Shift(_probes);
        _probes += probes.Count;
        foreach (var part in model.Parts)
            if (!_checksums.ContainsKey(part.Document))
                _checksums[part.Document] = SourceChecksums.Of(body, part.Document);
        return new NumberedBody(body, probes.FirstLine, model.Parts);
    }

    /// <summary>Records a numbered body under the user's method it belongs to, once per source
    /// file it has lines in: the method appears in each file with the lines it has there.</summary>
    public void Add(NumberedBody numbered, ReleasedBodies released, LambdaAnchors anchors)
    {
        var body = numbered.Body;
        var method = released.KickoffOf(body);
        var name = SourceNames.MethodDisplayName(method, () => anchors.PlaceOf(body, numbered.FirstLine));
        var type = SourceNames.TypeFullName(SourceNames.UserType(method.DeclaringType));
        foreach (var part in numbered.Parts)
        {
            if (part.Lines.Count == 0 && part.Branches.Count == 0)
                continue;
            var document = DocumentIndex(part.Document);
            if (!_methods.TryGetValue((type, name, document), out var entry))
                _methods[(type, name, document)] = entry = ([], []);
            _copies.Add(body, (type, name, document), part, entry.Lines, entry.Branches);
        }
    }

    /// <summary>The model, methods in document and line order (then by name, then in the order
    /// they were added). Each method's lines and decisions are put in order on every core.</summary>
    public ModuleModel Build()
    {
        var entries = _methods.ToArray();
        var methods = new MethodModel[entries.Length];
        MethodWork.ForEach(entries.Length, i =>
        {
            var ((type, name, document), (lines, branches)) = entries[i];
            var merged = MergeLines(lines);
            var ordered = InLineOrder(branches, static b => b.Line);
            methods[i] = new MethodModel(type, name, document, merged.Count > 0 ? merged[0].Line : ordered[0].Line, merged, ordered);
        });
        var order = Enumerable.Range(0, methods.Length).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var (x, y) = (methods[a], methods[b]);
            var byPlace = x.Document != y.Document ? x.Document.CompareTo(y.Document) : x.FirstLine.CompareTo(y.FirstLine);
            var byName = byPlace != 0 ? byPlace : string.CompareOrdinal(x.Name, y.Name);
            return byName != 0 ? byName : a.CompareTo(b);
        });
        return new ModuleModel(key, assemblyName, contentHash, _probes, _documents, order.Select(i => methods[i]).ToList(),
            _documents.Select(d => _checksums.GetValueOrDefault(d)).ToList());
    }

    /// <summary>One entry per line in line order, with the probes of every statement on it
    /// (first seen first, each once); a line with one statement keeps its entry. Most methods
    /// have one statement per line, in order: their list is kept as it is, not copied.</summary>
    private static List<LineProbe> MergeLines(List<LineProbe> lines)
    {
        var ordered = InLineOrder(lines, static l => l.Line);
        var distinct = true;
        for (var k = 1; k < ordered.Count && distinct; k++)
            distinct = ordered[k].Line != ordered[k - 1].Line;
        if (distinct)
            return ordered;
        var merged = new List<LineProbe>(ordered.Count);
        for (var start = 0; start < ordered.Count;)
        {
            var end = start + 1;
            while (end < ordered.Count && ordered[end].Line == ordered[start].Line)
                end++;
            merged.Add(end - start == 1 ? ordered[start] : new LineProbe(ordered[start].Line, ProbeList.Create(CollectionsMarshal.AsSpan(ProbesOf(ordered, start, end)))));
            start = end;
        }
        return merged;
    }

    /// <summary><paramref name="items"/> by line, stably (first seen stays first); the list
    /// itself when it is in line order already, as it nearly always is.</summary>
    private static List<T> InLineOrder<T>(List<T> items, Func<T, int> lineOf)
    {
        for (var k = 1; k < items.Count; k++)
            if (lineOf(items[k]) < lineOf(items[k - 1]))
                return items.OrderBy(lineOf).ToList();
        return items;
    }

    /// <summary>The probes of <c>lines[start..end]</c>, first seen first, each once.</summary>
    private static List<int> ProbesOf(List<LineProbe> lines, int start, int end)
    {
        var probes = new List<int>();
        var seen = new HashSet<int>();
        for (var k = start; k < end; k++)
        {
            var own = lines[k].Probes;
            for (var j = 0; j < own.Count; j++)
                if (seen.Add(own[j]))
                    probes.Add(own[j]);
        }
        return probes;
    }

    private int DocumentIndex(string path)
    {
        if (_documentIndex.TryGetValue(path, out var index))
            return index;
        _documents.Add(path);
        return _documentIndex[path] = _documents.Count - 1;
    }
}
