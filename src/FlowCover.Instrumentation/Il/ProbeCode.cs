using System.Buffers.Binary;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>
/// A probe's IL, held in a body as one instruction (a <c>nop</c> whose operand is this) from
/// the moment it is inserted until the body is encoded, where it is written out in full
/// (see <see cref="Probes.ProbeEmitter"/>):
/// <list type="bullet">
/// <item>set mode, <c>Hits[n] = 1</c>: <c>ldsfld Hits; ldc.i4 n; add; ldc.i4.1; stind.i1</c>;</item>
/// <item>count mode, <c>((long*)block)[n]++</c> through the method's copy of the thread's block:
/// <c>ldloc block; ldc.i4 8n; add; dup; ldind.i8; ldc.i4.1; conv.i8; add; stind.i8</c>, or in a
/// body that keeps no copy, through the block read by the probe itself: <c>call Block</c> for
/// <c>ldloc block</c>;</item>
/// <item>contexts, <c>block[n] = 1</c>: <c>ldloc block; ldc.i4 n; add; ldc.i4.1; stind.i1</c>, or,
/// where the context may have changed since the block was read (<see cref="Reloads"/>),
/// <c>call Block; dup; stloc block; ldc.i4 n; add; ldc.i4.1; stind.i1</c>.</item>
/// </list>
/// Nothing between inserting and encoding looks inside a probe: branches only ever target its
/// start, and it is stack-neutral. As five to nine instruction objects each, a large assembly's
/// probes would be millions of objects to make, lay out and encode one by one.
/// </summary>
internal sealed class ProbeCode
{
    /// <summary>How deep a probe takes the stack above where it starts: the counter's address,
    /// its copy and the value read through it, before the 1 is added (count).</summary>
    public const int StackPeak = 3;

    private const byte Ldsfld = 0x7E, Add = 0x58, LdcI4One = 0x17, StindI1 = 0x52, Call = 0x28,
        Dup = 0x25, LdindI8 = 0x4C, ConvI8 = 0x6A, StindI8 = 0x55;

    private readonly int _hitsToken; // set mode
    private readonly VariableDefinition? _block; // count mode and contexts: the method's copy of the block, if it keeps one
    private readonly bool _counts;
    private readonly int _blockToken; // the tracker's Block, to read the block again
    private readonly int _probe;

    private ProbeCode(int hitsToken, VariableDefinition? block, bool counts, int blockToken, int probe)
    {
        _hitsToken = hitsToken;
        _block = block;
        _counts = counts;
        _blockToken = blockToken;
        _probe = probe;
    }

    /// <summary>Contexts: read the thread's block again (and keep it in the local) before the
    /// store, as a call or an exception since the last read may have changed the context.</summary>
    public bool Reloads { get; set; }

    /// <summary>The bytes the probe takes in the encoded body.</summary>
    public int Size => _blockToken == 0 ? 5 + ConstantSize(_probe) + 3
        : _counts ? (_block is null ? 5 : LocalSize(_block.Index)) + ConstantSize(8 * _probe) + 7
        : (Reloads ? 5 + 1 + LocalSize(_block!.Index) : LocalSize(_block!.Index)) + ConstantSize(_probe) + 3;

    /// <summary>Set mode's probe of counter <paramref name="probe"/>, as the instruction that holds
    /// it: <paramref name="hitsToken"/> is the tracker's <c>Hits</c> field.</summary>
    public static Instruction Create(int hitsToken, int probe) => Hold(new ProbeCode(hitsToken, null, false, 0, probe));

    /// <summary>A probe through the method's copy of the thread's block, <paramref name="block"/>:
    /// an increment of a 64-bit counter when <paramref name="counts"/>, else a store of 1;
    /// <paramref name="blockToken"/> is the tracker's <c>Block</c>, for a probe that reads it
    /// (count mode in a body that keeps no copy, <paramref name="block"/> null; contexts after a call).</summary>
    public static Instruction Through(VariableDefinition? block, bool counts, int blockToken, int probe) =>
        Hold(new ProbeCode(0, block, counts, blockToken, probe));

    private static Instruction Hold(ProbeCode probe)
    {
        var instruction = Instruction.Create(OpCodes.Nop);
        instruction.Operand = probe;
        return instruction;
    }

    /// <summary>The size of <paramref name="instruction"/> once encoded, probe or not.</summary>
    public static int SizeOf(Instruction instruction) =>
        instruction.Operand is ProbeCode probe ? probe.Size : instruction.GetSize();

    /// <summary>Writes the probe's IL at the start of <paramref name="at"/>.</summary>
    public void WriteTo(Span<byte> at)
    {
        if (_blockToken == 0)
        {
            at[0] = Ldsfld;
            BinaryPrimitives.WriteInt32LittleEndian(at[1..], _hitsToken);
            var next = 5 + WriteConstant(at[5..], _probe);
            at[next] = Add;
            at[next + 1] = LdcI4One;
            at[next + 2] = StindI1;
        }
        else if (_counts)
        {
            var next = _block is null ? WriteCall(at, _blockToken) : WriteLocal(at, LoadForms, _block.Index);
            next += WriteConstant(at[next..], 8 * _probe);
            at[next] = Add;
            at[next + 1] = Dup;
            at[next + 2] = LdindI8;
            at[next + 3] = LdcI4One;
            at[next + 4] = ConvI8;
            at[next + 5] = Add;
            at[next + 6] = StindI8;
        }
        else
        {
            var block = _block!; // Contexts always keep a copy.
            int next;
            if (Reloads)
            {
                next = WriteCall(at, _blockToken);
                at[next] = Dup;
                next += 1 + WriteLocal(at[(next + 1)..], StoreForms, block.Index);
            }
            else
            {
                next = WriteLocal(at, LoadForms, block.Index);
            }
            next += WriteConstant(at[next..], _probe);
            at[next] = Add;
            at[next + 1] = LdcI4One;
            at[next + 2] = StindI1;
        }
    }

    private static int WriteCall(Span<byte> at, int token)
    {
        at[0] = Call;
        BinaryPrimitives.WriteInt32LittleEndian(at[1..], token);
        return 5;
    }

    // ldloc.0 (stloc.0), ldloc.s (stloc.s), and the second byte of ldloc (stloc) after 0xFE.
    private static readonly (byte First, byte Short, byte Long) LoadForms = (0x06, 0x11, 0x0C);
    private static readonly (byte First, byte Short, byte Long) StoreForms = (0x0A, 0x13, 0x0E);

    private static int LocalSize(int index) => index <= 3 ? 1 : index <= byte.MaxValue ? 2 : 4;

    private static int WriteLocal(Span<byte> at, (byte First, byte Short, byte Long) forms, int index)
    {
        switch (LocalSize(index))
        {
            case 1:
                at[0] = (byte)(forms.First + index);
                return 1;
            case 2:
                at[0] = forms.Short;
                at[1] = (byte)index;
                return 2;
            default:
                at[0] = 0xFE;
                at[1] = forms.Long;
                BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)index);
                return 4;
        }
    }

    /// <summary>The shortest <c>ldc.i4</c> form, as <see cref="ShortForms.LoadConstant"/> picks it.</summary>
    private static int ConstantSize(int value) => value switch
    {
        >= -1 and <= 8 => 1,
        >= sbyte.MinValue and <= sbyte.MaxValue => 2,
        _ => 5,
    };

    private static int WriteConstant(Span<byte> at, int value)
    {
        switch (ConstantSize(value))
        {
            case 1:
                at[0] = (byte)(0x16 + value); // ldc.i4.m1 is 0x15, ldc.i4.0 0x16 ... ldc.i4.8 0x1E
                return 1;
            case 2:
                at[0] = 0x1F; // ldc.i4.s
                at[1] = (byte)(sbyte)value;
                return 2;
            default:
                at[0] = 0x20; // ldc.i4
                BinaryPrimitives.WriteInt32LittleEndian(at[1..], value);
                return 5;
        }
    }
}
