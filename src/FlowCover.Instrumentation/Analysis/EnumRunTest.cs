using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Whether a test compares exactly the enum members a pattern's condition writes
/// (<c>q is Color.Red or Color.Green</c>, tested as <c>q - 1 &lt;= 1u</c>; <c>is Color.Blue</c>
/// in an <c>or</c>, a <c>beq</c> on its number, or a truth test for 0): each value it matches is,
/// in the enum of the value tested, the one member of that number, and together they are the
/// condition's members (docs/annotations.md, "How reports name an outcome"). The source alone
/// cannot say the members' numbers, so without this a test of another value (the compiler's own
/// test of a stored result) could be lined up with a member; the enum's definition says.
/// </summary>
internal static class EnumRunTest
{
    /// <summary><paramref name="values"/>: the values <paramref name="test"/> matches when it is a
    /// compare of a constant, a range check or a jump table; null for any other test, which
    /// matches only as a truth test of the member of number 0.</summary>
    public static bool Matches(MethodContext method, Instruction test, IReadOnlyCollection<long>? values, IReadOnlyList<(string Type, string Name)> members)
    {
        if (values is null && test.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S)
            values = [0];
        if (values is null || values.Count != members.Count || TestedLoad(test, values.Count == 1 && IsTruthTest(test)) is not { } load)
            return false;
        var matched = new HashSet<(string Type, string Name)>();
        foreach (var value in values)
        {
            if (SwitchLabelMatch.EnumMemberOf(method, load, value) is not { } member)
                return false;
            matched.Add((member.Type, member.Name));
        }
        return matched.SetEquals(members);
    }

    /// <summary>The load of the value a test compares: <c>v; brtrue</c>, <c>v; ldc k; beq</c>, a
    /// range check (<c>v; [ldc first; sub;] ldc n; ble.un</c>) or a jump table (<c>v; [ldc first;
    /// sub;] switch</c>).</summary>
    private static Instruction? TestedLoad(Instruction test, bool truth)
    {
        if (truth)
            return test.Previous;
        var before = test.OpCode.Code == Code.Switch ? test.Previous : test.Previous?.Previous;
        return before is { OpCode.Code: Code.Sub } ? before.Previous?.Previous : before;
    }

    private static bool IsTruthTest(Instruction test) => test.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S;
}
