using System.Buffers.Binary;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>
/// A probe's IL, held in a body as one instruction (a <c>nop</c> whose operand is this) from
/// the moment it is inserted until the body is encoded, where it is written out in full:
/// set mode <c>ldsfld Hits; ldc.i4 n; add; ldc.i4.1; stind.i1</c>, count mode
/// <c>ldc.i4 n; call Count</c>, with contexts <c>ldc.i4 n; call Mark</c> (see <see cref="Probes.ProbeEmitter"/>). Nothing between
/// inserting and encoding looks inside a probe: branches only ever target its start, and it is
/// stack-neutral. As five instruction objects each, a large assembly's probes would be
/// millions of objects to make, lay out and encode one by one.
/// </summary>
internal sealed class ProbeCode
{
    /// <summary>How deep a probe takes the stack above where it starts: <c>Hits</c> and the
    /// index, before they are added (set); the index alone (count).</summary>
    public const int StackPeak = 2;

    private const byte Ldsfld = 0x7E, Add = 0x58, LdcI4One = 0x17, StindI1 = 0x52, Call = 0x28;

    private readonly int _hitsToken;
    private readonly int _countToken; // Count or Mark; 0 in set mode
    private readonly int _probe;

    private ProbeCode(int hitsToken, int countToken, int probe)
    {
        _hitsToken = hitsToken;
        _countToken = countToken;
        _probe = probe;
        Size = countToken == 0 ? 5 + ConstantSize(probe) + 3 : ConstantSize(probe) + 5;
    }

    /// <summary>The bytes the probe takes in the encoded body.</summary>
    public int Size { get; }

    /// <summary>A probe of counter <paramref name="probe"/>, as the instruction that holds it:
    /// <paramref name="hitsToken"/> is the tracker's <c>Hits</c> field, <paramref name="countToken"/>
    /// its <c>Count</c> method in count mode and 0 in set mode.</summary>
    public static Instruction Create(int hitsToken, int countToken, int probe)
    {
        var instruction = Instruction.Create(OpCodes.Nop);
        instruction.Operand = new ProbeCode(hitsToken, countToken, probe);
        return instruction;
    }

    /// <summary>The size of <paramref name="instruction"/> once encoded, probe or not.</summary>
    public static int SizeOf(Instruction instruction) =>
        instruction.Operand is ProbeCode probe ? probe.Size : instruction.GetSize();

    /// <summary>Writes the probe's IL at the start of <paramref name="at"/>.</summary>
    public void WriteTo(Span<byte> at)
    {
        if (_countToken == 0)
        {
            at[0] = Ldsfld;
            BinaryPrimitives.WriteInt32LittleEndian(at[1..], _hitsToken);
            var next = 5 + WriteConstant(at[5..], _probe);
            at[next] = Add;
            at[next + 1] = LdcI4One;
            at[next + 2] = StindI1;
        }
        else
        {
            var next = WriteConstant(at, _probe);
            at[next] = Call;
            BinaryPrimitives.WriteInt32LittleEndian(at[(next + 1)..], _countToken);
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
