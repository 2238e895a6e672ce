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
            if (branches || last is null || !StoresTruth(method, last)
                || method.Sources.ConstantArmsConditional(point) is not { } inverted)
                continue;
            output.ProbeValue(new ComputedValueProbe(last, [Instruction.Create(OpCodes.Dup)], inverted ? "false" : "true", inverted ? "true" : "false"));
        }
    }

    /// <summary>Whether <paramref name="last"/> returns or stores the value on the stack into a
    /// <c>bool</c> or an integer of 32 bits or fewer, where 1 and 0 stay themselves (not boxed,
    /// widened, made nullable or floating: a probe then tests the value the <c>?:</c> chose).</summary>
    private static bool StoresTruth(MethodContext method, Instruction last)
    {
        var type = last.OpCode.Code switch
        {
            Code.Ret => method.Method.ReturnType,
            Code.Stloc or Code.Stloc_S or Code.Stloc_0 or Code.Stloc_1 or Code.Stloc_2 or Code.Stloc_3
                => LocalSlots.Stored(last) is { } slot && slot < method.Method.Body.Variables.Count ? method.Method.Body.Variables[slot].VariableType : null,
            Code.Starg or Code.Starg_S => (last.Operand as ParameterDefinition)?.ParameterType,
            Code.Stfld or Code.Stsfld => (last.Operand as FieldReference)?.FieldType,
            _ => null,
        };
        return type?.MetadataType is MetadataType.Boolean or MetadataType.Int32 or MetadataType.UInt32 or MetadataType.Int16
            or MetadataType.UInt16 or MetadataType.SByte or MetadataType.Byte or MetadataType.Char;
    }
}
