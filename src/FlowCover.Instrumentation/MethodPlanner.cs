using System.Runtime.InteropServices;
using FlowCover.Data;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Filters;
using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Sharing;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// What to probe in one method body: the statements and decisions the filters leave
/// (<see cref="MethodAnalyzer"/>), limited to measured source files, then in set mode the
/// probes that can be shared (<see cref="ImpliedLineProbes"/>, <see cref="LoopEntryProbes"/>).
/// </summary>
internal sealed class MethodPlanner(InstrumentOptions options, IReadOnlyList<ICompilerPatternFilter> filters)
{
    private readonly MethodAnalyzer _analyzer = new(filters, options.SyntaxForEveryMethod);
    private readonly SourceFilter _sources = new(options);

    /// <summary>The plan of <paramref name="method"/>, null when nothing in it is measured.
    /// Runs on any thread: it reads the method and the module's shared caches, and writes
    /// nothing shared but what is decided about the method itself
    /// (<see cref="NonThrowingCode.DecideFrom"/>). <paramref name="code"/> is the body's
    /// instructions as planned.</summary>
    public MethodPlan? Plan(MethodDefinition method, SourceFiles sources, NonThrowingCode nonThrowing, out Instruction[] code)
    {
        var context = new MethodContext(method, sources);
        try
        {
            code = ImmutableCollectionsMarshal.AsArray(context.Instructions)!;
            nonThrowing.DecideFrom(context);
            return Plan(context, nonThrowing);
        }
        finally
        {
            context.Release();
        }
    }

    private MethodPlan? Plan(MethodContext context, NonThrowingCode nonThrowing)
    {
        var plan = WithBranchDocuments(context, _analyzer.Analyze(context));
        var measured = MeasuredPart(plan);
        if (measured.Lines.Count == 0)
            return null;
        var lines = measured.Lines;
        if (options.Mode != CoverageMode.Set || !options.ShareProbes)
            return WithSourcedLines(measured);
        var (impliedLines, impliedOutcomes) = ImpliedLineProbes.Find(context, measured, nonThrowing);
        return WithSourcedLines(measured with
        {
            LoopEntries = LoopEntryProbes.Find(context, lines.Select(l => l.At)),
            ImpliedLines = impliedLines,
            ImpliedOutcomes = impliedOutcomes,
        });
    }

    /// <summary>The statements the source adds without a probe of their own, appended to the
    /// plan's lines as implied by the statement or outcomes they are read from; after the sharing
    /// rules, which reason about probes where statements start and must not see these. One whose
    /// source is not in the plan (another file, or an outcome a filter turned into something
    /// else) is left out rather than given a probe in the wrong place.</summary>
    private MethodPlan WithSourcedLines(MethodPlan plan)
    {
        if (plan.SourcedLines.Count == 0)
            return plan;
        var lines = plan.Lines.ToList();
        var implied = new Dictionary<int, IReadOnlyList<ProbeSource>>(plan.ImpliedLines);
        var counts = options.Mode == CoverageMode.Count;
        Dictionary<int, List<EdgeRef>>? pastOwnCode = null; // Count mode: a site's ways past its own code, by index.
        foreach (var sourced in plan.SourcedLines)
        {
            if (!_sources.Includes(sourced.Document))
                continue;
            if (sourced.PastOwnCode)
            {
                if (sourced.From is not { } own || lines.FindIndex(l => l.At == own.At && l.Line == own.Line && l.Document == own.Document) is var site && site < 0
                    || !sourced.Edges.All(edge => IsOutcome(plan, edge) || edge.Branch.Operand is Instruction && !plan.Branches.Any(b => b.Value?.At == edge.Branch)))
                    continue;
                if (!counts && !sourced.Edges.All(edge => IsOutcome(plan, edge)))
                {
                    // Set mode, a block's own `br` or a branch no outcome probes alone among
                    // them, which has no probe to read: a probe of its own on those edges, beside
                    // its site's on the same line.
                    lines.Add(new LineSite(sourced.Edges[0].Branch, sourced.Line, sourced.Document) { Through = sourced.Edges, OnEdgesOnly = true });
                }
                else if (counts)
                {
                    // Its own counter on those edges too, beside the outcomes' probes: a line read
                    // from its site's probe and theirs would have no exact count.
                    pastOwnCode ??= [];
                    if (!pastOwnCode.TryGetValue(site, out var edges))
                        pastOwnCode[site] = edges = [];
                    edges.AddRange(sourced.Edges);
                }
                else
                {
                    // Set mode: read from the outcomes' probes, beside its site's on the same line.
                    implied[lines.Count] = sourced.Edges.Select(edge => new ProbeSource(null, edge)).ToList();
                    lines.Add(new LineSite(sourced.Edges[0].Branch, sourced.Line, sourced.Document));
                }
            }
            else if (sourced.Copy is { } copy)
            {
                if (sourced.From is { } original && lines.Contains(original))
                    lines.Add(new LineSite(copy, sourced.Line, sourced.Document) { CopyOf = original.At }); // The original's probe, there too.
            }
            else if (sourced.Through is { Count: > 0 } through)
            {
                // Each edge is an outcome's by itself (read from its probe) or no outcome's (given
                // a probe): a probe shared with other edges would count more than the statement.
                // Its probe goes on each edge, beside an outcome's; not on a value probe's branch,
                // whose edges that probe rewrites.
                if (through.Any(edge => plan.Branches.Any(b => b.Value?.At == edge.Branch)))
                    continue;
                lines.Add(sourced.FallInto is { } fall
                    ? new LineSite(fall, sourced.Line, sourced.Document, OnFallThrough: true) { Through = through }
                    : new LineSite(through[0].Branch, sourced.Line, sourced.Document) { Through = through, OnEdgesOnly = true });
            }
            else if (sourced.FallInto is { } into)
                lines.Add(new LineSite(into, sourced.Line, sourced.Document, OnFallThrough: true)); // A probe of its own, on that edge.
            else if (sourced.From is { } from)
            {
                var index = lines.IndexOf(from);
                if (index < 0)
                    continue;
                implied[lines.Count] = [new ProbeSource(index, null)];
                lines.Add(new LineSite(from.At, sourced.Line, sourced.Document));
            }
            else if (sourced.Edges.Count > 0 && sourced.Edges.All(edge => IsOutcome(plan, edge)))
            {
                // Each run takes one of the edges. In count mode a statement read from several
                // outcomes gets one counter on all of them instead: a line's count is its
                // statements' largest, and each statement's must be one counter's.
                if (counts && sourced.Edges.Count > 1)
                {
                    lines.Add(new LineSite(sourced.Edges[0].Branch, sourced.Line, sourced.Document) { Through = sourced.Edges, OnEdgesOnly = true });
                    continue;
                }
                implied[lines.Count] = sourced.Edges.Select(edge => new ProbeSource(null, edge)).ToList();
                lines.Add(new LineSite(sourced.Edges[0].Branch, sourced.Line, sourced.Document));
            }
            else if (sourced.Edges.Count == 0)
            {
                implied[lines.Count] = []; // Unreachable: read from no probe.
                lines.Add(new LineSite(lines[0].At, sourced.Line, sourced.Document));
            }
        }
        // After the loop: the sites are found by value above, and these change them.
        foreach (var (site, edges) in pastOwnCode ?? [])
            lines[site] = lines[site] with { Through = [.. lines[site].Through ?? [], .. edges] };
        return plan with { Lines = lines, ImpliedLines = implied };
    }

    /// <summary>Whether <paramref name="edge"/> is by itself an outcome the plan probes.</summary>
    private static bool IsOutcome(MethodPlan plan, EdgeRef edge) =>
        plan.Branches.Any(b => b.Value is null && b.Outcomes.Any(o => o.Edges is [var only] && only == edge));

    /// <summary>Each decision of a body whose statements lie in several files, under the file of
    /// the statement it belongs to (a constructor with initializers in two files of a partial
    /// class: the same line number means other code in each). A body in one file, nearly every
    /// one, is kept as it is.</summary>
    private static MethodPlan WithBranchDocuments(MethodContext context, MethodPlan plan)
    {
        if (plan.Lines.Count == 0)
            return plan;
        var first = plan.Lines[0].Document;
        var several = false;
        foreach (var line in plan.Lines)
            several |= line.Document != first;
        if (!several)
            return plan;
        var branches = new List<BranchSite>(plan.Branches.Count);
        foreach (var branch in plan.Branches)
        {
            var at = branch.Value?.At ?? (branch.Outcomes is [{ Edges: [var edge, ..] }, ..] ? edge.Branch : null);
            branches.Add(branch with { Document = at is null ? first : MethodAnalyzer.DocumentOf(context, at, first) });
        }
        return plan with { Branches = branches };
    }

    /// <summary>The plan's statements in measured files, and its decisions on their lines. A
    /// body's statements are nearly always in one file and its decisions on its statements'
    /// lines: the plan is then kept whole, without copying it (this runs for every body).</summary>
    private MethodPlan MeasuredPart(MethodPlan plan)
    {
        // By index here and in HasLine: a foreach through IReadOnlyList boxes an enumerator,
        // and HasLine runs once per decision.
        var whole = true;
        for (var l = 0; l < plan.Lines.Count; l++)
            whole &= _sources.Includes(plan.Lines[l].Document);
        var first = plan.Lines.Count > 0 ? plan.Lines[0].Document : "";
        for (var b = 0; b < plan.Branches.Count; b++)
            whole &= HasLine(plan.Lines, plan.Branches[b].Line, plan.Branches[b].DocumentIn(first));
        if (whole)
            return plan;
        var lines = plan.Lines.Where(l => _sources.Includes(l.Document)).ToList();
        var measuredLines = lines.Select(l => (l.Line, l.Document)).ToHashSet();
        return plan with { Lines = lines, Branches = plan.Branches.Where(b => measuredLines.Contains((b.Line, b.DocumentIn(first)))).ToList() };
    }

    private static bool HasLine(IReadOnlyList<LineSite> lines, int line, string document)
    {
        for (var l = 0; l < lines.Count; l++)
            if (lines[l].Line == line && lines[l].Document == document)
                return true;
        return false;
    }
}
