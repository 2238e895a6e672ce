using System.Text.RegularExpressions;
using FlowCover.Instrumentation.Analysis;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// An interpolated string of one string hole and nothing else (<c>$"{Name(s)}"</c>) is that
/// string, or <c>""</c> for null: the compiler lowers it to <c>Name(s) ?? ""</c>,
/// <code>
/// call Name; dup; brtrue L; pop; ldstr ""; L: ...
/// </code>
/// That test is the interpolation's, not a decision the user wrote. The IL is the same as a
/// <c>?? ""</c> written out, so the source decides: the statement holds such an interpolation and
/// no <c>??</c> of its own (<see cref="Source.SourceDocument.HoldsOneHoleInterpolationOnly"/>);
/// where it holds both, the test stays counted.
/// </summary>
public sealed partial class OneHoleInterpolationFilter : ICompilerPatternFilter
{
    [GeneratedRegex(@"\$")]
    private static partial Regex Interpolation();

    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (IsEmptyStringDefault(branch) && method.StatementOf(branch) is { } statement
                && method.Sources.Matches(statement, Interpolation()) && method.Sources.HoldsOneHoleInterpolationOnly(statement))
                output.IgnoreBranch(branch);
    }

    /// <summary><c>dup; brtrue L; pop; ldstr ""; L:</c>: the value kept unless null, then <c>""</c>.</summary>
    private static bool IsEmptyStringDefault(Instruction branch) =>
        branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S && branch.Previous?.OpCode.Code == Code.Dup
        && branch.Next is { OpCode.Code: Code.Pop, Next: { OpCode.Code: Code.Ldstr, Operand: "" } empty } && empty.Next == branch.Operand;
}
