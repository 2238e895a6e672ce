using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Where the source model (<see cref="SourceDocument"/>) corrects the statements the sequence
/// points give: points that are no statement (a label, a constructor's signature) are dropped,
/// and statements without a point are added where the IL can tell honestly when they run: a
/// catch clause when its handler starts, a <c>lock</c> on <see cref="System.Threading.Lock"/>
/// when it takes the lock, a jump Release folded into an <c>if</c>'s branch when that branch goes
/// its way, a statement with no code when the statement after it starts, a <c>return</c> Release
/// copied into the statement before at each copy too (<see cref="CopiedReturns"/>). Without the source (gone,
/// or not the file compiled) nothing changes. The file is parsed only for a method whose IL or
/// text shows one of these shapes.
/// </summary>
internal static class SourceStatements
{
    /// <summary>The syntax of the method's file, when the method may have a statement it corrects.</summary>
    public static SourceDocument? SyntaxFor(MethodContext method)
    {
        var points = method.SequencePoints;
        Document? document = null;
        int first = int.MaxValue, last = 0;
        foreach (var (_, point) in points)
        {
            if (point.IsHidden)
                continue;
            document ??= point.Document;
            first = Math.Min(first, point.StartLine);
            last = Math.Max(last, point.EndLine);
        }
        return document is not null && MayNeedSyntax(method, document.Url, first, last) ? method.Sources.SyntaxOf(document) : null;
    }

    /// <summary>
    /// Gives a record struct's primary constructor the sequence point it lacks, where the source
    /// declares it: Roslyn emits none for it at all (a record class's has one, for its base call),
    /// yet it is a line by the contract, run whenever an instance is made. The declaration is
    /// found from a positional property's accessor, whose point lies on its parameter
    /// (<c>int X</c>), and checked against the constructor's parameter names. True when the point
    /// was given; any other method is left as it is.
    /// </summary>
    public static bool GivePrimaryConstructorPoint(MethodDefinition method, SourceFiles sources)
    {
        if (!method.IsConstructor || method.IsStatic || !method.HasParameters || !method.DeclaringType.IsValueType
            || !method.HasBody || method.Body.Instructions.Count == 0 || method.DebugInformation.HasSequencePoints)
            return false;
        var names = method.Parameters.Select(p => p.Name).ToList();
        var accessor = method.DeclaringType.Properties.FirstOrDefault(p => p.Name == names[0])?.GetMethod;
        if (accessor is not { HasBody: true } || accessor.DebugInformation.SequencePoints.FirstOrDefault(p => !p.IsHidden) is not { } parameter
            || sources.SyntaxOf(parameter.Document)?.PrimaryConstructor(parameter.StartLine, parameter.StartColumn, names) is not { } span)
            return false;
        method.DebugInformation.SequencePoints.Add(new SequencePoint(method.Body.Instructions[0], parameter.Document)
        {
            StartLine = span.StartLine,
            StartColumn = span.StartColumn,
            EndLine = span.EndLine,
            EndColumn = span.EndColumn,
        });
        return true;
    }

    /// <summary>
    /// Gives the header of a <c>switch</c> on a local or parameter (<c>switch (c)</c>) the point
    /// Release leaves out: its dispatch (a load of the value, then a jump table or compares) has a
    /// hidden point only, right before the first section's first statement. The dispatch is the
    /// switch's own code, so it runs exactly when the switch statement does, and its decision then
    /// belongs to the header's line rather than to the statement before. On a nullable value the
    /// switch's code starts one hidden point earlier, at its <c>HasValue</c> test, whose false edge
    /// goes where no label matched; the header's point goes there. Where the header has a point of
    /// its own (Debug), nothing is given: a second point after the <c>HasValue</c> test would cut the
    /// dispatch in two. True: the method keeps its points.
    /// </summary>
    public static bool GiveSwitchPoints(MethodDefinition method, SourceFiles sources)
    {
        var points = method.DebugInformation.SequencePoints;
        var instructions = method.Body.Instructions;
        var at = 0; // Points and instructions both run in offset order: one walk over each.
        SequencePoint? lastVisible = null;
        for (var i = 0; i + 1 < points.Count; i++)
        {
            if (!points[i].IsHidden)
                lastVisible = points[i];
            if (!points[i].IsHidden || points[i + 1].IsHidden)
                continue;
            while (at < instructions.Count && instructions[at].Offset < points[i].Offset)
                at++;
            if (at == instructions.Count || instructions[at].Offset != points[i].Offset || !IsDispatch(instructions, at)
                || sources.SyntaxOf(points[i + 1].Document)?.SwitchHeaderBefore(points[i + 1].StartLine, points[i + 1].StartColumn) is not { } header
                || lastVisible is not null && lastVisible.StartLine == header.StartLine && lastVisible.StartColumn == header.StartColumn)
                continue;
            var given = i;
            var start = instructions[at];
            if (i > 0 && points[i - 1].IsHidden && NullableTestBefore(instructions, at, points[i - 1].Offset) is { } hasValueTest)
                (given, start) = (i - 1, hasValueTest);
            points[given] = new SequencePoint(start, points[i + 1].Document)
            {
                StartLine = header.StartLine,
                StartColumn = header.StartColumn,
                EndLine = header.EndLine,
                EndColumn = header.EndColumn,
            };
        }
        return true;
    }

    /// <summary>The start of a nullable switch value's <c>HasValue</c> test, where the hidden
    /// point at <paramref name="offset"/> begins (<c>ldarga v; call get_HasValue; brfalse NONE;
    /// ldarga v; call GetValueOrDefault; stloc x</c>) and falls straight into the dispatch at
    /// <paramref name="dispatch"/>; null for any other code.</summary>
    private static Instruction? NullableTestBefore(Mono.Collections.Generic.Collection<Instruction> instructions, int dispatch, int offset)
    {
        var first = dispatch;
        while (first > 0 && instructions[first - 1].Offset >= offset)
            first--;
        if (first + 3 > dispatch || instructions[first].Offset != offset
            || instructions[first].OpCode.Code is not (Code.Ldarga or Code.Ldarga_S or Code.Ldloca or Code.Ldloca_S)
            || instructions[first + 1].Operand is not MethodReference { Name: "get_HasValue", DeclaringType.Name: "Nullable`1" }
            || instructions[first + 2].OpCode.Code is not (Code.Brfalse or Code.Brfalse_S))
            return null;
        for (var k = first + 3; k < dispatch; k++)
            if (!BranchShapes.FallsThrough(instructions[k].OpCode) || instructions[k].OpCode.FlowControl == FlowControl.Cond_Branch)
                return null;
        return instructions[first];
    }

    /// <summary>Whether the instruction at <paramref name="index"/> starts a dispatch on a local or
    /// parameter: a load, then constants and arithmetic up to a <c>switch</c> or a conditional jump.</summary>
    private static bool IsDispatch(Mono.Collections.Generic.Collection<Instruction> instructions, int index)
    {
        var first = instructions[index];
        if (LocalSlots.Loaded(first) is null && first.OpCode.Code is not (Code.Ldarg or Code.Ldarg_S or Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3))
            return false;
        for (var i = index + 1; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            if (instruction.OpCode.Code == Code.Switch || instruction.OpCode.FlowControl == FlowControl.Cond_Branch)
                return true;
            if (instruction.OpCode.Code is not (Code.Ldc_I4 or Code.Ldc_I4_S or Code.Ldc_I4_0 or Code.Ldc_I4_1 or Code.Ldc_I4_2 or Code.Ldc_I4_3
                or Code.Ldc_I4_4 or Code.Ldc_I4_5 or Code.Ldc_I4_6 or Code.Ldc_I4_7 or Code.Ldc_I4_8 or Code.Ldc_I4_M1 or Code.Sub or Code.Conv_I4 or Code.Conv_U4))
                return false;
        }
        return false;
    }

    /// <summary>Drops the lines whose point is not a statement by the source: each by the
    /// syntax of its own file (<paramref name="syntax"/> is the body's first; a constructor may
    /// have points in another file of a partial class, parsed then only when its checksum is the
    /// PDB's too).</summary>
    public static void DropNonStatements(MethodContext method, SourceDocument syntax, List<LineSite> lines)
    {
        var first = method.SequencePoints.First(p => !p.Point.IsHidden).Point.Document.Url;
        lines.RemoveAll(site => method.PointAt(site.At) is { IsHidden: false } point
            && point.StartLine == site.Line
            && (point.Document.Url == first ? syntax : method.Sources.SyntaxOf(point.Document)) is { } own
            && (own.IsLabel(point.StartLine, point.StartColumn) || own.IsConstructorSignature(point.StartLine, point.StartColumn)
                || own.IsEmptyStatement(point.StartLine, point.StartColumn)));
    }

    /// <summary>Adds the statements the PDB does not show: with a probe of their own in
    /// <paramref name="lines"/>, or read from another statement's or an outcome's probe (the
    /// returned list).</summary>
    public static List<SourcedLine> AddHidden(MethodContext method, SourceDocument syntax, List<LineSite> lines, List<BranchSite> branches)
    {
        var sourced = new List<SourcedLine>();
        if (lines.Count == 0)
            return sourced;
        // The syntax is of the file of the body's first point; a constructor may have points in
        // another file of a partial class, which it cannot speak about.
        var anchor = method.SequencePoints.First(p => !p.Point.IsHidden).Point;
        var document = anchor.Document.Url;
        bool KnownIn(string file, int line) => lines.Any(l => l.Line == line && l.Document == file) || sourced.Any(s => s.Line == line && s.Document == file);
        bool Known(int line) => KnownIn(document, line);
        // Found first: a site with copies is no longer reached only where its own code starts.
        var copies = CopiedReturns.Find(method, syntax, document, lines);
        bool Copied(LineSite site) => copies.Exists(c => c.Original == site);

        foreach (var handler in method.Method.Body.ExceptionHandlers)
        {
            if (handler.HandlerType != ExceptionHandlerType.Catch || ClauseOf(method, syntax, handler, document) is not { } clause
                || (clause.TypeName ?? "Object") != SimpleName(handler.CatchType) || Known(clause.Line))
                continue;
            // The clause runs exactly when its handler starts.
            if (lines.FirstOrDefault(l => l.At == handler.HandlerStart) is { } atStart)
                sourced.Add(new SourcedLine(clause.Line, document, atStart, []));
            else
                lines.Add(new LineSite(handler.HandlerStart, clause.Line, document));
        }

        foreach (var instruction in method.Instructions)
        {
            if (instruction.Operand is not MethodReference { Name: "EnterScope", DeclaringType.FullName: "System.Threading.Lock" }
                || FirstPoint(method, instruction.Next, null) is not { } inside || inside.Document.Url != document
                || syntax.LockAround(inside.StartLine, inside.StartColumn) is not { } lockLine || Known(lockLine))
                continue;
            // Its code sits under the point before it, a brace or hidden: the lock statement is
            // where that point starts, unless that is another statement's line.
            var start = instruction;
            while (start.Previous is not null && method.PointAt(start) is null)
                start = start.Previous;
            if (!lines.Any(l => l.At == start))
                lines.Add(new LineSite(start, lockLine, document));
        }

        foreach (var jump in syntax.GuardedJumps(anchor.StartLine, anchor.StartColumn))
        {
            // Where each way goes in this build: past calls that compiled to nothing (`Debug.Assert`).
            var targetLine = WithCode(method, document, jump.TargetLines);
            var falseLine = WithCode(method, document, jump.FalseLines);
            if (Known(jump.Line) || targetLine == falseLine)
                continue;
            var outcomes = branches.Where(b => b.Line == jump.IfLine && b.Value is null).SelectMany(b => b.Outcomes).ToList();
            var taken = outcomes.Where(o => o.TargetLine == targetLine).ToList();
            // The target is itself a jump with its own `br` (an inner loop's `break;` onto the
            // outer loop's `break;`): Release sends this jump's way straight to where that `br`
            // goes, past it, so that way ran both jumps.
            var threaded = taken.Count == 0 ? ThreadedJumpAt(method, document, lines, targetLine) : null;
            if (threaded is not null)
                taken = outcomes.Where(o => o.Edges is [var edge] && edge.Target == threaded.At.Operand).ToList();
            // A condition Release evaluates eagerly (`a == 0 | b`, no outcome of its own): its
            // one branch to the jump's target is the jump running.
            if (taken.Count == 0 && threaded is null && EagerWays(method, document, lines, branches, jump.IfLine, targetLine, falseLine) is { Count: > 0 } eager)
            {
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { Through = eager });
                continue;
            }
            if (taken.Count == 0 || !taken.All(o => o.Edges.Count == 1) || !outcomes.Any(o => o.TargetLine == falseLine))
                continue;
            sourced.Add(new SourcedLine(jump.Line, document, null, taken.Select(o => o.Edges[0]).ToList()));
            if (threaded is not null)
                sourced.Add(new SourcedLine(targetLine, document, threaded, taken.Select(o => o.Edges[0]).ToList()) { PastOwnCode = true });
            // Those outcomes go on to the jump's line, as the source reads (42->43, not 42->38).
            for (var b = 0; b < branches.Count; b++)
                if (branches[b].Line == jump.IfLine && branches[b].Value is null && branches[b].Outcomes.Any(taken.Contains))
                    branches[b] = branches[b] with { Outcomes = branches[b].Outcomes.Select(o => taken.Contains(o) ? o with { TargetLine = jump.Line } : o).ToList() };
        }

        // A jump Release dropped, its code before falling into its target: it ran when the
        // target did, if nothing else leads there; else when control fell from the statement
        // before it into the target, if that is the one way that statement goes there.
        foreach (var jump in syntax.PlainJumps(anchor.StartLine, anchor.StartColumn))
        {
            if (Known(jump.Line))
            {
                // An inner loop's `break;` onto an outer one (`{ n++; break; } } break;`), both
                // with their own `br`: Release sends the inner one straight to where the outer one
                // goes, so each run of the inner `br` ran the outer jump too.
                if (ThreadedJumpAt(method, document, lines, jump.Line) is { } inner && ThreadedJumpAt(method, document, lines, jump.TargetLine) is { } outer
                    && inner.At != outer.At && inner.At.Operand is Instruction to && to == outer.At.Operand)
                    sourced.Add(new SourcedLine(jump.TargetLine, document, outer, [new EdgeRef(inner.At, 1)]) { PastOwnCode = true });
                continue;
            }
            // The target's own point, or the one holding it (`while (c)`'s point holds `c`), or
            // one no line keeps (a method's closing brace, where it returns).
            var site = lines.FirstOrDefault(l => StartsAt(method, l.At, document, jump.TargetLine, jump.TargetColumn))
                ?? lines.FirstOrDefault(l => Holds(method, l.At, document, jump.TargetLine, jump.TargetColumn));
            if ((site?.At ?? InstructionAt(method, document, jump.TargetLine, jump.TargetColumn)) is not { } target)
                continue;
            // Over an array, a `foreach` goes on at its index's increment, hidden, falling into the `in`.
            if (syntax.IsForEachIn(jump.TargetLine, jump.TargetColumn) && HiddenRunInto(method, target) is { } increment)
                (site, target) = (null, increment);
            if (site is not null && !method.JumpTargets.Contains(target) && !Copied(site))
                sourced.Add(new SourcedLine(jump.Line, document, site, []));
            else if (FallsOnlyInto(method, document, jump, target))
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { FallInto = target });
            else if (WaysInto(method, document, jump, target, copies) is var (through, falls))
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { Through = through, FallInto = falls ? target : null });
            else if (jump.SwitchLine > 0 && SectionChoices(branches, jump.SwitchLine, target, jump.SectionLabels) is { Count: > 0 } chosen)
                sourced.Add(new SourcedLine(jump.Line, document, null, []) { Through = chosen });
        }

        foreach (var statement in syntax.PassThroughStatements(anchor.StartLine, anchor.StartColumn))
        {
            LineSite? next = null;
            foreach (var site in lines)
                if (site.Line == statement.NextLine && site.Document == document && (next is null || method.IndexOf(site.At) < method.IndexOf(next.At)))
                    next = site;
            // Release may put `while (true)`'s point on the jump back to its body, which runs only
            // from the second time round: the line is its body's start, each time, as the source says.
            var jumpsBack = next is not null && lines.RemoveAll(l => l.Line == statement.Line && l.Document == document && l.At.OpCode.Code is Code.Br or Code.Br_S && l.At.Operand == next.At) > 0;
            if (!jumpsBack && Known(statement.Line))
                continue;
            // `while (true)` whose body starts with `while (c)`: that line's code is `c`, tested each
            // way round the inner loop; the body starts on each jump to it (the inner loop's entry,
            // the outer loop's way back, threaded there). The line is left out where those cannot be told.
            if (statement.NextIsLoop)
            {
                if (next is not null && LoopEntries(method, next.At) is { Count: > 0 } entries)
                    sourced.Add(new SourcedLine(statement.Line, document, null, []) { Through = entries });
                continue;
            }
            if (next is not null && (jumpsBack || !Copied(next)))
                sourced.Add(new SourcedLine(statement.Line, document, next, []));
        }

        // A jump after `if (c) { ... }` (or `... else { ... }`) keeps its own code, but Release
        // sends the `if`'s ways that complete it straight to the jump's target, past that code:
        // the jump also ran when one of those was taken. Only where each is a probed outcome of
        // the `if`'s own code or a block's end, a `br` of its own.
        foreach (var (jumpLine, ifLine, ifColumn, ifEndLine) in syntax.JumpsAfterIf(anchor.StartLine, anchor.StartColumn))
            if (SkippingOutcomes(method, document, lines, branches, jumpLine, ifLine, ifColumn, ifEndLine) is ({ Count: > 0 } skipping, { } own))
                sourced.Add(new SourcedLine(jumpLine, document, own, skipping) { PastOwnCode = true });

        if (method.Method.IsConstructor)
            AddDefaultInitializers(method, syntax, anchor, lines, sourced, KnownIn);

        // Dead code: a line with no probe, always missed.
        foreach (var line in syntax.UnreachableStatementLines(anchor.StartLine, anchor.StartColumn))
            if (!Known(line))
                sourced.Add(new SourcedLine(line, document, null, []));

        foreach (var (copy, original) in copies)
            sourced.Add(new SourcedLine(original.Line, document, original, []) { Copy = copy });
        return sourced;
    }

    /// <summary>The first of <paramref name="candidates"/> that has a visible point in the method;
    /// the first where none has (a way out of the method, a line of another rule).</summary>
    private static int WithCode(MethodContext method, string document, IReadOnlyList<int> candidates)
    {
        foreach (var line in candidates)
            foreach (var (_, point) in method.SequencePoints)
                if (!point.IsHidden && point.StartLine == line && point.Document.Url == document)
                    return line;
        return candidates[0];
    }

    /// <summary>The edges by which the condition of the <c>if</c> on <paramref name="ifLine"/>
    /// goes to the code of <paramref name="targetLine"/> where none of them is an outcome (an
    /// eager <c>a == 0 | b</c>: one branch, its operands read by value probes): its code is the
    /// instructions from the <c>if</c>'s point up to the next visible point, each of its branches
    /// going to the target, within it, or to the code of <paramref name="falseLine"/>, onto which
    /// its end falls. Each edge to the target is then the jump that is the <c>if</c>'s statement
    /// running. Empty where the code does anything else.</summary>
    private static List<EdgeRef> EagerWays(MethodContext method, string document, List<LineSite> lines, List<BranchSite> branches, int ifLine, int targetLine, int falseLine)
    {
        if (lines.Where(l => l.Line == ifLine && l.Document == document).ToList() is not [var condition]
            || lines.Where(l => l.Line == targetLine && l.Document == document).ToList() is not [var target]
            || lines.Where(l => l.Line == falseLine && l.Document == document).ToList() is not [var other])
            return [];
        var start = method.IndexOf(condition.At);
        var end = start + 1;
        while (end < method.Instructions.Length && method.PointAt(method.Instructions[end]) is not { IsHidden: false })
            end++;
        if (end == method.Instructions.Length || method.Instructions[end] != other.At || !BranchShapes.FallsThrough(method.Instructions[end - 1].OpCode))
            return [];
        var edges = new List<EdgeRef>();
        for (var i = start; i < end; i++)
        {
            var instruction = method.Instructions[i];
            if (instruction.Operand is Instruction[] || instruction.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw)
                return [];
            if (instruction.Operand is not Instruction to)
                continue;
            var at = method.IndexOf(to);
            if (to == target.At)
            {
                var edge = new EdgeRef(instruction, 1);
                if (instruction.OpCode.FlowControl != FlowControl.Cond_Branch
                    || branches.Any(b => b.Value?.At == instruction || b.Outcomes.Any(o => o.Edges.Contains(edge))))
                    return [];
                edges.Add(edge);
            }
            else if (to != other.At && (at < start || at >= end))
                return [];
        }
        return edges;
    }

    /// <summary>The edges that jump to the condition of the <c>while</c> loop whose code starts at
    /// <paramref name="site"/> (its condition, or the <c>br</c> to it), each the loop starting: the
    /// condition is otherwise reached only by falling from the loop's body. Empty where the
    /// condition is not laid out so, or a <c>switch</c> goes there.</summary>
    private static List<EdgeRef> LoopEntries(MethodContext method, Instruction site)
    {
        var condition = site.OpCode.Code is Code.Br or Code.Br_S ? (Instruction)site.Operand : site;
        if (condition.Previous is not { } before || !BranchShapes.FallsThrough(before.OpCode) || method.IndexOf(condition) < method.IndexOf(site))
            return [];
        var edges = new List<EdgeRef>();
        foreach (var instruction in method.Instructions)
        {
            if (instruction.Operand is Instruction[] table && Array.IndexOf(table, condition) >= 0)
                return [];
            if (instruction.Operand != condition)
                continue;
            if (instruction.OpCode.FlowControl != FlowControl.Cond_Branch && instruction.OpCode.Code is not (Code.Br or Code.Br_S))
                return [];
            edges.Add(new EdgeRef(instruction, 1));
        }
        return edges;
    }

    /// <summary>The site of the jump statement (<c>break;</c>, <c>continue;</c>) on
    /// <paramref name="line"/> when it is that line's one site and compiled to its own <c>br</c>;
    /// null otherwise.</summary>
    private static LineSite? ThreadedJumpAt(MethodContext method, string document, List<LineSite> lines, int line)
    {
        var sites = lines.Where(l => l.Line == line && l.Document == document).ToList();
        return sites is [{ At.OpCode.Code: Code.Br or Code.Br_S } site] && method.Sources.Line(document, line) is { } text && WithoutComment(text) is "break;" or "continue;"
            ? site
            : null;
    }

    /// <summary>The edges by which the <c>if</c> starting at (<paramref name="ifLine"/>,
    /// <paramref name="ifColumn"/>) goes straight to the target of the jump on
    /// <paramref name="jumpLine"/>, which has its own <c>br</c>: its outcomes, and the <c>br</c>s
    /// that end its blocks (each run of one is the block completing into the jump); empty when
    /// none does, or when anything else in the <c>if</c>'s code goes there (then the jump keeps
    /// its own probe only); with the jump's own site.</summary>
    private static (List<EdgeRef> Outcomes, LineSite? Jump) SkippingOutcomes(MethodContext method, string document, List<LineSite> lines, List<BranchSite> branches, int jumpLine, int ifLine, int ifColumn, int ifEndLine)
    {
        var jumps = lines.Where(l => l.Line == jumpLine && l.Document == document).ToList();
        var start = lines.FirstOrDefault(l => l.Document == document && method.PointAt(l.At) is { IsHidden: false } p && p.StartLine == ifLine && p.StartColumn == ifColumn);
        if (jumps is not [{ At: { OpCode.Code: Code.Br or Code.Br_S, Operand: Instruction target } jump } site] || start is null || method.IndexOf(start.At) >= method.IndexOf(jump))
            return ([], null);
        var outcomes = new List<EdgeRef>();
        for (var i = method.IndexOf(start.At); i < method.IndexOf(jump); i++)
        {
            var instruction = method.Instructions[i];
            if (method.PointAt(instruction) is { IsHidden: false } point && (point.StartLine < ifLine || point.StartLine > ifEndLine || point.Document.Url != document))
                return ([], null); // Code of another statement between them: not the `if`'s own.
            if (instruction.Operand != target && !(instruction.Operand is Instruction[] table && Array.IndexOf(table, target) >= 0))
                continue;
            var edge = new EdgeRef(instruction, 1);
            if (instruction.OpCode.Code is Code.Br or Code.Br_S)
            {
                outcomes.Add(edge);
                continue;
            }
            if (instruction.Operand is not Instruction || !BranchShapes.IsDecisionOpCode(instruction.OpCode)
                || !branches.Any(b => b.Value is null && b.Outcomes.Any(o => o.Edges is [var only] && only == edge)))
                return ([], null);
            outcomes.Add(edge);
        }
        return (outcomes, site);
    }

    /// <summary>The initializers to a default value (<c>= null!;</c>, <c>= Style.Any;</c>) that
    /// Release compiles to nothing (those that may be one and have no code): each ran when the
    /// code after it starts, that of the next initializer the constructor runs or, after the
    /// last, of the constructor's own <c>base(...)</c> call or body, which nothing else leads to
    /// (a constructor's initializers are straight-line code). The constructor runs each part of a
    /// partial type (a file's declaration) together, in its declaration order, the parts one after
    /// another: a part's place is where its initializers with code are, and one with none has no
    /// place the IL shows, so its lines are left out. Only where the initializers with code lie in
    /// the constructor so.</summary>
    private static void AddDefaultInitializers(MethodContext method, SourceDocument syntax, SequencePoint anchor, List<LineSite> lines, List<SourcedLine> sourced,
        Func<string, int, bool> known)
    {
        var isStatic = method.Method.IsStatic;
        bool Candidate(string document, MemberInitializer i) => i.MayBeDefault && i.IsStatic == isStatic && !known(document, i.Line);
        if (syntax.PartInitializersAround(anchor.StartLine, anchor.StartColumn) is not ({ } initializers, var partial)
            || !partial && !initializers.Any(i => Candidate(anchor.Document.Url, i))
            || !isStatic && !syntax.RunsInitializers(anchor.StartLine, anchor.StartColumn, initializers))
            return;
        // The initializers with code, in IL order, each with its file and where it starts, then
        // where the code after the last one starts (no file, index -1).
        var parts = new Dictionary<string, (SourceDocument Syntax, IReadOnlyList<MemberInitializer> Initializers)> { [anchor.Document.Url] = (syntax, initializers) };
        var ran = new List<(string? Document, int Index, Instruction At)>();
        foreach (var (at, point) in method.SequencePoints)
        {
            if (point.IsHidden)
                continue;
            var document = point.Document.Url;
            if (!parts.TryGetValue(document, out var part))
            {
                if (!partial || method.Sources.SyntaxOf(point.Document) is not { } other
                    || other.PartInitializersAround(point.StartLine, point.StartColumn) is not ({ } own, true))
                    return;
                parts[document] = part = (other, own);
            }
            var index = part.Syntax.InitializerAt(point.StartLine, point.StartColumn, part.Initializers);
            if (index < 0)
            {
                ran.Add((null, -1, at));
                break;
            }
            // Not in declaration order, or a part's initializers not together: the order is not told.
            if (ran.Count > 0 && (ran[^1].Document == document ? index <= ran[^1].Index : ran.Exists(r => r.Document == document)))
                return;
            ran.Add((document, index, at));
        }
        foreach (var (document, part) in parts)
        {
            var first = ran.FindIndex(r => r.Document == document);
            var last = ran.FindLastIndex(r => r.Document == document);
            for (var m = 0; m < part.Initializers.Count; m++)
            {
                var initializer = part.Initializers[m];
                if (!Candidate(document, initializer) || ran.Exists(r => r.Document == document && r.Index == m))
                    continue;
                // The next of its part's with code, or what follows the part; with no code in the
                // part, what follows the initializers, where the type has no other part.
                var after = first < 0 ? (partial ? -1 : 0) : ran.FindIndex(first, last - first + 1, r => r.Index > m) is >= 0 and var k ? k : last + 1;
                var next = after >= 0 && after < ran.Count ? ran[after].At : null;
                if (next is null || method.JumpTargets.Contains(next))
                    continue;
                if (lines.FirstOrDefault(l => l.At == next) is { } site)
                    sourced.Add(new SourcedLine(initializer.Line, document, site, []));
                else
                    lines.Add(new LineSite(next, initializer.Line, document));
            }
        }
    }

    /// <summary>Whether the IL or the text between the method's first and last lines shows a
    /// shape the source model speaks about; cheap, so that files are parsed only when it pays.</summary>
    private static bool MayNeedSyntax(MethodContext method, string path, int first, int last)
    {
        var body = method.Method.Body;
        if (method.Method.IsConstructor)
            return true;
        foreach (var handler in body.ExceptionHandlers)
            if (handler.HandlerType == ExceptionHandlerType.Catch)
                return true;
        foreach (var instruction in method.Instructions)
            if (instruction.Operand is MethodReference { Name: "EnterScope" })
                return true;
        if (CopiedReturns.MayHave(method, path))
            return true;
        // Debug's point on an empty statement (`done: ;`, `{ ... };`) starts on its `;`.
        foreach (var (_, point) in method.SequencePoints)
            if (!point.IsHidden && point.Document.Url == path && method.Sources.Line(path, point.StartLine) is { } pointLine
                && point.StartColumn >= 1 && point.StartColumn <= pointLine.Length && pointLine[point.StartColumn - 1] == ';')
                return true;
        // Release gives no point to a statement of no code before the first one that has code:
        // the lines up to the body's opening brace are read too.
        while (first > 1 && method.Sources.Line(path, first - 1) is { } previous && !previous.Contains('{', StringComparison.Ordinal))
            first--;
        char before = ' ';
        for (var line = first; line <= last; line++)
        {
            if (method.Sources.Line(path, line) is not { } text)
                return false;
            if (text.Contains("goto", StringComparison.Ordinal) || text.Contains("continue", StringComparison.Ordinal)
                || text.Contains("while (true)", StringComparison.Ordinal) || text.Contains("using ", StringComparison.Ordinal) && text.Contains("= null", StringComparison.Ordinal))
                return true;
            // A section that is only `break;` (after its `case ...:` line): the dispatch goes past the switch.
            if (WithoutComment(text) is "break;" && line > first && method.Sources.Line(path, line - 1) is { } label && WithoutComment(label).EndsWith(':'))
                return true;
            // A `break;` that closes a switch's last section falls into the code after the switch.
            if (WithoutComment(text) is "break;" && method.Sources.Line(path, line + 1) is { } closing && WithoutComment(closing).StartsWith('}'))
                return true;
            // Code after a jump in its block: the next line is not a closing brace, a label, a case.
            if (EndsWithJump(text) && method.Sources.Line(path, line + 1) is { } next && !EndsBlock(next))
                return true;
            // `if (c) break;`, `else break;`, `if (c) { return; } break;` (a break after a closing
            // parenthesis, an `else` or a block, over a brace at most).
            for (var at = text.IndexOf("break", StringComparison.Ordinal); at >= 0; at = text.IndexOf("break", at + 5, StringComparison.Ordinal))
                if (LastCodeChar(text.AsSpan(0, at), before) is ')' or '}' or 'e')
                    return true;
            before = LastCodeChar(text, before);
        }
        return false;
    }

    private static bool EndsWithJump(string text)
    {
        var code = WithoutComment(text);
        return code.EndsWith(";") && (code.StartsWith("return") || code.StartsWith("throw") || code.StartsWith("break;")
            || code.StartsWith("continue;") || code.StartsWith("goto ") || code.StartsWith("yield break;"));
    }

    private static bool EndsBlock(string text)
    {
        var code = WithoutComment(text);
        return code.Length == 0 || code[0] == '}' || code.StartsWith("case ") || code.StartsWith("default:") || code.EndsWith(":") || code.StartsWith("#");
    }

    private static ReadOnlySpan<char> WithoutComment(string text)
    {
        var comment = text.IndexOf("//", StringComparison.Ordinal);
        return (comment < 0 ? text.AsSpan() : text.AsSpan(0, comment)).Trim();
    }

    /// <summary>The last character of <paramref name="text"/> that is neither blank nor an
    /// opening brace; <paramref name="before"/> when there is none.</summary>
    private static char LastCodeChar(ReadOnlySpan<char> text, char before)
    {
        var trimmed = text.TrimEnd().TrimEnd('{').TrimEnd();
        return trimmed.Length > 0 ? trimmed[^1] : before;
    }

    /// <summary>Whether the visible point at <paramref name="at"/> starts at the position.</summary>
    private static bool StartsAt(MethodContext method, Instruction at, string document, int line, int column) =>
        method.PointAt(at) is { IsHidden: false } p && p.StartLine == line && p.StartColumn == column && p.Document.Url == document;

    /// <summary>Whether the visible point at <paramref name="at"/> holds the position inside it, on one line.</summary>
    private static bool Holds(MethodContext method, Instruction at, string document, int line, int column) =>
        method.PointAt(at) is { IsHidden: false } p && p.StartLine == line && p.EndLine == line
        && p.StartColumn < column && column < p.EndColumn && p.Document.Url == document;

    /// <summary>The instruction of the visible point that starts at, or else holds, the position,
    /// whether or not a line keeps it; null where none does.</summary>
    private static Instruction? InstructionAt(MethodContext method, string document, int line, int column)
    {
        Instruction? holding = null;
        foreach (var (at, _) in method.SequencePoints)
        {
            if (StartsAt(method, at, document, line, column))
                return at;
            holding ??= Holds(method, at, document, line, column) ? at : null;
        }
        return holding;
    }

    /// <summary>The start of the straight code under a hidden point that falls into
    /// <paramref name="at"/> and holds no jump (an array <c>foreach</c>'s increment); null where
    /// the code before it is another statement's.</summary>
    private static Instruction? HiddenRunInto(MethodContext method, Instruction at)
    {
        for (var instruction = at.Previous; instruction is { OpCode.FlowControl: FlowControl.Next }; instruction = instruction.Previous)
            if (method.PointAt(instruction) is { } point)
                return point.IsHidden ? instruction : null;
        return null;
    }

    /// <summary>Whether the statement before <paramref name="jump"/> reaches
    /// <paramref name="target"/> only by falling from its last instruction into it: it starts at a
    /// point of its own before the target, its code ends in an instruction that falls through, and
    /// nothing in it jumps or leaves to the target (<c>if (x) n++;</c> does when <c>x</c> is false).</summary>
    private static bool FallsOnlyInto(MethodContext method, string document, PlainJump jump, Instruction target)
    {
        if (jump.BeforeLine == 0 || target.Previous is not { OpCode.FlowControl: FlowControl.Next or FlowControl.Call } || target.Previous.OpCode.Code == Code.Jmp)
            return false;
        var end = method.IndexOf(target);
        for (var i = end - 1; i >= 0; i--)
        {
            var instruction = method.Instructions[i];
            if (instruction.Operand == target || instruction.Operand is Instruction[] table && Array.IndexOf(table, target) >= 0)
                return false;
            if (method.PointAt(instruction) is { IsHidden: false } point && point.StartLine == jump.BeforeLine && point.StartColumn == jump.BeforeColumn && point.Document.Url == document)
                return true;
        }
        return false;
    }

    /// <summary>
    /// The ways the statement before <paramref name="jump"/> goes straight to
    /// <paramref name="target"/> when Release compiled the jump to nothing and that statement
    /// reaches the target by several ways (<c>if (a) { x = 1; } else if (b) { x = 2; } else {
    /// return false; } break;</c>: each block's own <c>br</c>; <c>if (c) { n++; } break;</c>:
    /// the condition's branch and the fall-through). The source says that statement is left only
    /// by completing into the jump, returning or throwing (<see cref="PlainJump.Before"/>), so each
    /// edge from its code to the target is one run of the jump. Its code is the instructions from
    /// its first point up to the first point outside it or the target; only where that code is
    /// entered at its start alone, and leaves it only by those edges, <c>ret</c> (none a copy of
    /// another statement's <c>return</c>), <c>throw</c>, or jumps (or its fall-through) to the
    /// places its own jumps bound elsewhere go (<see cref="PlainJump.InnerTargets"/>: each found
    /// at its own point, not the target, not a <c>br</c> Release could have threaded on to the
    /// target): anything else and null. The edges are
    /// jumps to the target (an unconditional <c>br</c> included) and the falls flag the
    /// fall-through from its last instruction, when that is not a branch's edge.
    /// </summary>
    private static (List<EdgeRef> Edges, bool Falls)? WaysInto(MethodContext method, string document, PlainJump jump, Instruction target, List<(Instruction Copy, LineSite Original)> copies)
    {
        if (jump.Before is not { } span || jump.BeforeLine == 0)
            return null;
        var instructions = method.Instructions;
        var start = -1;
        for (var i = 0; i < instructions.Length && start < 0; i++)
            if (method.PointAt(instructions[i]) is { IsHidden: false } point && point.StartLine == jump.BeforeLine && point.StartColumn == jump.BeforeColumn && point.Document.Url == document)
                start = i;
        if (start < 0)
            return null;
        var end = start;
        while (end < instructions.Length && instructions[end] != target
            && (end == start || method.PointAt(instructions[end]) is not { IsHidden: false } point || point.Document.Url == document && Inside(span, point.StartLine, point.StartColumn)))
            end++;
        bool InRange(Instruction instruction) => method.IndexOf(instruction) is var at && at >= start && at < end;
        // Where its own jumps out of it go: each a place of its own, not a jump that Release may
        // have threaded on to the target.
        var inner = new List<Instruction>();
        foreach (var (line, column) in jump.InnerTargets)
        {
            if (InstructionAt(method, document, line, column) is not { } place || place == target || InRange(place)
                || place.OpCode.FlowControl is FlowControl.Branch or FlowControl.Return or FlowControl.Throw)
                return null;
            inner.Add(place);
        }
        bool Outside(Instruction to) => !InRange(to) && !inner.Contains(to);
        var edges = new List<EdgeRef>();
        var falls = false;
        for (var i = start; i < end; i++)
        {
            var instruction = instructions[i];
            if (instruction.OpCode.Code is Code.Leave or Code.Leave_S or Code.Endfinally or Code.Endfilter or Code.Jmp
                || copies.Exists(c => c.Copy == instruction))
                return null;
            if (instruction.Operand is Instruction to)
            {
                if (to == target)
                {
                    if (instruction.Next is null)
                        return null;
                    edges.Add(new EdgeRef(instruction, 1));
                }
                else if (Outside(to))
                    return null;
            }
            else if (instruction.Operand is Instruction[] table)
            {
                for (var k = 0; k < table.Length; k++)
                {
                    if (table[k] == target)
                        edges.Add(new EdgeRef(instruction, k + 1));
                    else if (Outside(table[k]))
                        return null;
                }
            }
            if (i == end - 1 && BranchShapes.FallsThrough(instruction.OpCode))
            {
                if (end < instructions.Length && instructions[end] != target && inner.Contains(instructions[end]))
                    continue; // Falls into where its own jump goes (`{ n--; continue; }` into the loop's condition).
                if (end == instructions.Length || instructions[end] != target)
                    return null; // Falls on into code that is not the target.
                if (instruction.OpCode.FlowControl == FlowControl.Cond_Branch)
                    edges.Add(new EdgeRef(instruction, EdgeRef.FallThrough));
                else
                    falls = true;
            }
        }
        if (edges.Count == 0 || end == start)
            return null;
        // Entered at its start alone: no jump from elsewhere, no handler, into the rest of it.
        foreach (var instruction in instructions)
        {
            if (InRange(instruction))
                continue;
            if (instruction.Operand is Instruction to && to != instructions[start] && InRange(to)
                || instruction.Operand is Instruction[] table && table.Any(t => t != instructions[start] && InRange(t)))
                return null;
        }
        foreach (var handler in method.Method.Body.ExceptionHandlers)
            foreach (var bound in (Instruction?[])[handler.TryStart, handler.TryEnd, handler.HandlerStart, handler.HandlerEnd, handler.FilterStart])
                if (bound is not null && bound != instructions[start] && InRange(bound))
                    return null;
        return (edges, falls);
    }

    /// <summary>The edges of the outcomes of the switch on <paramref name="switchLine"/> that go
    /// straight to <paramref name="target"/>, past the switch: for a section that is only
    /// <c>break;</c> (<see cref="PlainJump.SwitchLine"/>), the dispatch choosing it. With no
    /// <c>default</c>, no label matching goes there too: only the outcomes named by the section's
    /// labels are its (<paramref name="sectionLabels"/>). Empty when an outcome goes there by some
    /// of its edges only, or when one that goes there is neither.</summary>
    private static List<EdgeRef> SectionChoices(List<BranchSite> branches, int switchLine, Instruction target, IReadOnlyList<string> sectionLabels)
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

    private static bool Inside(SourceSpan span, int line, int column) =>
        (line > span.StartLine || line == span.StartLine && column >= span.StartColumn)
        && (line < span.EndLine || line == span.EndLine && column < span.EndColumn);

    /// <summary>The catch clause a handler is: the one around the handler's first statement; for
    /// a handler with none (Release, an <c>await</c> in the catch: the handler only stashes the
    /// exception, and the catch body runs after the try), the one around the first statement
    /// after the handler, if that clause belongs to the try the handler protects.</summary>
    private static CatchClauseFact? ClauseOf(MethodContext method, SourceDocument syntax, ExceptionHandler handler, string document)
    {
        // The syntax speaks only of its own file: a point in another file (a partial class's
        // constructor) names no clause here.
        if (FirstPoint(method, handler.HandlerStart, handler.HandlerEnd) is { } point)
            return point.Document.Url == document ? syntax.CatchAround(point.StartLine, point.StartColumn) : null;
        return FirstPoint(method, handler.HandlerEnd, null) is { } after && FirstPoint(method, handler.TryStart, handler.TryEnd) is { } inTry
            && after.Document.Url == document && inTry.Document.Url == document
            ? syntax.CatchOfTry(after.StartLine, after.StartColumn, inTry.StartLine, inTry.StartColumn)
            : null;
    }

    /// <summary>The first visible sequence point from <paramref name="start"/> up to (not
    /// including) <paramref name="end"/>, in IL order.</summary>
    private static SequencePoint? FirstPoint(MethodContext method, Instruction? start, Instruction? end)
    {
        for (var instruction = start; instruction is not null && instruction != end; instruction = instruction.Next)
            if (method.PointAt(instruction) is { IsHidden: false } point)
                return point;
        return null;
    }

    private static string SimpleName(TypeReference? type)
    {
        var name = type?.Name ?? "Object";
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }
}

/// <summary>A statement the PDB does not show, counted by the probes of another statement
/// (<paramref name="From"/>) or of the outcomes taken along <paramref name="Edges"/>: no probe
/// of its own. With neither, it is unreachable: a line that is always missed, unless it has a
/// probe of its own on the fall-through into <see cref="FallInto"/>.</summary>
internal sealed record SourcedLine(int Line, string Document, LineSite? From, IReadOnlyList<EdgeRef> Edges)
{
    /// <summary>The instruction the statement's own probe runs before when control falls into it
    /// from the one before (jumps to it skip the probe): a jump Release compiled to nothing.</summary>
    public Instruction? FallInto { get; init; }

    /// <summary>Edges that each run the statement once (a jump Release compiled to nothing, the
    /// statement before reaching its target by several ways, <see cref="SourceStatements"/>): it is
    /// counted on them, and also on the fall-through into <see cref="FallInto"/> when that is set.</summary>
    public IReadOnlyList<EdgeRef>? Through { get; init; }

    /// <summary>A copy of the statement's code (a <c>return</c> Release copied into the statement
    /// before, <see cref="CopiedReturns"/>) at this instruction: the probe of <see cref="From"/>,
    /// the statement's own site, goes there too, so the line counts each run of either copy.</summary>
    public Instruction? Copy { get; init; }

    /// <summary>Whether <see cref="From"/> is the statement's own site (a jump that keeps its own
    /// <c>br</c>) and <see cref="Edges"/> are ways Release sends past that code to its target, each
    /// one more run of it: the statement ran when its site or one of those outcomes did.</summary>
    public bool PastOwnCode { get; init; }
}
