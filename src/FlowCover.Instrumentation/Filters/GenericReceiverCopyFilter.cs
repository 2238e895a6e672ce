using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A call on a receiver of a type parameter (<c>builder.Add(v =&gt; ...)</c> with
/// <c>TB : IBuilder</c>) whose arguments could change the receiver variable before the call
/// must, when <c>TB</c> is a reference type, call the value the receiver had first. The compiler
/// tests which kind <c>TB</c> is at run time and copies the receiver if it is a reference:
/// <c>ldloca t; initobj TB; ldloc t; box TB; brtrue L; ldobj TB; stloc t; ldloca t; L: ...</c>.
/// That <c>default(TB) != null</c> test depends on the type argument, not on anything the
/// user decided.
/// </summary>
public sealed class GenericReceiverCopyFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var branch in method.Instructions)
            if (BranchShapes.IsDecisionOpCode(branch.OpCode) && branch.OpCode.Code != Code.Switch
                && branch.Previous is { OpCode.Code: Code.Box, Operand: GenericParameter boxed } box
                && box.Previous is { } load && LocalSlots.Loaded(load) is { } slot
                && load.Previous is { OpCode.Code: Code.Initobj, Operand: GenericParameter initialized } init && initialized == boxed
                && init.Previous is { OpCode.Code: Code.Ldloca or Code.Ldloca_S, Operand: VariableDefinition copy } && copy.Index == slot)
                output.IgnoreBranch(branch);
    }
}
