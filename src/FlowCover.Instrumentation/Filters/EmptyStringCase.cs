using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>case "":</c> in a switch on a string: the compiler matches it by the string's length, not
/// by <c>op_Equality</c>. Debug, after the hash bucket's null test:
/// <code>
///     ldloc s; call get_Length; brfalse CASE          (the jump: the length is 0)
/// </code>
/// Release, in its dispatch on the length before the strings' characters:
/// <code>
///     ldarg s; call get_Length; stloc n; ldloc n; switch (CASE, ...)   (entry 0: the length is 0)
/// </code>
/// Either edge is taken exactly when the value is <c>""</c> (the null test is before it). Its match
/// is given as both the integer 0 and the string <c>""</c>: a switch on a string has no integer
/// labels and a switch on a length (<c>switch (s.Length) { case 0: ... }</c>) no string ones, so the
/// source's labels take the one that applies.
/// </summary>
internal static class EmptyStringCase
{
    /// <summary>Whether the edge is taken exactly when the string is empty.</summary>
    public static bool Matches(EdgeRef edge)
    {
        var branch = edge.Branch;
        var zero = branch.OpCode.Code switch
        {
            Code.Brfalse or Code.Brfalse_S => edge.Edge == 1,
            Code.Brtrue or Code.Brtrue_S => edge.Edge == EdgeRef.FallThrough,
            Code.Switch => edge.Edge == 1,
            _ => false,
        };
        return zero && IsStringLength(branch.Previous);
    }

    /// <summary>The match an empty string's edge stands for.</summary>
    public static SwitchLabelMatch Match => new(Integer: 0, String: "");

    /// <summary>Whether <paramref name="value"/> pushes a string's length: the call itself, or a
    /// load of the local it was just stored in.</summary>
    private static bool IsStringLength(Instruction? value)
    {
        if (value is not null && LocalSlots.Loaded(value) is { } slot && value.Previous is { } store && LocalSlots.Stored(store) == slot)
            value = store.Previous;
        return value is { OpCode.Code: Code.Call or Code.Callvirt, Operand: MethodReference { Name: "get_Length", DeclaringType.FullName: "System.String" } };
    }
}
