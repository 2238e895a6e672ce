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
    /// parameter: a load, then constants and arithmetic up to a <c>switch</c> or a conditional jump.
    /// In a state machine the local or parameter is a field of it: <c>ldarg.0; ldfld x</c>.</summary>
    private static bool IsDispatch(Mono.Collections.Generic.Collection<Instruction> instructions, int index)
    {
        var first = instructions[index];
        if (LocalSlots.Loaded(first) is null && first.OpCode.Code is not (Code.Ldarg or Code.Ldarg_S or Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3))
            return false;
        if (first.OpCode.Code == Code.Ldarg_0 && index + 1 < instructions.Count && instructions[index + 1].OpCode.Code == Code.Ldfld)
            index++;
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
}
