using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: a jump with its own <c>br</c> right after an <c>if</c> that holds no jump of its own
/// (<c>if (a) { n++; } else { n--; } break;</c>), or a loop whose only jumps are its own
/// <c>break;</c>s and <c>continue;</c>s (the shape is <see cref="SourceDocument.JumpsAfterIf"/>).
/// IL read: the branches of the <c>if</c>'s code (its conditions', its blocks' ending <c>br</c>s;
/// a loop's condition and inner <c>break;</c>s) that Release sends straight to the jump's target,
/// past its <c>br</c>; each is one more run of the jump (<see cref="SourcedLine.PastOwnCode"/>,
/// counted by <c>MethodPlanner</c>). The whole rule: the source shape, this, and that count.
/// </summary>
internal static class JumpAfterIfLines
{
    /// <summary>The cheap look (<see cref="SyntaxNeed"/>): a <c>break</c> after a block, over a
    /// brace at most; or a <c>break;</c> right after a loop (<c>} while (c);</c>, or a loop of one
    /// statement), where Release sends the loop's way out straight to the <c>break;</c>'s target;
    /// or right after an <c>if</c> of one statement (<c>if (b) t += 5;</c>), which the test's
    /// branch skips to that target.</summary>
    public static bool MayApplyAt(SyntaxLook look, int line, string text) =>
        look.BreakAfter(line, text, "}")
        || SyntaxLook.Code(text) is "break;" && (AfterLoop(look.CodeOf(line - 1)) || AfterLoop(look.CodeOf(line - 2)) || AfterIf(look.CodeOf(line - 2)));

    /// <summary>Whether the code is an <c>if</c>'s header (or an <c>else</c>'s).</summary>
    private static bool AfterIf(ReadOnlySpan<char> code) =>
        code.StartsWith("if (") || code.StartsWith("else if (") || code is "else";

    /// <summary>Whether the code is a loop's header or a <c>do</c> loop's end.</summary>
    private static bool AfterLoop(ReadOnlySpan<char> code) =>
        code.StartsWith("while (") || code.StartsWith("} while (") || code.StartsWith("for (");

    /// <summary>A jump after <c>if (c) { ... }</c> (or <c>... else { ... }</c>) keeps its own
    /// code, but Release sends the <c>if</c>'s ways that complete it straight to the jump's target,
    /// past that code: the jump also ran when one of those was taken. Only where each is a branch
    /// of the <c>if</c>'s own code or a block's end, a <c>br</c> of its own.</summary>
    public static void Add(HiddenLines hidden)
    {
        var (method, syntax, anchor, document, lines, branches, sourced) = (hidden.Method, hidden.Syntax, hidden.Anchor, hidden.Document, hidden.Lines, hidden.Branches, hidden.Sourced);
        foreach (var (jumpLine, ifLine, ifColumn, ifEndLine, loop) in syntax.JumpsAfterIf(anchor.StartLine, anchor.StartColumn))
        {
            var (skipping, own, leaves) = SkippingOutcomes(method, document, lines, branches, jumpLine, ifLine, ifColumn, ifEndLine, loop);
            if (own is null)
                continue;
            if (leaves)
            {
                JumpsPastFinally.LeaveOut(hidden, own);
                continue;
            }
            // A loop's inner `break;` that the threaded-jump rules already count for this jump.
            var counted = sourced.Where(s => s.PastOwnCode && s.Line == jumpLine && s.Document == document).SelectMany(s => s.Edges).ToHashSet();
            if (skipping.Where(edge => !counted.Contains(edge)).ToList() is { Count: > 0 } more)
                sourced.Add(new SourcedLine(jumpLine, document, own, more) { PastOwnCode = true });
        }
    }

    /// <summary>The edges by which the <c>if</c> (or loop, <paramref name="loop"/>) starting at (<paramref name="ifLine"/>,
    /// <paramref name="ifColumn"/>) goes straight to the target of the jump on
    /// <paramref name="jumpLine"/>, which has its own <c>br</c> (or <c>leave</c>, out of a <c>try</c>): its outcomes, and the <c>br</c>s
    /// that end its blocks (each run of one is the block completing into the jump), and its other
    /// conditional branches there (each the <c>if</c> completing: it holds no jump); empty when
    /// none does; with the jump's own site, and whether a <c>try</c>'s <c>leave</c> goes there
    /// too (<see cref="JumpsPastFinally"/>: then no count of the jump is exact). A jump whose code is a <c>ret</c> (one that leaves an
    /// iterator's <c>finally</c>, which Release compiles to a method of its own) goes to the
    /// method's end: its target is then any <c>ret</c>. Empty when a <c>switch</c> or a value
    /// probe's branch goes there (then the jump keeps its own probe only), but where the value is
    /// read before a test's branch that leaves its edges as they are (<see cref="ProbedValueTests"/>).</summary>
    private static (List<EdgeRef> Outcomes, LineSite? Jump, bool Leaves) SkippingOutcomes(MethodContext method, string document, List<LineSite> lines, List<BranchSite> branches, int jumpLine, int ifLine, int ifColumn, int ifEndLine, bool loop)
    {
        var jumps = lines.Where(l => l.Line == jumpLine && l.Document == document).ToList();
        // An `if`'s code starts at its own point; a loop's where its first point in the build is
        // (a `do` has none of its own in Release, a `while` may begin with a jump to its condition).
        var start = loop
            ? lines.Where(l => l.Document == document && method.PointAt(l.At) is { IsHidden: false } p && p.StartLine >= ifLine && p.StartLine <= ifEndLine)
                .MinBy(l => method.IndexOf(l.At))
            : lines.FirstOrDefault(l => l.Document == document && method.PointAt(l.At) is { IsHidden: false } p && p.StartLine == ifLine && p.StartColumn == ifColumn);
        if (jumps is not [{ At: { OpCode.Code: Code.Br or Code.Br_S or Code.Leave or Code.Leave_S or Code.Ret } jump } site] || start is null || method.IndexOf(start.At) >= method.IndexOf(jump))
            return ([], null, false);
        bool IsTarget(Instruction? to) => jump.OpCode.Code switch
        {
            Code.Ret => to is { OpCode.Code: Code.Ret } && to != jump,
            // A jump out of a `try`: Release threads a way out of the loop to another `leave` of
            // the same place (the `try` block's closing one), which is that way's end too.
            Code.Leave or Code.Leave_S => to == jump.Operand || to is { } other && other != jump && JumpsPastFinally.LeavesTo(other, at => at == jump.Operand),
            _ => to == jump.Operand,
        };
        var outcomes = new List<EdgeRef>();
        var leaves = false;
        for (var i = method.IndexOf(start.At); i < method.IndexOf(jump); i++)
        {
            var instruction = method.Instructions[i];
            if (method.PointAt(instruction) is { IsHidden: false } point && (point.StartLine < ifLine || point.StartLine > ifEndLine || point.Document.Url != document))
                return ([], null, false); // Code of another statement between them: not the `if`'s own.
            if (JumpsPastFinally.LeavesTo(instruction, IsTarget))
            {
                leaves = true;
                continue;
            }
            if (!IsTarget(instruction.Operand as Instruction) && !(instruction.Operand is Instruction[] table && table.Any(IsTarget)))
                continue;
            var edge = new EdgeRef(instruction, 1);
            if (instruction.OpCode.Code is Code.Br or Code.Br_S)
            {
                outcomes.Add(edge);
                continue;
            }
            // A conditional branch of the `if`'s own code: an outcome by itself, or one no outcome
            // probes alone (the `if`'s test of a `switch` expression's value, a pattern's type
            // test sharing an outcome with its property test), given a counter of its own. Not a
            // value probe's, whose edges that probe may rewrite, unless it reads the value before
            // a test's branch whose edge this is.
            if (instruction.Operand is not Instruction || !BranchShapes.IsDecisionOpCode(instruction.OpCode)
                || branches.Any(b => b.Value?.At == instruction) && !ProbedValueTests.CountsOnEdge(branches, edge))
                return ([], null, false);
            outcomes.Add(edge);
        }
        return (outcomes, site, leaves);
    }
}
