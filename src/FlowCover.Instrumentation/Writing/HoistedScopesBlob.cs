using System.Buffers.Binary;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// The scopes of locals a state machine hoisted into fields (Portable PDB,
/// StateMachineHoistedLocalScopes, 6DA9A61E-F8C7-4874-BE62-68BC5630DF71): one start offset and
/// length per hoisted variable, in the IL of the MoveNext the record is attached to. Roslyn
/// writes (0, 0) for a variable that has no scope (one hoisted only for edit and continue); that
/// is no range to map, so it stays (0, 0).
/// </summary>
internal static class HoistedScopesBlob
{
    public static readonly Guid Kind = new("6DA9A61E-F8C7-4874-BE62-68BC5630DF71");

    /// <summary>Writes <paramref name="blob"/> to <paramref name="output"/> with every scope
    /// mapped through <paramref name="offsets"/>.</summary>
    public static void Remap(ReadOnlySpan<byte> blob, MethodOffsets offsets, Stream output)
    {
        Span<byte> pair = stackalloc byte[8];
        for (var at = 0; at + 8 <= blob.Length; at += 8)
        {
            var start = BinaryPrimitives.ReadInt32LittleEndian(blob[at..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(blob[(at + 4)..]);
            if (start != 0 || length != 0)
                (start, length) = offsets.MapRange(start, length);
            BinaryPrimitives.WriteInt32LittleEndian(pair, start);
            BinaryPrimitives.WriteInt32LittleEndian(pair[4..], length);
            output.Write(pair);
        }
    }
}
