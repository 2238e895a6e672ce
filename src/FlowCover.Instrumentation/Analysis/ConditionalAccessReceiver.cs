using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The null test of a <c>?.</c> or <c>?[]</c> whose receiver is a local or a parameter
/// (<c>if (x?.Length &gt; 0)</c>, <c>while (node?.Next is not null)</c>). The compiler tests the
/// variable itself rather than a copy (<c>dup</c>), and joins the two ways before the rest of the
/// expression: on null it pushes the access's default and jumps (<c>ldc.i4.0; br</c>,
/// <c>ldnull; br</c>, <c>ldloca; initobj; ldloc; br</c>), on not null it loads the variable again
/// and reads the member. Only that joining shape is taken: there the statement's own test comes
/// after the join and counts both ways (docs/annotations.md). Where the null edge goes straight to
/// a statement instead (Release's <c>if (x?.Length &gt; 0)</c>: null skips the comparison), the
/// comparison's outcomes count only the non-null values, and the statement keeps the jump form.
/// </summary>
internal static class ConditionalAccessReceiver
{
    private static readonly System.Text.RegularExpressions.Regex Access = new(@"\?\.|\?\[", System.Text.RegularExpressions.RegexOptions.Compiled);

    public static bool IsNullTest(MethodContext method, Instruction branch, SequencePoint statement)
    {
        if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S)
            || branch.Previous is not { } load || !VariableLoads.IsLocalOrArgument(load)
            || LoadedTypes.Of(method, load) is not { IsValueType: false, IsGenericParameter: false })
            return false;
        var jumpsOnNull = branch.OpCode.Code is Code.Brfalse or Code.Brfalse_S;
        var (onNull, onValue) = jumpsOnNull ? ((Instruction)branch.Operand, branch.Next) : (branch.Next, (Instruction)branch.Operand);
        return onValue is not null && onValue.OpCode == load.OpCode && Equals(onValue.Operand, load.Operand)
            && PushesDefaultAndJumps(onNull, out var join) && Reaches(onValue, join)
            && method.PointAt(onNull) is null or { IsHidden: true } && method.Sources.Matches(statement, Access);
    }

    /// <summary>Whether <paramref name="at"/> pushes a constant or a default value and then
    /// jumps to <paramref name="join"/>.</summary>
    private static bool PushesDefaultAndJumps(Instruction? at, out Instruction? join)
    {
        join = null;
        if (at is { OpCode.Code: Code.Ldloca or Code.Ldloca_S, Next: { OpCode.Code: Code.Initobj, Next: { } reload } } && LocalSlots.Loaded(reload) is not null)
            at = reload;
        else if (at is null || at.OpCode.Code != Code.Ldnull && ShortForms.Int32ConstantOf(at) is null && at.OpCode.Code is not (Code.Ldc_I8 or Code.Ldc_R4 or Code.Ldc_R8))
            return false;
        if (at.Next is not { OpCode.FlowControl: FlowControl.Branch, Operand: Instruction target })
            return false;
        join = target;
        return true;
    }

    /// <summary>Whether the non-null way from <paramref name="start"/> runs into
    /// <paramref name="join"/> with no test but the null tests of further <c>?.</c> on a copy
    /// (<c>node?.Next?.Value</c>: <c>dup; brtrue</c>), whose null way jumps there too.</summary>
    private static bool Reaches(Instruction start, Instruction? join)
    {
        var at = start;
        for (var steps = 0; at is not null && steps < 64; steps++)
        {
            if (at == join)
                return true;
            switch (at.OpCode.FlowControl)
            {
                case FlowControl.Next or FlowControl.Call:
                    break;
                case FlowControl.Branch when at.Operand == join:
                    return true;
                case FlowControl.Cond_Branch when at.Previous?.OpCode.Code == Code.Dup:
                    break;
                default:
                    return false;
            }
            at = at.Next;
        }
        return false;
    }
}
