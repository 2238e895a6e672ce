using System.Collections.Immutable;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Sharing;

/// <summary>
/// The element loads of <c>foreach</c> over an array or a string (and of a <c>for</c> loop of
/// the same shape), which cannot throw. The compiler emits
/// <code>
///     ldc.i4.0; stloc i; br COND
/// BODY: ldloc a; ldloc i; ldelem (or callvirt string::get_Chars)  ...
///     ldloc i; ldc.i4.1; add; stloc i
/// COND: ldloc i; ldloc a; ldlen; conv.i4 (or callvirt string::get_Length); blt BODY
/// </code>
/// BODY is entered only from COND, with nothing between: <c>a</c> is not null (its length was
/// just read) and <c>i &lt; a.Length</c>. And <c>i</c> is never negative: it is stored only as 0
/// and as <c>i + 1</c> just before COND, where it was below a length, which is below
/// <c>int.MaxValue</c>, and neither local's address is taken. The load at BODY is then in range.
/// </summary>
internal static class GuardedElementLoads
{
    /// <summary>Per instruction of <paramref name="method"/>, whether it is such a load; null
    /// when the body has none. <paramref name="onlyJumpFrom"/> gives the instruction whose jump is
    /// the one way into an instruction (no fall-through, other jump or handler boundary), if
    /// there is one; <paramref name="isEntered"/> says whether anything jumps to an instruction.</summary>
    public static bool[]? Find(MethodContext method, Func<int, int?> onlyJumpFrom, Func<int, bool> isEntered)
    {
        var code = method.Instructions;
        bool[]? guarded = null;
        for (var c = 0; c < code.Length; c++)
        {
            if (!IsBoundsCheck(code, c, out var index, out var array, out var branch))
                continue;
            var b = method.IndexOf((Instruction)code[branch].Operand);
            if (onlyJumpFrom(b) != branch || b + 2 >= code.Length || isEntered(b + 1) || isEntered(b + 2)
                || LocalSlots.Loaded(code[b]) != array || LocalSlots.Loaded(code[b + 1]) != index || !IsElementLoad(code[b + 2])
                || !IsCounter(code, index, c) || AddressTaken(code, index) || AddressTaken(code, array))
                continue;
            guarded ??= new bool[code.Length];
            guarded[b + 2] = true;
        }
        return guarded;
    }

    /// <summary><c>ldloc i; ldloc a; ldlen; conv.i4; blt BODY</c> or
    /// <c>ldloc i; ldloc a; callvirt string::get_Length; blt BODY</c>, starting at
    /// <paramref name="at"/>; <paramref name="branch"/> is the index of the <c>blt</c>.</summary>
    private static bool IsBoundsCheck(ImmutableArray<Instruction> code, int at, out int index, out int array, out int branch)
    {
        index = array = branch = -1;
        if (at + 3 >= code.Length || LocalSlots.Loaded(code[at]) is not { } i || LocalSlots.Loaded(code[at + 1]) is not { } a)
            return false;
        var blt = code[at + 2].OpCode.Code switch
        {
            Code.Ldlen when code[at + 3].OpCode.Code == Code.Conv_I4 && at + 4 < code.Length => at + 4,
            Code.Callvirt when code[at + 2].Operand is MethodReference { Name: "get_Length", DeclaringType.FullName: "System.String" } => at + 3,
            _ => -1,
        };
        if (blt < 0 || code[blt] is not { OpCode.Code: Code.Blt or Code.Blt_S, Operand: Instruction })
            return false;
        (index, array, branch) = (i, a, blt);
        return true;
    }

    private static bool IsElementLoad(Instruction load) =>
        load.OpCode.Code is Code.Ldelem_I1 or Code.Ldelem_U1 or Code.Ldelem_I2 or Code.Ldelem_U2 or Code.Ldelem_I4 or Code.Ldelem_U4
            or Code.Ldelem_I8 or Code.Ldelem_I or Code.Ldelem_R4 or Code.Ldelem_R8 or Code.Ldelem_Ref or Code.Ldelem_Any
        || load.OpCode.Code == Code.Callvirt && load.Operand is MethodReference { Name: "get_Chars", DeclaringType.FullName: "System.String" };

    /// <summary>Local <paramref name="index"/> is stored only as <c>ldc.i4.0</c> and as
    /// <c>ldloc i; ldc.i4.1; add</c> falling straight into the bounds check at <paramref name="check"/>.</summary>
    private static bool IsCounter(ImmutableArray<Instruction> code, int index, int check)
    {
        var zeroed = false;
        for (var s = 0; s < code.Length; s++)
        {
            if (LocalSlots.Stored(code[s]) != index)
                continue;
            if (s >= 1 && code[s - 1].OpCode.Code == Code.Ldc_I4_0)
                zeroed = true;
            else if (!(s == check - 1 && s >= 3 && code[s - 1].OpCode.Code == Code.Add && code[s - 2].OpCode.Code == Code.Ldc_I4_1
                && LocalSlots.Loaded(code[s - 3]) == index))
                return false;
        }
        return zeroed;
    }

    private static bool AddressTaken(ImmutableArray<Instruction> code, int local)
    {
        foreach (var instruction in code)
            if (instruction.OpCode.Code is Code.Ldloca or Code.Ldloca_S && instruction.Operand is VariableDefinition variable && variable.Index == local)
                return true;
        return false;
    }
}
