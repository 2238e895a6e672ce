using System.Buffers.Text;
using System.Text.Json;

namespace FlowCover.Data;

/// <summary>
/// Writes <see cref="CoverageData"/> as the generated serializer would, byte for byte (a test
/// holds the two together), but copies each model whose file the run wrote or copied
/// (<see cref="ModelFiles"/>) straight from that file instead of serializing it again. The
/// frame around the models is a few fixed names, written here by hand, so a file's bytes go
/// to the stream without being held in memory.
/// </summary>
internal static class CoverageDataWriter
{
    public static void Write(Stream stream, CoverageData data, ModelFiles? modelFiles)
    {
        var buffer = new byte[64 * 1024];
        stream.Write("{\"version\":"u8);
        Numbers(stream, [data.Version], buffer);
        stream.Write(",\"mode\":"u8);
        stream.Write(JsonSerializer.SerializeToUtf8Bytes(data.Mode, DataJsonContext.Default.CoverageMode));
        stream.Write(",\"modules\":["u8);
        for (var m = 0; m < data.Modules.Count; m++)
        {
            var module = data.Modules[m];
            stream.Write(m == 0 ? "{\"model\":"u8 : ",{\"model\":"u8);
            if (modelFiles is not null && OpenFileOf(modelFiles, module.Model) is { } json)
            {
                using (json)
                    json.CopyTo(stream);
            }
            else
            {
                DataJsonContext.Write(stream, module.Model, DataJsonContext.Default.ModuleModel);
            }
            stream.Write(",\"hits\":["u8);
            Numbers(stream, module.Hits, buffer);
            stream.Write("]}"u8);
        }
        stream.Write("]}"u8);
    }

    /// <summary>The model's file, opened; null when there is none (or it is gone).</summary>
    private static FileStream? OpenFileOf(ModelFiles modelFiles, ModuleModel model)
    {
        if (modelFiles.FileOf(model) is not { } path)
            return null;
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The numbers with commas between, through <paramref name="buffer"/>.</summary>
    private static void Numbers(Stream stream, IReadOnlyList<long> values, byte[] buffer)
    {
        var used = 0;
        for (var i = 0; i < values.Count; i++) // Not foreach: the list's enumerator would be boxed.
        {
            if (used > buffer.Length - 21) // A comma and the longest long.
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
