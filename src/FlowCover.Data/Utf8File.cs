namespace FlowCover.Data;

/// <summary>
/// A JSON file's bytes for System.Text.Json to parse as they are. Reading the file as text
/// first decodes it to UTF-16 only for the serializer to encode it back.
/// </summary>
internal static class Utf8File
{
    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>The file's bytes, without the byte order mark an editor may have added.</summary>
    public static ReadOnlySpan<byte> ReadAll(string path)
    {
        ReadOnlySpan<byte> bytes = File.ReadAllBytes(path);
        return bytes.StartsWith(ByteOrderMark) ? bytes[ByteOrderMark.Length..] : bytes;
    }
}
