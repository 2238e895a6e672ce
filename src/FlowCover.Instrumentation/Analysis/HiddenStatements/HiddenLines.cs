using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// What the Release rules of <see cref="SourceStatements.AddHidden"/> share for one method: its
/// lines, outcomes and the statements placed so far (each rule sees those of the rules before
/// it), read against the syntax of the file of the body's first point (a constructor may have
/// points in another file of a partial class, which that syntax cannot speak about).
/// </summary>
internal sealed class HiddenLines
{
    public HiddenLines(MethodContext method, SourceDocument syntax, List<LineSite> lines, List<BranchSite> branches)
    {
        Method = method;
        Syntax = syntax;
        Lines = lines;
        Branches = branches;
        Anchor = method.SequencePoints.First(p => !p.Point.IsHidden).Point;
        Document = Anchor.Document.Url;
        // Found first: a site with copies is no longer reached only where its own code starts.
        Copies = CopiedReturns.Find(method, syntax, Document, lines);
    }

    public MethodContext Method { get; }

    public SourceDocument Syntax { get; }

    /// <summary>The lines with a probe of their own; a rule may add one.</summary>
    public List<LineSite> Lines { get; }

    /// <summary>The decisions; a rule may retarget an outcome's line.</summary>
    public List<BranchSite> Branches { get; }

    /// <summary>The statements placed without a probe of their own.</summary>
    public List<SourcedLine> Sourced { get; } = [];

    /// <summary>The body's first visible point, whose file <see cref="Syntax"/> is.</summary>
    public SequencePoint Anchor { get; }

    public string Document { get; }

    /// <summary>The <c>return</c>s Release copied into the statement before (<see cref="CopiedReturns"/>).</summary>
    public List<(Instruction Copy, LineSite Original)> Copies { get; }

    /// <summary>Whether the line of the file already is a line, with a probe or placed.</summary>
    public bool KnownIn(string file, int line) =>
        Lines.Any(l => l.Line == line && l.Document == file) || Sourced.Any(s => s.Line == line && s.Document == file);

    public bool Known(int line) => KnownIn(Document, line);

    /// <summary>Whether Release copied the site's code elsewhere too.</summary>
    public bool Copied(LineSite site) => Copies.Exists(c => c.Original == site);
}
