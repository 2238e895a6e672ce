using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace FlowCover.Instrumentation.Source;

/// <summary>
/// The syntax of one source file, as one tree or, for a large file, as parts parsed on their own
/// (<see cref="SourcePartition"/>): each part when a lookup first needs it, on the thread that
/// asks, or in order on the thread that read the file, so that bodies are planned while the rest
/// of the file parses, on any core. A part's tree is shifted to the file's positions (white space
/// before its first token, as long as the text before the part), so every node answers as the
/// whole file's tree would. A part that does not parse without errors (a cut the scan got wrong)
/// is answered by the whole file's tree, parsed then.
/// </summary>
internal sealed class SourceTrees
{
    /// <summary>Files shorter than this (in characters) are one tree: parts pay only where a
    /// parse is long enough for the planners to wait on it.</summary>
    public const int PartedFrom = 1 << 19;

    /// <summary>The least length of a part, where the cuts allow.</summary>
    public const int PartLength = 1 << 16;

    private readonly SourceText _text;
    private readonly CSharpParseOptions _options;
    private readonly IReadOnlyList<TextSpan> _spans;
    private readonly int[] _firstLines;
    private readonly Lazy<SourceTree?>[] _parts;
    private readonly int[] _claimed;
    private readonly Lazy<SourceTree> _whole;

    private SourceTrees(SourceText text, CSharpParseOptions options, IReadOnlyList<TextSpan> spans)
    {
        (_text, _options, _spans) = (text, options, spans);
        _firstLines = [.. spans.Select(s => text.Lines.GetLineFromPosition(s.Start).LineNumber)];
        _parts = [.. spans.Select(s => new Lazy<SourceTree?>(() => Parse(s)))];
        _claimed = new int[spans.Count];
        _whole = new(() => Whole(text, options));
        _pieces = spans.Count == 0 ? [] : [.. Enumerable.Range(0, PieceBits + 1).Select(bit => SyntaxFactory.Whitespace(new string(' ', 1 << bit)))];
    }

    /// <summary>The trees of <paramref name="text"/>: one parsed now, or parts to be parsed when
    /// it is at least <paramref name="partedFrom"/> characters long (<see cref="PartedFrom"/>).
    /// <paramref name="chars"/> is the text's characters, for the scan.</summary>
    public static SourceTrees Of(SourceText text, ReadOnlySpan<char> chars, CSharpParseOptions options, int partedFrom)
    {
        var spans = text.Length >= partedFrom ? SourcePartition.Of(chars, PartLength) : null;
        var trees = new SourceTrees(text, options, spans ?? []);
        if (spans is null)
            _ = trees._whole.Value;
        return trees;
    }

    /// <summary>Parts kept parsed behind the furthest one a lookup asked for, and parsed ahead of
    /// it in order: bodies are planned in about the order of their file, so a part is asked for
    /// while it is young, and let go after, as garbage the collector need not mark or move again.
    /// A part asked for after it was let go is parsed again, into the same tree.</summary>
    private const int Window = 4;

    private readonly object _gate = new();
    private int _furthest = -1;
    private int _releasedBelow;

    private bool _stopped;

    /// <summary>Parses the parts no lookup has started, in order, at most <see cref="Window"/>
    /// ahead of the furthest one asked for, until every part is parsed or <paramref name="stop"/>
    /// says the lookups are over. It waits for the lookups to move on however long they pause (a
    /// collection, a large body, a loaded machine): a part it leaves is parsed by the planner that
    /// asks for it first, while the other planner, on the next body of the same part, waits for
    /// it with its core idle.</summary>
    public void ParseInOrder(CancellationToken stop)
    {
        using var registration = stop.Register(Stop);
        for (var k = 0; k < _parts.Length; k++)
        {
            lock (_gate)
                while (k > _furthest + Window)
                {
                    if (_stopped)
                        return;
                    Monitor.Wait(_gate);
                }
            if (Interlocked.Exchange(ref _claimed[k], 1) == 0)
                _ = _parts[k].Value;
        }
    }

    /// <summary>The parts' spans in the file, for tests.</summary>
    internal IReadOnlyList<TextSpan> PartSpans => _spans;

    /// <summary>Whether part <paramref name="k"/> is parsed and kept, for tests.</summary>
    internal bool IsParsed(int k) => Volatile.Read(ref _parts[k]).IsValueCreated;

    private void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Notes that part <paramref name="k"/> is asked for, and lets go of the parts more
    /// than <see cref="Window"/> behind the furthest one.</summary>
    private void Reached(int k)
    {
        lock (_gate)
        {
            if (k <= _furthest)
                return;
            _furthest = k;
            for (; _releasedBelow < k - Window; _releasedBelow++)
                if (_parts[_releasedBelow].IsValueCreated)
                {
                    var span = _spans[_releasedBelow];
                    _parts[_releasedBelow] = new Lazy<SourceTree?>(() => Parse(span));
                }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>The tree holding <paramref name="position"/>: its part's, once parsed, or the whole file's.</summary>
    public SourceTree At(int position)
    {
        if (_parts.Length == 0 || position < _spans[0].Start || position >= _spans[^1].End)
            return _whole.Value;
        var line = _text.Lines.GetLineFromPosition(position).LineNumber;
        var k = Array.BinarySearch(_firstLines, line);
        if (k < 0)
            k = ~k - 1;
        if (!_spans[k].Contains(position))
            return _whole.Value;
        Volatile.Write(ref _claimed[k], 1);
        if (k > Volatile.Read(ref _furthest))
            Reached(k);
        return Volatile.Read(ref _parts[k]).Value ?? _whole.Value;
    }

    private SourceTree? Parse(TextSpan span)
    {
        var root = CSharpSyntaxTree.ParseText(_text.GetSubText(span), _options).GetRoot();
        if (root.ContainsDiagnostics)
            return null;
        var shifted = root.WithLeadingTrivia(Padding(span.Start).AddRange(root.GetLeadingTrivia()));
        var first = _text.Lines.GetLineFromPosition(span.Start).LineNumber;
        var last = _text.Lines.GetLineFromPosition(span.End - 1).LineNumber;
        return new SourceTree(shifted, MembersByLine(_text, shifted, first, last + 1), first);
    }

    private static SourceTree Whole(SourceText text, CSharpParseOptions options)
    {
        var root = CSharpSyntaxTree.ParseText(text, options).GetRoot();
        return new SourceTree(root, MembersByLine(text, root, 0, text.Lines.Count), 0);
    }

    /// <summary>White space <paramref name="length"/> characters long, in pieces of powers of two
    /// up to 32 K shared by every part: no string of the large object heap, none made per part.</summary>
    private SyntaxTriviaList Padding(int length)
    {
        var pieces = new List<SyntaxTrivia>((length >> PieceBits) + PieceBits + 1);
        for (; length >= 1 << PieceBits; length -= 1 << PieceBits)
            pieces.Add(Piece(PieceBits));
        for (var bit = PieceBits - 1; bit >= 0; bit--)
            if ((length & (1 << bit)) != 0)
                pieces.Add(Piece(bit));
        return SyntaxFactory.TriviaList(pieces);
    }

    private const int PieceBits = 15;

    // White space trivia 2^k characters long, made before any part is parsed.
    private readonly SyntaxTrivia[] _pieces;

    private SyntaxTrivia Piece(int bit) => _pieces[bit];

    /// <summary>For each line from <paramref name="first"/> up to <paramref name="end"/>, the
    /// innermost member declaration (a type, a method, a property...) whose full span holds the
    /// whole line, its line break included; null where there is none. One walk over the
    /// declarations, not into bodies.</summary>
    private static SyntaxNode?[] MembersByLine(SourceText text, SyntaxNode root, int first, int end)
    {
        var lines = text.Lines;
        var byLine = new SyntaxNode?[end - first];
        // Outer declarations come before the ones they hold, which then overwrite their lines.
        foreach (var node in root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or BaseTypeDeclarationSyntax))
        {
            if (node is not MemberDeclarationSyntax)
                continue;
            var span = node.FullSpan;
            var firstOfNode = lines.GetLineFromPosition(span.Start);
            var line = Math.Max(first, firstOfNode.Start == span.Start ? firstOfNode.LineNumber : firstOfNode.LineNumber + 1);
            for (; line < end && lines[line].EndIncludingLineBreak <= span.End; line++)
                byLine[line - first] = node;
        }
        return byLine;
    }
}

/// <summary>A tree of a source file (the whole file's or a part's, at the file's positions), and
/// for each of its lines from <paramref name="FirstLine"/> (0-based) the innermost member
/// declaration holding the whole line, where a lookup on that line starts.</summary>
internal sealed record SourceTree(SyntaxNode Root, SyntaxNode?[] Members, int FirstLine)
{
    /// <summary>The member around the 0-based <paramref name="line"/>, or null.</summary>
    public SyntaxNode? MemberOf(int line) =>
        line >= FirstLine && line - FirstLine < Members.Length ? Members[line - FirstLine] : null;
}
