using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace FlowCover.Data;

/// <summary>
/// Writes <see cref="CoverageData"/> as the generated serializer would, byte for byte (a test
/// holds the two together), but copies each model whose file this process wrote or read
/// (<see cref="ModelJson"/>) straight from that file instead of serializing it again. The
/// frame around the models is a few fixed names, written here by hand, so a file's bytes go
/// to the stream without being held in memory.
/// </summary>
internal static class CoverageDataWriter
{
    public static void Write(Stream stream, CoverageData data)
    {
        Text(stream, "{\"version\":");
        Number(stream, data.Version);
        Text(stream, ",\"mode\":");
        stream.Write(JsonSerializer.SerializeToUtf8Bytes(data.Mode, DataJsonContext.Default.CoverageMode));
        Text(stream, ",\"modules\":[");
        for (var m = 0; m < data.Modules.Count; m++)
        {
            var module = data.Modules[m];
            Text(stream, m == 0 ? "{\"model\":" : ",{\"model\":");
            if (ModelJson.FileOf(module.Model) is { } file && File.Exists(file))
            {
                using var json = File.OpenRead(file);
                json.CopyTo(stream);
            }
            else
            {
                DataJsonContext.Write(stream, module.Model, DataJsonContext.Default.ModuleModel);
            }
            Text(stream, ",\"hits\":[");
            Numbers(stream, module.Hits);
            Text(stream, "]}");
        }
        Text(stream, "]}");
    }

    private static void Text(Stream stream, string ascii) => stream.Write(Encoding.ASCII.GetBytes(ascii));

    private static void Number(Stream stream, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var length);
        stream.Write(digits[..length]);
    }

    /// <summary>The numbers with commas between, through one buffer.</summary>
    private static void Numbers(Stream stream, IReadOnlyList<long> values)
    {
        var buffer = new byte[64 * 1024];
        var used = 0;
        for (var i = 0; i < values.Count; i++) // Not foreach: the list's enumerator would be boxed.
        {
            if (used > buffer.Length - 21)
            {
                stream.Write(buffer, 0, used);
                used = 0;
            }
            if (i > 0)
                buffer[used++] = (byte)',';
            Utf8Formatter.TryFormat(values[i], buffer.AsSpan(used), out var length);
            used += length;
        }
        stream.Write(buffer, 0, used);
    }
}
