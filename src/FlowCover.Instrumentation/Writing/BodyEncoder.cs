using System.Buffers.Binary;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// Turns a body Cecil holds (probes inserted, branches narrowed) into the bytes of a method
/// body (ECMA-335 II.25.4): header, code, exception clauses. Operands become tokens through
/// <see cref="OperandTokens"/>; each instruction's <c>Offset</c> is set to where it now is.
/// </summary>
internal static class BodyEncoder
{
    private const int TinyLimit = 64;

    /// <param name="localSignature">The StandAloneSig token of the body's locals, 0 for none.</param>
    /// <param name="substitute">Replaces constant operands other than tokens (the tracker's
    /// number placeholders); null keeps them.</param>
    public static byte[] Encode(MethodBody body, OperandTokens tokens, int localSignature, Func<object, object>? substitute = null)
    {
        var codeSize = 0;
        foreach (var instruction in body.Instructions)
        {
            instruction.Offset = codeSize;
            codeSize += ProbeCode.SizeOf(instruction);
        }
        var maxStack = Math.Max(MaxStack.Of(body, codeSize), body.MaxStackSize);
        var tiny = codeSize < TinyLimit && maxStack <= 8 && localSignature == 0 && !body.HasExceptionHandlers;
        var headerSize = tiny ? 1 : 12;
        var clauses = body.HasExceptionHandlers ? ClauseBytes(body, tokens, codeSize) : [];
        var clausesAt = headerSize + codeSize + 3 & ~3;
        var bytes = new byte[clauses.Length == 0 ? headerSize + codeSize : clausesAt + clauses.Length];
        if (tiny)
        {
            bytes[0] = (byte)(codeSize << 2 | 0x2);
        }
        else
        {
            var flags = 0x3003 | (body.InitLocals ? 0x10 : 0) | (clauses.Length > 0 ? 0x08 : 0);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)flags);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)maxStack);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), codeSize);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), localSignature);
        }
        var code = bytes.AsSpan(headerSize, codeSize);
        foreach (var instruction in body.Instructions)
            WriteInstruction(code[instruction.Offset..], instruction, body.Method, tokens, substitute);
        if (clauses.Length > 0)
            clauses.CopyTo(bytes, clausesAt);
        return bytes;
    }

    /// <summary>Where the code of an encoded body starts: after a tiny header's one byte or a
    /// fat header's twelve.</summary>
    public static int CodeStart(byte[] encoded) => (encoded[0] & 0x3) == 0x3 ? 12 : 1;

    private static void WriteInstruction(Span<byte> at, Instruction instruction, MethodDefinition method, OperandTokens tokens, Func<object, object>? substitute)
    {
        if (instruction.Operand is ProbeCode probe)
        {
            probe.WriteTo(at);
            return;
        }
        var opCode = instruction.OpCode;
        if (opCode.Size == 1)
        {
            at[0] = opCode.Op2;
        }
        else
        {
            at[0] = opCode.Op1;
            at[1] = opCode.Op2;
        }
        var operandAt = at[opCode.Size..];
        var operand = instruction.Operand is { } value && substitute is not null && !OperandTokens.HasToken(opCode.OperandType)
            ? substitute(value)
            : instruction.Operand;
        var end = instruction.Offset + instruction.GetSize();
        switch (opCode.OperandType)
        {
            case OperandType.InlineNone:
                break;
            case OperandType.ShortInlineBrTarget:
                operandAt[0] = (byte)checked((sbyte)(((Instruction)operand!).Offset - end));
                break;
            case OperandType.InlineBrTarget:
                BinaryPrimitives.WriteInt32LittleEndian(operandAt, ((Instruction)operand!).Offset - end);
                break;
            case OperandType.InlineSwitch:
                var targets = (Instruction[])operand!;
                BinaryPrimitives.WriteInt32LittleEndian(operandAt, targets.Length);
                for (var k = 0; k < targets.Length; k++)
                    BinaryPrimitives.WriteInt32LittleEndian(operandAt[(4 + 4 * k)..], targets[k].Offset - end);
                break;
            case OperandType.ShortInlineI:
                operandAt[0] = operand is sbyte s ? (byte)s : (byte)operand!;
                break;
            case OperandType.InlineI:
                BinaryPrimitives.WriteInt32LittleEndian(operandAt, (int)operand!);
                break;
            case OperandType.InlineI8:
                BinaryPrimitives.WriteInt64LittleEndian(operandAt, (long)operand!);
                break;
            case OperandType.ShortInlineR:
                BinaryPrimitives.WriteSingleLittleEndian(operandAt, (float)operand!);
                break;
            case OperandType.InlineR:
                BinaryPrimitives.WriteDoubleLittleEndian(operandAt, (double)operand!);
                break;
            case OperandType.ShortInlineVar:
                operandAt[0] = checked((byte)((VariableDefinition)operand!).Index);
                break;
            case OperandType.InlineVar:
                BinaryPrimitives.WriteUInt16LittleEndian(operandAt, checked((ushort)((VariableDefinition)operand!).Index));
                break;
            case OperandType.ShortInlineArg:
                operandAt[0] = checked((byte)ArgumentIndex((ParameterDefinition)operand!, method));
                break;
            case OperandType.InlineArg:
                BinaryPrimitives.WriteUInt16LittleEndian(operandAt, checked((ushort)ArgumentIndex((ParameterDefinition)operand!, method)));
                break;
            default:
                BinaryPrimitives.WriteInt32LittleEndian(operandAt, tokens[operand!]);
                break;
        }
    }

    /// <summary>The argument number IL uses: <c>this</c> is 0 in an instance method.</summary>
    private static int ArgumentIndex(ParameterDefinition parameter, MethodDefinition method)
    {
        if (method.HasThis && !method.ExplicitThis)
            return parameter == method.Body.ThisParameter ? 0 : parameter.Index + 1;
        return parameter.Index;
    }

    /// <summary>The exception clauses section (II.25.4.5), small when every clause fits it.</summary>
    private static byte[] ClauseBytes(MethodBody body, OperandTokens tokens, int codeSize)
    {
        var handlers = body.ExceptionHandlers;
        var clauses = new (int Flags, int TryStart, int TryLength, int HandlerStart, int HandlerLength, int Extra)[handlers.Count];
        var small = handlers.Count * 12 + 4 <= byte.MaxValue;
        for (var k = 0; k < handlers.Count; k++)
        {
            var h = handlers[k];
            int tryStart = h.TryStart.Offset, tryEnd = h.TryEnd?.Offset ?? codeSize;
            int handlerStart = h.HandlerStart.Offset, handlerEnd = h.HandlerEnd?.Offset ?? codeSize;
            var extra = h.HandlerType switch
            {
                ExceptionHandlerType.Catch => tokens[h.CatchType],
                ExceptionHandlerType.Filter => h.FilterStart.Offset,
                _ => 0,
            };
            clauses[k] = ((int)h.HandlerType, tryStart, tryEnd - tryStart, handlerStart, handlerEnd - handlerStart, extra);
            small &= tryStart <= ushort.MaxValue && tryEnd - tryStart <= byte.MaxValue
                && handlerStart <= ushort.MaxValue && handlerEnd - handlerStart <= byte.MaxValue;
        }
        var bytes = new byte[4 + clauses.Length * (small ? 12 : 24)];
        if (small)
        {
            bytes[0] = 0x01;
            bytes[1] = (byte)bytes.Length;
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes, 0x41 | bytes.Length << 8);
        }
        var at = bytes.AsSpan(4);
        foreach (var c in clauses)
        {
            if (small)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)c.Flags);
                BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)c.TryStart);
                at[4] = (byte)c.TryLength;
                BinaryPrimitives.WriteUInt16LittleEndian(at[5..], (ushort)c.HandlerStart);
                at[7] = (byte)c.HandlerLength;
                BinaryPrimitives.WriteInt32LittleEndian(at[8..], c.Extra);
                at = at[12..];
            }
            else
            {
                BinaryPrimitives.WriteInt32LittleEndian(at, c.Flags);
                BinaryPrimitives.WriteInt32LittleEndian(at[4..], c.TryStart);
                BinaryPrimitives.WriteInt32LittleEndian(at[8..], c.TryLength);
                BinaryPrimitives.WriteInt32LittleEndian(at[12..], c.HandlerStart);
                BinaryPrimitives.WriteInt32LittleEndian(at[16..], c.HandlerLength);
                BinaryPrimitives.WriteInt32LittleEndian(at[20..], c.Extra);
                at = at[24..];
            }
        }
        return bytes;
    }
}
