using System.Text.RegularExpressions;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A pattern test whose value is kept rather than tested (<c>var isText = value is string;</c>,
/// <c>=&gt; x is &gt; 0</c>) is a decision of two outcomes (docs/annotations.md, "What is a branch"),
/// but the compiler computes it with one comparison and no branch:
/// <code>
///     ldarg value; isinst String; ldnull; cgt.un; stloc isText
///     ldarg x; ldc.i4.0; cgt; ret                     (is not &gt; 0: cgt; ldc.i4.0; ceq)
/// </code>
/// Its value is probed where the comparison leaves it. Only where the source says the statement's
/// comparisons can be such patterns alone (other decisions beside them branch:
/// <c>Use(f ? 1 : 2, x is null)</c>), and the IL has exactly one comparison for each: then the
/// comparisons, in IL order, are the patterns, in source order.
/// </summary>
public sealed partial class PatternValueFilter : ICompilerPatternFilter
{
    [GeneratedRegex(@"\bis\b")]
    private static partial Regex IsKeyword();

    public void Apply(MethodContext method, FilterOutput output)
    {
        SequencePoint? statement = null;
        var comparisons = new List<Instruction>();
        foreach (var at in method.Instructions)
        {
            if (method.StatementOf(at) is var owner && owner != statement)
            {
                Probe(method, output, statement, comparisons);
                statement = owner;
                comparisons.Clear();
            }
            if (IsComparison(at) && !IsNegated(at.Previous) && !ConstantValueFilter.IsComparedConstants(method, at))
                comparisons.Add(at);
        }
        Probe(method, output, statement, comparisons);
    }

    private static void Probe(MethodContext method, FilterOutput output, SequencePoint? statement, List<Instruction> comparisons)
    {
        if (statement is null || comparisons.Count == 0 || !method.Sources.Matches(statement, IsKeyword())
            || OutcomeLabels.PatternValuesOf(method, statement) != comparisons.Count)
            return;
        foreach (var comparison in comparisons)
            if (comparison.Next is { } next)
                output.ProbeValue(new StackValueProbe(IsNegation(next) ? next.Next.Next : next) { Line = statement.StartLine });
    }

    /// <summary>A comparison, or a call to an <c>op_Equality</c> (a string or decimal constant).</summary>
    private static bool IsComparison(Instruction at) =>
        at.OpCode.Code is Code.Ceq or Code.Cgt or Code.Cgt_Un or Code.Clt or Code.Clt_Un
        || at.OpCode.Code == Code.Call && at.Operand is MethodReference { Name: "op_Equality" };

    /// <summary><c>ldc.i4.0; ceq</c> after a comparison: its negation (<c>not</c>, <c>&gt;=</c>).</summary>
    private static bool IsNegation(Instruction? at) => at is { OpCode.Code: Code.Ldc_I4_0, Next: { OpCode.Code: Code.Ceq, Next: not null } };

    /// <summary>Whether a <c>ceq</c> at <paramref name="previous"/>'s next negates the comparison
    /// before <paramref name="previous"/>.</summary>
    private static bool IsNegated(Instruction? previous) => previous?.Previous is { } comparison && IsComparison(comparison) && IsNegation(previous);
}
