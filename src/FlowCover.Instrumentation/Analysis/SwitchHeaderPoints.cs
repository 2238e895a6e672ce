using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Source;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Release: <c>switch (c)</c> on a local or parameter, whose header has no point (the IL read:
/// its dispatch under a hidden point, a load then a jump table or compares, and on a nullable
/// value the <c>HasValue</c> test before it).
/// </summary>
internal static class SwitchHeaderPoints
{
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
    public static bool Give(MethodDefinition method, SourceFiles sources)
    {
        var points = method.DebugInformation.SequencePoints;
        var instructions = method.Body.Instructions;
        var at = 0; // Points and instructions both run in offset order: one walk over each.
        var stateLocals = new StateLocals(instructions);
        SequencePoint? lastVisible = null;
        for (var i = 0; i + 1 < points.Count; i++)
        {
            if (!points[i].IsHidden)
                lastVisible = points[i];
            // The section's first statement: the next point, or, where the section opens with a
            // `try`, the one after the hidden code entering it. In an async method that code may
            // be several hidden points: clearing what a handler that awaits needs, the `nop` where
            // the `try` starts, and a `try` that awaits resuming there (AwaitingTryEntry).
            var next = i + 1;
            while (points[next].IsHidden && next + 1 < points.Count && next - i <= AwaitingTryEntry.MaxHiddenPoints
                && (IsTryEntry(instructions, points[next].Offset, points[next + 1].Offset) || AwaitingTryEntry.Enters(method, points[next].Offset, points[next + 1].Offset, stateLocals)))
                next++;
            if (!points[i].IsHidden || points[next].IsHidden)
                continue;
            while (at < instructions.Count && instructions[at].Offset < points[i].Offset)
                at++;
            if (at == instructions.Count || instructions[at].Offset != points[i].Offset || !IsDispatch(instructions, at, stateLocals)
                || sources.SyntaxOf(points[next].Document)?.SwitchHeaderBefore(points[next].StartLine, points[next].StartColumn) is not { } header
                || lastVisible is not null && lastVisible.StartLine == header.StartLine && lastVisible.StartColumn == header.StartColumn)
                continue;
            var given = i;
            var start = instructions[at];
            if (i > 0 && points[i - 1].IsHidden && NullableTestBefore(instructions, at, points[i - 1].Offset) is { } hasValueTest)
                (given, start) = (i - 1, hasValueTest);
            points[given] = HeaderPoint(start, points[next].Document, header);
            GiveOuterHeaders(points, instructions, at, given, header, sources.SyntaxOf(points[next].Document)!, stateLocals);
        }
        return true;
    }

    /// <summary>
    /// A switch that is the first statement of an outer switch's section (<c>case 0: switch (x)
    /// { ... }</c>): the outer dispatch, also under a hidden point only, falls straight into the
    /// inner one, so its point is the hidden one right before the inner dispatch's, and so on
    /// outward. <paramref name="inner"/> is the header just given the point at
    /// <paramref name="given"/>, whose code starts at instruction <paramref name="at"/>.
    /// </summary>
    private static void GiveOuterHeaders(Mono.Collections.Generic.Collection<SequencePoint> points, Mono.Collections.Generic.Collection<Instruction> instructions,
        int at, int given, SourceSpan inner, SourceDocument syntax, StateLocals stateLocals)
    {
        for (var k = given - 1; k >= 0 && points[k].IsHidden; k--)
        {
            while (at > 0 && instructions[at].Offset > points[k].Offset)
                at--;
            if (instructions[at].Offset != points[k].Offset || !IsDispatch(instructions, at, stateLocals)
                || syntax.SwitchHeaderBefore(inner.StartLine, inner.StartColumn) is not { } outer)
                return;
            points[k] = HeaderPoint(instructions[at], points[given].Document, outer);
            (inner, given) = (outer, k);
        }
    }

    private static SequencePoint HeaderPoint(Instruction start, Document document, SourceSpan header) => new(start, document)
    {
        StartLine = header.StartLine,
        StartColumn = header.StartColumn,
        EndLine = header.EndLine,
        EndColumn = header.EndColumn,
    };

    /// <summary>Whether the instructions from <paramref name="from"/> up to <paramref name="to"/>
    /// (offsets) only enter a <c>try</c>: the <c>nop</c> Release puts where a protected region
    /// starts, or an iterator's store of its state (<c>ldarg.0; ldc.i4 n; stfld &lt;&gt;1__state</c>)
    /// as it enters a <c>try</c> with a <c>finally</c>.</summary>
    private static bool IsTryEntry(Mono.Collections.Generic.Collection<Instruction> instructions, int from, int to)
    {
        // Asked for each hidden point before a visible one: a search for the first instruction
        // (they run in offset order), then at most three looked at, rather than a list of the
        // range made from a scan of the whole body.
        var low = InstructionsByOffset.FirstAt(instructions, from);
        var count = 0;
        while (low + count < instructions.Count && instructions[low + count].Offset < to && count < 4)
            count++;
        return count == 1 && instructions[low].OpCode.Code == Code.Nop
            || count == 3 && instructions[low].OpCode.Code == Code.Ldarg_0
                && instructions[low + 1].OpCode.Code is Code.Ldc_I4 or Code.Ldc_I4_S or Code.Ldc_I4_M1 or Code.Ldc_I4_0 or Code.Ldc_I4_1
                && instructions[low + 2] is { OpCode.Code: Code.Stfld, Operand: FieldReference { Name: "<>1__state" } };
    }

    /// <summary>A step of the dispatch on a string: its compares with the labels
    /// (<c>ldstr "abc"; call string::op_Equality</c>), or, with many labels, its hash or its
    /// length and characters, kept in a local for the compares.</summary>
    private static bool IsStringDispatchStep(Instruction instruction) =>
        instruction.OpCode.Code == Code.Ldstr
        || LocalSlots.Stored(instruction) is not null || LocalSlots.Loaded(instruction) is not null
        || instruction.OpCode.Code is Code.Call or Code.Callvirt && instruction.Operand is MethodReference
        {
            Name: "op_Equality" or "Equals" or "get_Length" or "get_Chars" or "ComputeStringHash",
            DeclaringType.FullName: "System.String" or "<PrivateImplementationDetails>",
        };

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
    /// parameter: a load, then constants and arithmetic up to a <c>switch</c> or a conditional jump.
    /// In a state machine the local or parameter is a field of it: <c>ldarg.0; ldfld x</c>, which a
    /// dispatch of several compares first copies into a local. <paramref name="stateLocals"/>: the
    /// body's locals kept from its state.</summary>
    private static bool IsDispatch(Mono.Collections.Generic.Collection<Instruction> instructions, int index, StateLocals stateLocals)
    {
        var first = instructions[index];
        if (!VariableLoads.IsLocalOrArgument(first))
            return false;
        // A state machine's own dispatch on its state (kept in a local at the start: `ldarg.0;
        // ldfld <>1__state; stloc n`), where it resumes inside a `try`: no switch of the user's.
        if (LocalSlots.Loaded(first) is { } slot && stateLocals.Contains(slot))
            return false;
        if (first.OpCode.Code == Code.Ldarg_0 && index + 1 < instructions.Count && instructions[index + 1].OpCode.Code == Code.Ldfld)
            index++;
        if (index + 2 < instructions.Count && LocalSlots.Stored(instructions[index + 1]) is { } copy && LocalSlots.Loaded(instructions[index + 2]) == copy)
            index += 2; // the value kept in a local for the compares: stloc t; ldloc t
        for (var i = index + 1; i < instructions.Count; i++)
        {
            var instruction = instructions[i];
            if (instruction.OpCode.Code == Code.Switch || instruction.OpCode.FlowControl == FlowControl.Cond_Branch)
                return true;
            if (instruction.OpCode.Code is not (Code.Ldc_I4 or Code.Ldc_I4_S or Code.Ldc_I4_0 or Code.Ldc_I4_1 or Code.Ldc_I4_2 or Code.Ldc_I4_3
                or Code.Ldc_I4_4 or Code.Ldc_I4_5 or Code.Ldc_I4_6 or Code.Ldc_I4_7 or Code.Ldc_I4_8 or Code.Ldc_I4_M1 or Code.Sub or Code.Conv_I4 or Code.Conv_U4)
                && !IsStringDispatchStep(instruction))
                return false;
        }
        return false;
    }
}
