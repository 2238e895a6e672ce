using System.Collections.Concurrent;
using System.Collections.Immutable;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// IL that cannot throw and always goes on to the next instruction: loads and stores of locals
/// and arguments, constants, arithmetic without overflow checks, comparisons, conversions, a
/// division by a constant other than 0 and -1 (<c>n / 2</c> on a <c>long</c> too, whose
/// constant is widened by a <c>conv.i8</c>), and a call to a leaf method of the same module made
/// of nothing else (<c>Mod(v) =&gt; v &gt;= m ? v - m : v</c>), and the element load of a
/// <c>foreach</c> over an array or string (<see cref="Sharing.GuardedElementLoads"/>). What
/// <see cref="Sharing.ImpliedLineProbes"/> may walk through between a probe and the statement it implies.
/// <para>
/// One per module (what it decides is by metadata row), made for the module's planning and
/// passed to whatever asks: every body is decided from its planner's copy
/// (<see cref="DecideFrom"/>) before it is changed (<see cref="DecidedBeforeChanging"/>).
/// </para>
/// </summary>
internal sealed class NonThrowingCode
{
    /// <summary>Whether instruction <paramref name="index"/> of <paramref name="code"/> cannot
    /// throw. <paramref name="isEntered"/> says whether control can reach an instruction other
    /// than from the one before it (then the divisor pushed before a division is not the only one);
    /// <paramref name="guardedLoads"/> marks the element loads its loop has checked, if any.</summary>
    public bool CannotThrow(ImmutableArray<Instruction> code, int index, Func<int, bool> isEntered, bool[]? guardedLoads = null)
    {
        var instruction = code[index];
        if (guardedLoads is not null && guardedLoads[index])
            return true;
        return instruction.OpCode.Code switch
        {
            Code.Div or Code.Div_Un or Code.Rem or Code.Rem_Un => IsSafeConstantDivisor(code, index, isEntered),
            Code.Call => instruction.Operand is MethodDefinition callee && AlwaysReturns(callee),
            _ => IsStraight(instruction.OpCode.Code),
        };
    }

    private static bool IsStraight(Code code)
    {
        switch (code)
        {
            case Code.Nop or Code.Dup or Code.Pop or Code.Ldnull or Code.Ldstr:
            case Code.Ldarg or Code.Ldarg_S or Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3 or Code.Ldarga or Code.Ldarga_S:
            case Code.Starg or Code.Starg_S:
            case Code.Ldloc or Code.Ldloc_S or Code.Ldloc_0 or Code.Ldloc_1 or Code.Ldloc_2 or Code.Ldloc_3 or Code.Ldloca or Code.Ldloca_S:
            case Code.Stloc or Code.Stloc_S or Code.Stloc_0 or Code.Stloc_1 or Code.Stloc_2 or Code.Stloc_3:
            case Code.Ldc_I4 or Code.Ldc_I4_S or Code.Ldc_I4_M1 or Code.Ldc_I4_0 or Code.Ldc_I4_1 or Code.Ldc_I4_2 or Code.Ldc_I4_3
                or Code.Ldc_I4_4 or Code.Ldc_I4_5 or Code.Ldc_I4_6 or Code.Ldc_I4_7 or Code.Ldc_I4_8 or Code.Ldc_I8 or Code.Ldc_R4 or Code.Ldc_R8:
            case Code.Add or Code.Sub or Code.Mul or Code.And or Code.Or or Code.Xor or Code.Shl or Code.Shr or Code.Shr_Un or Code.Neg or Code.Not:
            case Code.Ceq or Code.Cgt or Code.Cgt_Un or Code.Clt or Code.Clt_Un:
            case Code.Conv_I1 or Code.Conv_I2 or Code.Conv_I4 or Code.Conv_I8 or Code.Conv_U1 or Code.Conv_U2 or Code.Conv_U4 or Code.Conv_U8
                or Code.Conv_I or Code.Conv_U or Code.Conv_R4 or Code.Conv_R8 or Code.Conv_R_Un:
                return true;
            default:
                return false;
        }
    }

    /// <summary>A division whose divisor is a constant other than 0 and -1 (the only ones that
    /// throw, -1 for the smallest value), pushed just before it, or just before a sign-extending
    /// widening of it, with no other way into the division.</summary>
    private static bool IsSafeConstantDivisor(ImmutableArray<Instruction> code, int index, Func<int, bool> isEntered)
    {
        var at = index - 1;
        if (at < 0 || isEntered(index))
            return false;
        if (code[at].OpCode.Code is Code.Conv_I8 or Code.Conv_I)
        {
            if (isEntered(at) || --at < 0)
                return false;
        }
        return Constant(code[at]) is { } divisor and not (0 or -1);
    }

    private static long? Constant(Instruction instruction) =>
        instruction.OpCode.Code == Code.Ldc_I8 ? (long)instruction.Operand : ShortForms.Int32ConstantOf(instruction);

    // What is decided about the module's methods and types, by row number: small helpers are
    // called from everywhere, on any planning thread, so each is decided once.
    private readonly ConcurrentDictionary<uint, bool> _leaves = new();
    private readonly ConcurrentDictionary<uint, bool> _staticConstructors = new();
    // A method's body is read and changed under the lock of its stripe.
    private readonly Lock[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];

    private Lock LockOf(MethodDefinition method) => _stripes[method.MetadataToken.RID % (uint)_stripes.Length];

    /// <summary>
    /// Runs <paramref name="change"/>, which probes or empties <paramref name="method"/>'s body,
    /// once it is decided whether calls to the method always come back. Planners of other bodies read a
    /// callee's code, and bodies are probed while others are still being planned: the decision
    /// is taken from the original code, and under the lock that <see cref="AlwaysReturns"/>
    /// takes to read it, so no planner reads a body while it changes.
    /// </summary>
    public void DecidedBeforeChanging(MethodDefinition method, Action change)
    {
        lock (LockOf(method))
        {
            _ = AlwaysReturns(method);
            change();
        }
    }

    /// <summary>
    /// A method of the module whose body calls nothing, handles nothing, never jumps backwards
    /// (so it cannot loop) and is made only of code that cannot throw, with branches and
    /// returns: a call to it always comes back (short of a stack overflow, which ends the
    /// process). Anything virtual, generic, external, touching a field or an array, or on a
    /// type with a static constructor (which a call may run, and which may throw) is not.
    /// </summary>
    /// <remarks>Deciding never asks about another callee (a call ends it), and changing a body
    /// decides only about that body: no thread holds two stripes at once.</remarks>
    /// <param name="planned">The callee's code when its planner has a copy of it; otherwise
    /// deciding copies it.</param>
    private bool AlwaysReturns(MethodDefinition callee, ImmutableArray<Instruction>? planned = null)
    {
        var row = callee.MetadataToken.RID;
        if (_leaves.TryGetValue(row, out var known))
            return known;
        lock (LockOf(callee))
            return _leaves.GetOrAdd(row, static (_, c) => c.Self.Decide(c.Callee, c.Planned), (Self: this, Callee: callee, Planned: planned));
    }

    /// <summary>Decides about the body being planned, from the planner's copy of its code
    /// rather than one of its own: every body is asked about before it is changed.</summary>
    public void DecideFrom(MethodContext context) => _ = AlwaysReturns(context.Method, context.Instructions);

    private bool Decide(MethodDefinition method, ImmutableArray<Instruction>? planned)
    {
        if (!method.HasBody || method.HasGenericParameters || method.IsVirtual || method.IsPInvokeImpl || method.IsInternalCall
            || method.DeclaringType.HasGenericParameters || HasStaticConstructor(method))
            return false;
        var body = method.Body;
        if (body.HasExceptionHandlers)
            return false;
        var code = planned ?? body.Instructions.ToImmutableArray();
        var entered = new HashSet<Instruction>();
        foreach (var instruction in code)
        {
            if (instruction.Operand is Instruction target && !Enter(entered, instruction, target))
                return false;
            if (instruction.Operand is Instruction[] table)
                foreach (var entry in table)
                    if (!Enter(entered, instruction, entry))
                        return false;
        }
        for (var i = 0; i < code.Length; i++)
        {
            var flow = code[i].OpCode.FlowControl;
            if (flow is FlowControl.Return || flow is FlowControl.Branch or FlowControl.Cond_Branch && code[i].OpCode.Code is not (Code.Leave or Code.Leave_S))
                continue;
            if (code[i].OpCode.Code == Code.Call || !CannotThrow(code, i, at => entered.Contains(code[at])))
                return false;
        }
        return true;
    }

    // Per type, decided once: a large type has thousands of methods, and many callees.
    private bool HasStaticConstructor(MethodDefinition method) =>
        _staticConstructors.GetOrAdd(method.DeclaringType.MetadataToken.RID,
            static (_, t) => t.Methods.Any(m => m.IsConstructor && m.IsStatic), method.DeclaringType);

    /// <summary>Notes a jump to <paramref name="target"/>; false for one backwards (a loop: it
    /// may not come back).</summary>
    private static bool Enter(HashSet<Instruction> entered, Instruction jump, Instruction target)
    {
        if (target.Offset <= jump.Offset)
            return false;
        entered.Add(target);
        return true;
    }
}
