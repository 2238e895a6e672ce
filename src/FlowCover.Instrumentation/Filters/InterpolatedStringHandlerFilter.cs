using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// An interpolated string passed to a handler parameter (<c>span.TryWrite($"{a}-{b}", out n)</c>)
/// compiles to the handler's protocol: its constructor says through a last <c>out bool</c>
/// whether to append at all, and each <c>AppendLiteral</c>/<c>AppendFormatted</c> returns
/// whether to go on:
/// <code>
/// ldloca ok; newobj Handler(int literalLength, int formattedCount, ..., out bool); stloc h
/// ldloc ok; brfalse END; ldloca h; ...; call bool AppendFormatted(...); brfalse END; ...
/// </code>
/// Those tests are the handler's, made on the user's behalf; the user wrote no decision there.
/// </summary>
public sealed class InterpolatedStringHandlerFilter : ICompilerPatternFilter
{
    private const int MaxLookBack = 4;

    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (branch.OpCode.Code is Code.Brtrue or Code.Brtrue_S or Code.Brfalse or Code.Brfalse_S
                && branch.Previous is { } tested && (IsAppend(tested) || IsShouldAppendFlag(tested)))
                output.IgnoreBranch(branch);
    }

    /// <summary>A handler's <c>AppendLiteral</c> or <c>AppendFormatted</c> that returns whether to go on.</summary>
    private static bool IsAppend(Instruction call) =>
        call is { OpCode.Code: Code.Call or Code.Callvirt, Operand: MethodReference { Name: "AppendLiteral" or "AppendFormatted" } append }
        && append.ReturnType.MetadataType == MetadataType.Boolean;

    /// <summary>A load of the local whose address went, just before, as the last argument of a
    /// handler constructor: <c>(int literalLength, int formattedCount, ..., out bool shouldAppend)</c>.</summary>
    private static bool IsShouldAppendFlag(Instruction load)
    {
        if (LocalSlots.Loaded(load) is not { } slot)
            return false;
        var at = load.Previous;
        for (var steps = 0; at is not null && steps < MaxLookBack; steps++, at = at.Previous)
            if (at is { OpCode.Code: Code.Newobj, Operand: MethodReference constructor } && IsHandlerConstructor(constructor))
                return at.Previous is { OpCode.Code: Code.Ldloca or Code.Ldloca_S, Operand: VariableDefinition flag } && flag.Index == slot;
        return false;
    }

    private static bool IsHandlerConstructor(MethodReference constructor) =>
        constructor.Parameters is [{ ParameterType.MetadataType: MetadataType.Int32 }, { ParameterType.MetadataType: MetadataType.Int32 }, .., { ParameterType: ByReferenceType { ElementType.MetadataType: MetadataType.Boolean } }];
}
