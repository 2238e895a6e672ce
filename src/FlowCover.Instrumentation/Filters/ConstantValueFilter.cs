using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// The compiler often turns a condition into a constant before testing it: patterns store
/// <c>true</c>/<c>false</c> into a temporary on each path (<c>ldc.i4.1; stloc.0 ... ldc.i4.0;
/// stloc.0; ldloc.0; brfalse</c>), Debug copies that into another temporary, and switch
/// expressions in Debug open with <c>ldc.i4.1; brtrue</c>. A branch on a value that is a
/// constant on every path reaching it was already decided by the branches that chose the
/// constant, so it is no decision of its own.
/// </summary>
public sealed class ConstantValueFilter : ICompilerPatternFilter
{
    private const int MaxDepth = 4;

    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
        {
            if (branch.OpCode.Code is not (Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S)
                || branch.Previous is not { } tested || !IsConstantOrLocal(tested))
                continue;
            var region = RegionStart(method, branch);
            if (IsConstant(method, tested, region, MaxDepth) && JumpsPushConstants(method, branch, region, MaxDepth))
                output.IgnoreBranch(branch);
        }
    }

    /// <summary>Whether <paramref name="value"/>, read by <paramref name="branch"/>'s test, is a
    /// constant on every path from its statement's start (<see cref="NegatedPatternFilter"/>).</summary>
    internal static bool IsConstantAt(MethodContext method, Instruction value, Instruction branch) =>
        IsConstantOrLocal(value) && IsConstant(method, value, RegionStart(method, branch), MaxDepth);

    /// <summary>Stores that feed the test are looked for from the statement's start on.</summary>
    internal static int RegionStart(MethodContext method, Instruction branch)
    {
        var statement = method.StatementOf(branch);
        var index = method.IndexOf(branch);
        while (index > 0 && method.PointAt(method.Instructions[index]) != statement)
            index--;
        return index;
    }

    /// <summary>Whether <paramref name="value"/> pushes a constant: an <c>ldc.i4</c>, a <c>ceq</c>
    /// of two (Debug's <c>x is not T y</c> where <c>x</c> is a <c>T</c>: the null test's way past
    /// pushes <c>ldc.i4.1; ldc.i4.0; ceq</c>, the pattern's value negated), or a load of a local
    /// whose every store in the region stores a constant.</summary>
    /// <remarks>A store that is itself a jump target stores whatever each path into it
    /// pushed, so every one of those paths must push a constant.</remarks>
    private static bool IsConstant(MethodContext method, Instruction value, int regionStart, int depth)
    {
        if (ShortForms.IsInt32Constant(value) || IsComparedConstants(method, value))
            return true;
        if (depth == 0 || LocalSlots.Loaded(value) is not { } slot)
            return false;
        var stores = 0;
        for (var i = regionStart; i < method.IndexOf(value); i++)
        {
            var store = method.Instructions[i];
            if (LocalSlots.Stored(store) != slot)
                continue;
            stores++;
            if (store.Previous is not { } stored || !IsConstant(method, stored, regionStart, depth - 1)
                || !JumpsPushConstants(method, store, regionStart, depth - 1))
                return false;
        }
        return stores > 0;
    }

    /// <summary>Whether every <c>br</c> to <paramref name="target"/> brings a constant. A
    /// <c>br</c> that is itself jumped to is a join too, and brings what every path into it
    /// pushed: Debug's <c>a &amp;&amp; (b || c)</c> joins <c>c</c>'s value with <c>b</c>'s
    /// constant there before joining <c>a</c>'s. (Its own method so the lambda's closure is made
    /// only when asked, not once per instruction.)</summary>
    private static bool JumpsPushConstants(MethodContext method, Instruction target, int regionStart, int depth) =>
        method.JumpsTo(target).All(j => j.Previous is { } pushed && IsConstant(method, pushed, regionStart, depth)
            && (depth == 0 ? !method.JumpsTo(j).Any() : JumpsPushConstants(method, j, regionStart, depth - 1)));

    /// <summary><c>ldc.i4; ldc.i4; ceq</c>, entered only at its start: a constant, never a value a
    /// filter may probe as a condition's (<see cref="PatternValueFilter"/>, <see cref="PropertyPatternResultFilter"/>).</summary>
    internal static bool IsComparedConstants(MethodContext method, Instruction value) =>
        value.OpCode.Code == Code.Ceq && value.Previous is { } right && ShortForms.IsInt32Constant(right)
        && ShortForms.IsInt32Constant(right.Previous) && !method.JumpTargets.Contains(right) && !method.JumpTargets.Contains(value);

    private static bool IsConstantOrLocal(Instruction value) => ShortForms.IsInt32Constant(value) || LocalSlots.Loaded(value) is not null;
}
