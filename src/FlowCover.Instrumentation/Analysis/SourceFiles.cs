using System.Collections.Concurrent;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The source files named by the PDB, read once each. Filters consult the text where the IL
/// and sequence points cannot tell two idioms apart (a <c>}</c> from a one-character
/// expression, a <c>switch</c> dispatch from a chain of <c>||</c>). A missing file reads as
/// unknown and filters fall back to what the IL alone says. Safe to share between threads.
/// </summary>
/// <param name="defines">The preprocessor symbols the files were compiled with
/// (<see cref="PdbFirstLook"/>), which their parse honours.</param>
public sealed class SourceFiles(IReadOnlyList<string>? defines = null) : IDisposable
{
    // Cancelled by Dispose: the threads parsing large files ahead of the lookups stop waiting
    // for them. Lookups after it still parse what they ask for.
    private readonly CancellationTokenSource _lookupsOver = new();

    /// <summary>Says the lookups are over: a large file's parts are no longer parsed ahead.</summary>
    public void Dispose() => _lookupsOver.Cancel();

    private readonly IReadOnlyList<string> _defines = defines ?? [];

    // Lazy, so a file two threads ask for at once is read once.
    private readonly ConcurrentDictionary<string, Lazy<string[]?>> _files = new(StringComparer.Ordinal);

    // By Cecil's document object too: filters ask for a line of nearly every statement, and
    // hashing the object is cheaper than hashing its path each time.
    private readonly ConcurrentDictionary<Document, string[]?> _byDocument = new(ReferenceEqualityComparer.Instance);

    // Parsed once per file: a file whose bodies are read (StartParsing) or that a method asks for.
    private readonly ConcurrentDictionary<string, Lazy<SourceDocument?>> _syntax = new(StringComparer.Ordinal);

    /// <summary>The syntax of <paramref name="document"/>, or null when the file is gone, has no
    /// checksum in the PDB, or is not the file that was compiled.</summary>
    public SourceDocument? SyntaxOf(Document document) =>
        _syntax.GetOrAdd(document.Url, static (_, state) => state.Files.Parsing(state.Document), (Files: this, Document: document)).Value;

    /// <summary>Starts parsing <paramref name="document"/> on a thread of its own, unless it is
    /// parsed or being parsed already: a large file takes as long to parse as a large assembly's
    /// bodies take to read, and every body of it waits for the syntax once it is asked for.
    /// <see cref="SyntaxOf"/> then waits for this parse rather than starting its own.</summary>
    public void StartParsing(Document document)
    {
        if (!_syntax.ContainsKey(document.Url))
            StartParsing(document.Url, Parsing(document));
    }

    /// <summary><see cref="StartParsing(Document)"/> for a file named before Cecil reads the PDB
    /// (<see cref="PdbFirstLook"/>): its path as the PDB names it, its checksum algorithm
    /// (<c>SHA1</c>, <c>SHA256</c>) and checksum.</summary>
    public void StartParsing(string path, string algorithm, byte[] hash)
    {
        if (!_syntax.ContainsKey(path))
            StartParsing(path, new Lazy<SourceDocument?>(() => hash.Length > 0 ? SourceDocument.Read(path, algorithm, hash, _defines) : null));
    }

    private void StartParsing(string path, Lazy<SourceDocument?> parsing)
    {
        if (_syntax.TryAdd(path, parsing))
            // A parse that throws leaves the exception in the Lazy, for the body that asks. A large
            // file's parts are then parsed in order, each unless a body asked for it first.
            _ = Task.Factory.StartNew(static state =>
                {
                    var (parsing, stop) = ((Lazy<SourceDocument?>, CancellationToken))state!;
                    parsing.Value?.ParseInOrder(stop);
                }, (parsing, _lookupsOver.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private Lazy<SourceDocument?> Parsing(Document document) => new(() =>
        AlgorithmOf(document.HashAlgorithm) is { } algorithm && document.Hash is { Length: > 0 } hash
            ? SourceDocument.Read(document.Url, algorithm, hash, _defines)
            : null);

    private static string? AlgorithmOf(DocumentHashAlgorithm algorithm) => algorithm switch
    {
        DocumentHashAlgorithm.MD5 => "MD5",
        DocumentHashAlgorithm.SHA1 => "SHA1",
        DocumentHashAlgorithm.SHA256 => "SHA256",
        _ => null,
    };

    /// <summary>The name <see cref="SourceDocument.Read(string, string, byte[], IReadOnlyList{string})"/>
    /// takes for a checksum algorithm a portable PDB names by its GUID; null for another.</summary>
    internal static string? AlgorithmOf(Guid algorithm) =>
        algorithm == Md5 ? "MD5" : algorithm == Sha1 ? "SHA1" : algorithm == Sha256 ? "SHA256" : null;

    private static readonly Guid Md5 = new("406ea660-64cf-4c82-b6f0-42d48172a799");
    private static readonly Guid Sha1 = new("ff1816ec-aa5e-4d10-87f7-6f4963833460");
    private static readonly Guid Sha256 = new("8829d00f-11b8-4213-878b-770e8597ac16");

    /// <summary>Whether <paramref name="point"/> starts inside the switch expression an arm at
    /// <paramref name="arm"/> belongs to; null unless that expression is the right operand of
    /// <c>&amp;&amp;</c>/<c>||</c> (<see cref="SourceDocument.SwitchExpressionAfterOperand"/>).</summary>
    public bool? InSwitchExpressionAfterOperand(SequencePoint arm, SequencePoint point) =>
        SyntaxOf(arm.Document)?.SwitchExpressionAfterOperand(arm.StartLine, arm.StartColumn) is not { } span ? null
            : point.Document.Url == arm.Document.Url
              && (point.StartLine, point.StartColumn).CompareTo((span.StartLine, span.StartColumn)) >= 0
              && (point.StartLine, point.StartColumn).CompareTo((span.EndLine, span.EndColumn)) < 0;

    /// <summary>The first line of the body (method, accessor, local function, lambda) the point is
    /// in, by the parsed source; null when the file is not parsed (<see cref="SourceDocument.BodyStartLine"/>).</summary>
    public int? BodyStartLine(SequencePoint point) => SyntaxOf(point.Document)?.BodyStartLine(point.StartLine, point.StartColumn);

    /// <summary>For a statement that is one <c>?:</c> with arms 1 and 0 (or <c>true</c> and
    /// <c>false</c>), kept whole, whether its arms are the other way round; null for any other
    /// statement or without the source (<see cref="SourceDocument.ConstantArmsConditional"/>).</summary>
    public bool? ConstantArmsConditional(SequencePoint point) => SyntaxOf(point.Document)?.ConstantArmsConditional(point.StartLine, point.StartColumn);

    /// <summary>For a statement whose one decision is a <c>?:</c> with arms 1 and 0, the right
    /// operand of a <c>+</c> or <c>-</c>, whether its arms are the other way round; null for any
    /// other statement or without the source (<see cref="SourceDocument.ConstantArmsOperand"/>).</summary>
    public bool? ConstantArmsOperand(SequencePoint point) => SyntaxOf(point.Document)?.ConstantArmsOperand(point.StartLine, point.StartColumn);

    /// <summary>Whether the statement holds an interpolated string of one hole and no <c>??</c> of
    /// its own; false without the source (<see cref="SourceDocument.HoldsOneHoleInterpolationOnly"/>).</summary>
    public bool HoldsOneHoleInterpolationOnly(SequencePoint point) =>
        SyntaxOf(point.Document)?.HoldsOneHoleInterpolationOnly(point.StartLine, point.StartColumn, point.EndLine, point.EndColumn) ?? false;

    /// <summary>The text of a line (1-based), or null when the file cannot be read.</summary>
    public string? Line(string path, int line) => LineOf(LinesOf(path), line);

    private string? Line(Document document, int line) =>
        LineOf(_byDocument.TryGetValue(document, out var lines) ? lines : _byDocument.GetOrAdd(document, LinesOf(document.Url)), line);

    private static string? LineOf(string[]? lines, int line) =>
        lines is not null && line >= 1 && line <= lines.Length ? lines[line - 1] : null;

    private string[]? LinesOf(string path) =>
        _files.GetOrAdd(path, static path => new Lazy<string[]?>(() => Read(path))).Value;

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
        var text = Line(point.Document, point.StartLine);
        return text is not null && point.StartColumn >= 1 && point.StartColumn <= text.Length ? text[point.StartColumn - 1] : null;
    }

    /// <summary>Whether the text a sequence point covers matches <paramref name="pattern"/> on
    /// one of its lines; false when unknown. Asked for every branch, so nothing is copied.</summary>
    public bool Matches(SequencePoint point, System.Text.RegularExpressions.Regex pattern)
    {
        for (var line = point.StartLine; line <= point.EndLine; line++)
        {
            if (Line(point.Document, line) is not { } text)
                return false;
            var start = line == point.StartLine ? Math.Min(point.StartColumn - 1, text.Length) : 0;
            var end = line == point.EndLine ? Math.Min(point.EndColumn - 1, text.Length) : text.Length;
            if (pattern.IsMatch(text.AsSpan(start, Math.Max(0, end - start))))
                return true;
        }
        return false;
    }
}
