using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The hidden code an async method runs right before a <c>try</c> whose <c>catch</c> or
/// <c>finally</c> awaits: the compiler moves that handler's body after the protected region and
/// first clears what carries the way out of it (<c>ldc.i4.0; stloc</c> the kind of catch taken;
/// <c>ldarg.0; ldnull; stfld &lt;&gt;7__wrapN</c> the exception caught, <c>ldarg.0; ldc.i4.0; stfld
/// &lt;&gt;7__wrapM</c> the branch leaving the <c>finally</c>). No statement of the source: the code
/// that enters the <c>try</c>, as a <c>nop</c> is for any other.
/// </summary>
internal static class AwaitingTryEntry
{
    private const int MaxSteps = 8;

    /// <summary>How many hidden points the code entering such a <c>try</c> may take: the clearing,
    /// the <c>nop</c> starting the <c>try</c>, the resumption's test.</summary>
    public const int MaxHiddenPoints = 3;

    /// <summary>Whether the instructions from offset <paramref name="from"/> up to
    /// <paramref name="to"/> only clear such locals and fields (a <c>nop</c> among them too), and a
    /// protected region of <paramref name="method"/> starts at <paramref name="to"/>.</summary>
    public static bool Enters(MethodDefinition method, int from, int to, StateLocals stateLocals)
    {
        if (!method.Body.HasExceptionHandlers)
            return false;
        var instructions = method.Body.Instructions;
        var at = InstructionsByOffset.FirstAt(instructions, from);
        if (ResumesAt(method, at, to, stateLocals))
            return true;
        // The `try` starts at the next statement, or, where it awaits, one `nop` before the
        // instruction starting it (where a resumption from the top of the method lands).
        if (!method.Body.ExceptionHandlers.Any(h => h.TryStart.Offset == to || h.TryStart.Previous is { OpCode.Code: Code.Nop } entry && entry.Offset == to))
            return false;
        var steps = 0;
        while (at < instructions.Count && instructions[at].Offset < to)
        {
            if (++steps > MaxSteps)
                return false;
            if (instructions[at].OpCode.Code == Code.Nop)
                at++;
            else if (at + 1 < instructions.Count && IsClearValue(instructions[at]) && LocalSlots.Stored(instructions[at + 1]) is not null)
                at += 2;
            else if (at + 2 < instructions.Count && instructions[at].OpCode.Code == Code.Ldarg_0 && IsClearValue(instructions[at + 1])
                && instructions[at + 2] is { OpCode.Code: Code.Stfld, Operand: FieldReference field } && field.Name.StartsWith("<>7__wrap", StringComparison.Ordinal))
                at += 3;
            else
                return false;
        }
        return steps > 0 && at < instructions.Count && instructions[at].Offset == to;
    }

    /// <summary>Whether the instructions at index <paramref name="at"/> up to offset
    /// <paramref name="to"/> are where a <c>try</c> that awaits resumes: the <c>try</c>'s first
    /// code, its state, kept in a local, tested (<c>ldloc n; brfalse</c>, or with
    /// several awaits a <c>switch</c>); a run from the top goes on to its first statement.</summary>
    private static bool ResumesAt(MethodDefinition method, int at, int to, StateLocals stateLocals)
    {
        var instructions = method.Body.Instructions;
        return at + 2 < instructions.Count && instructions[at + 2].Offset == to
            && LocalSlots.Loaded(instructions[at]) is { } slot && stateLocals.Contains(slot)
            && instructions[at + 1].OpCode.Code is Code.Brfalse or Code.Brfalse_S or Code.Switch
            && method.Body.ExceptionHandlers.Any(h => h.TryStart == instructions[at]);
    }

    private static bool IsClearValue(Instruction instruction) => instruction.OpCode.Code is Code.Ldc_I4_0 or Code.Ldnull;
}
