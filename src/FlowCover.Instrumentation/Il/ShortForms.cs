using System.Diagnostics.CodeAnalysis;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>
/// Keeps instrumented IL compact, which matters at run time: the JIT decides whether to inline
/// a method by its IL size. Short branches are widened before probes go in (a one-byte
/// displacement may no longer reach) and narrowed again in one pass afterwards; probe code is
/// created in its shortest form to begin with. Cecil's <c>OptimizeMacros</c> does the same
/// but recomputes every offset after each branch it narrows, which is quadratic in a method's
/// size.
/// </summary>
internal static class ShortForms
{
    /// <summary>Turns every short branch into its long form.</summary>
    public static void WidenBranches(MethodBody body)
    {
        foreach (var instruction in body.Instructions)
            if (instruction.OpCode.OperandType == OperandType.ShortInlineBrTarget)
                instruction.OpCode = Long(instruction.OpCode.Code);
    }

    /// <summary>
    /// Narrows every branch whose target a one-byte displacement reaches. Offsets are computed
    /// once with all branches long; narrowing only shrinks the code between a branch and its
    /// target, so a displacement that fits measured from the long form's end still fits after
    /// any number of branches are narrowed (the test Cecil makes, without its re-measuring).
    /// Returns the size of the code afterwards: each branch narrowed is 3 bytes shorter (a
    /// one-byte opcode with a one-byte displacement instead of four).
    /// </summary>
    public static int NarrowBranches(MethodBody body)
    {
        var offset = 0;
        foreach (var instruction in body.Instructions)
        {
            instruction.Offset = offset;
            offset += ProbeCode.SizeOf(instruction);
        }
        var narrowed = 0;
        foreach (var instruction in body.Instructions)
        {
            if (instruction.OpCode.OperandType != OperandType.InlineBrTarget)
                continue;
            var displacement = ((Instruction)instruction.Operand).Offset - (instruction.Offset + instruction.GetSize());
            if (displacement is >= sbyte.MinValue and <= sbyte.MaxValue)
            {
                instruction.OpCode = Short(instruction.OpCode.Code);
                narrowed++;
            }
        }
        return offset - 3 * narrowed;
    }

    /// <summary>The value an <c>ldc.i4</c> in any of its forms pushes; null for anything else.</summary>
    public static int? Int32ConstantOf(Instruction instruction) => instruction.OpCode.Code switch
    {
        >= Code.Ldc_I4_0 and <= Code.Ldc_I4_8 => instruction.OpCode.Code - Code.Ldc_I4_0,
        Code.Ldc_I4_M1 => -1,
        Code.Ldc_I4_S => (sbyte)instruction.Operand,
        Code.Ldc_I4 => (int)instruction.Operand,
        _ => null,
    };

    /// <summary>Whether the instruction is an <c>ldc.i4</c> in any of its forms.</summary>
    public static bool IsInt32Constant([NotNullWhen(true)] Instruction? instruction) => instruction is not null && Int32ConstantOf(instruction) is not null;

    public static Instruction LoadConstant(int value) => value switch
    {
        -1 => Instruction.Create(OpCodes.Ldc_I4_M1),
        0 => Instruction.Create(OpCodes.Ldc_I4_0),
        1 => Instruction.Create(OpCodes.Ldc_I4_1),
        2 => Instruction.Create(OpCodes.Ldc_I4_2),
        3 => Instruction.Create(OpCodes.Ldc_I4_3),
        4 => Instruction.Create(OpCodes.Ldc_I4_4),
        5 => Instruction.Create(OpCodes.Ldc_I4_5),
        6 => Instruction.Create(OpCodes.Ldc_I4_6),
        7 => Instruction.Create(OpCodes.Ldc_I4_7),
        8 => Instruction.Create(OpCodes.Ldc_I4_8),
        >= sbyte.MinValue and <= sbyte.MaxValue => Instruction.Create(OpCodes.Ldc_I4_S, (sbyte)value),
        _ => Instruction.Create(OpCodes.Ldc_I4, value),
    };

    public static Instruction LoadLocal(VariableDefinition local) =>
        Local(local, [OpCodes.Ldloc_0, OpCodes.Ldloc_1, OpCodes.Ldloc_2, OpCodes.Ldloc_3], OpCodes.Ldloc_S, OpCodes.Ldloc);

    public static Instruction StoreLocal(VariableDefinition local) =>
        Local(local, [OpCodes.Stloc_0, OpCodes.Stloc_1, OpCodes.Stloc_2, OpCodes.Stloc_3], OpCodes.Stloc_S, OpCodes.Stloc);

    private static Instruction Local(VariableDefinition local, OpCode[] implicitIndex, OpCode byteIndex, OpCode wordIndex) => local.Index switch
    {
        < 4 => Instruction.Create(implicitIndex[local.Index]),
        < 256 => Instruction.Create(byteIndex, local),
        _ => Instruction.Create(wordIndex, local),
    };

    private static OpCode Long(Code code) => code switch
    {
        Code.Br_S => OpCodes.Br,
        Code.Brfalse_S => OpCodes.Brfalse,
        Code.Brtrue_S => OpCodes.Brtrue,
        Code.Beq_S => OpCodes.Beq,
        Code.Bge_S => OpCodes.Bge,
        Code.Bgt_S => OpCodes.Bgt,
        Code.Ble_S => OpCodes.Ble,
        Code.Blt_S => OpCodes.Blt,
        Code.Bne_Un_S => OpCodes.Bne_Un,
        Code.Bge_Un_S => OpCodes.Bge_Un,
        Code.Bgt_Un_S => OpCodes.Bgt_Un,
        Code.Ble_Un_S => OpCodes.Ble_Un,
        Code.Blt_Un_S => OpCodes.Blt_Un,
        Code.Leave_S => OpCodes.Leave,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a short branch"),
    };

    private static OpCode Short(Code code) => code switch
    {
        Code.Br => OpCodes.Br_S,
        Code.Brfalse => OpCodes.Brfalse_S,
        Code.Brtrue => OpCodes.Brtrue_S,
        Code.Beq => OpCodes.Beq_S,
        Code.Bge => OpCodes.Bge_S,
        Code.Bgt => OpCodes.Bgt_S,
        Code.Ble => OpCodes.Ble_S,
        Code.Blt => OpCodes.Blt_S,
        Code.Bne_Un => OpCodes.Bne_Un_S,
        Code.Bge_Un => OpCodes.Bge_Un_S,
        Code.Bgt_Un => OpCodes.Bgt_Un_S,
        Code.Ble_Un => OpCodes.Ble_Un_S,
        Code.Blt_Un => OpCodes.Blt_Un_S,
        Code.Leave => OpCodes.Leave_S,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "not a long branch"),
    };
}
