using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a <c>switch</c> section that is only <c>break;</c> (<c>case ':': case ' ': break;</c>)
/// compiles to nothing. IL read: the dispatch outcomes whose edges go straight past the switch.
/// </summary>
internal static class BreakOnlySections
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a line that is only <c>break;</c>
    /// after a line that ends a label (<c>case ...:</c>).</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) =>
        SyntaxLook.Code(text) is "break;" && line > look.First && look.Line(line - 1) is { } label && SyntaxLook.Code(label).EndsWith(':');

    /// <summary>The edges of the outcomes of the switch on <paramref name="switchLine"/> that go
    /// straight to <paramref name="target"/>, past the switch: for a section that is only
    /// <c>break;</c> (<see cref="PlainJump.SwitchLine"/>), the dispatch choosing it. With no
    /// <c>default</c>, no label matching goes there too: only the outcomes named by the section's
    /// labels are its (<paramref name="sectionLabels"/>). Empty when an outcome goes there by some
    /// of its edges only, or when one that goes there is neither.</summary>
    internal static List<EdgeRef> Choices(List<BranchSite> branches, int switchLine, Instruction target, IReadOnlyList<string> sectionLabels)
    {
        var edges = new List<EdgeRef>();
        foreach (var branch in branches)
        {
            if (branch.Line != switchLine || branch.Value is not null)
                continue;
            foreach (var outcome in branch.Outcomes)
            {
                var there = outcome.Edges.Count(e => e.Target == target);
                if (there == 0 || sectionLabels.Count > 0 && outcome.Label == SourceDocument.NoCaseMatched)
                    continue;
                if (there < outcome.Edges.Count || sectionLabels.Count > 0 && !sectionLabels.Contains(outcome.Label))
                    return [];
                edges.AddRange(outcome.Edges);
            }
        }
        return edges;
    }
}
