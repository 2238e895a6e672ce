using System.Text.RegularExpressions;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A <c>?:</c> whose arms are 1 and 0 (or <c>true</c> and <c>false</c>) is a decision of two
/// outcomes (docs/annotations.md, "What is a branch"), and Debug branches on its condition; Release
/// computes the value with no branch, the condition's value itself or its negation:
/// <code>
///     =&gt; c ? 1 : 0        ldarg c; ret
///     =&gt; a &lt; b ? 1 : 0    ldarg a; ldarg b; clt; ret
///     =&gt; c ? 0 : 1        ldarg c; ldc.i4.0; ceq; ret
/// </code>
/// Where the statement is that <c>?:</c> alone, kept whole (returned, stored), and its code has
/// no branch, the value it returns or stores is probed: 1 is the arm of the condition's
/// <c>true</c> (<c>false</c> for arms the other way round), so both builds count the same outcomes.
/// So is the value an <c>add</c> or <c>sub</c> takes, where the <c>?:</c> is the right operand of
/// a <c>+</c> or <c>-</c> and the statement's one decision:
/// <code>
///     s.Start = pos + (c ? 1 : 0);      ldarg s; ldarg pos; ldarg c; ldc.i4.0; cgt.un; add; stfld
/// </code>
/// </summary>
public sealed partial class ConstantArmsConditionalFilter : ICompilerPatternFilter
{
    [GeneratedRegex(@"\?[^?.\[]")]
    private static partial Regex ConditionalOperator();

    public void Apply(MethodContext method, FilterOutput output)
    {
        var points = method.SequencePoints;
        for (var p = 0; p < points.Count; p++)
        {
            var (at, point) = points[p];
            if (point.IsHidden || !method.Sources.Matches(point, ConditionalOperator()))
                continue;
            // The statement's code: up to the next point.
            var next = p + 1 < points.Count ? points[p + 1].At : null;
            Instruction? last = null;
            var branches = false;
            for (var instruction = at; instruction is not null && instruction != next; instruction = instruction.Next)
            {
                branches |= instruction.OpCode.FlowControl is FlowControl.Cond_Branch or FlowControl.Branch;
                last = instruction;
            }
            if (branches || last is null)
                continue;
            if (StoresTruth(method, last) && method.Sources.ConstantArmsConditional(point) is { } inverted)
                Probe(output, last, inverted);
            else if (TakesTruth(at, next) is { } taker && method.Sources.ConstantArmsOperand(point) is { } operandInverted)
                Probe(output, taker, operandInverted);
        }
    }

    /// <summary>The value on the stack right before <paramref name="at"/> is the <c>?:</c>'s: 1 is
    /// the arm of its condition's <c>true</c>, or of its <c>false</c> where the arms are the other
    /// way round.</summary>
    private static void Probe(FilterOutput output, Instruction at, bool inverted) =>
        output.ProbeValue(new ComputedValueProbe(at, [Instruction.Create(OpCodes.Dup)], inverted ? "false" : "true", inverted ? "true" : "false"));

    /// <summary>
    /// In a statement whose one decision is a <c>?:</c> with arms 1 and 0 as the right operand of
    /// a <c>+</c> or <c>-</c>, the <c>add</c> or <c>sub</c> that takes its value: Release computes
    /// it as the condition's 0 or 1, a comparison (<c>ldarg c; ldc.i4.0; cgt.un</c>, <c>ceq</c>,
    /// <c>clt</c>), right before the operator, and a 32-bit integer adds it as it is (a wider one
    /// converts it first, and is not read). The one such pair in the statement's code; null
    /// where there is none or more than one.
    /// </summary>
    private static Instruction? TakesTruth(Instruction at, Instruction? next)
    {
        Instruction? taker = null;
        for (var instruction = at.Next; instruction is not null && instruction != next; instruction = instruction.Next)
        {
            if (instruction.OpCode.Code is not (Code.Add or Code.Sub or Code.Add_Ovf or Code.Sub_Ovf)
                || instruction.Previous.OpCode.Code is not (Code.Ceq or Code.Cgt or Code.Cgt_Un or Code.Clt or Code.Clt_Un))
                continue;
            if (taker is not null)
                return null;
            taker = instruction;
        }
        return taker;
    }

    /// <summary>Whether <paramref name="last"/> returns or stores the value on the stack into a
    /// <c>bool</c> or an integer of 32 bits or fewer, where 1 and 0 stay themselves (not boxed,
    /// widened, made nullable or floating: a probe then tests the value the <c>?:</c> chose).</summary>
    private static bool StoresTruth(MethodContext method, Instruction last) =>
        ValueDestination.TypeOf(last, method.Method)?.MetadataType is MetadataType.Boolean or MetadataType.Int32 or MetadataType.UInt32 or MetadataType.Int16
            or MetadataType.UInt16 or MetadataType.SByte or MetadataType.Byte or MetadataType.Char;
}
