using System.Text.Json;

namespace FlowCover.Data;

/// <summary>
/// Reads the four properties a model file begins with (<c>key</c>, <c>assemblyName</c>,
/// <c>contentHash</c>, <c>probeCount</c>, in the order the serializer writes them) from the
/// file's first bytes, without the documents and methods after them; and checks that its last
/// byte closes the object, as the serializer leaves it.
/// </summary>
internal static class ModelIdentity
{
    // The identity is some hundred bytes: an assembly name and two hashes.
    private const int Enough = 4096;

    public static (string Key, string AssemblyName, string ContentHash, int ProbeCount)? Read(string path)
    {
        var buffer = new byte[Enough];
        int length;
        using (var file = File.OpenRead(path))
        {
            length = file.ReadAtLeast(buffer, Enough, throwOnEndOfStream: false);
            if (file.Length == 0)
                return null;
            file.Seek(-1, SeekOrigin.End);
            if (file.ReadByte() != '}')
                return null;
        }
        var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            var key = String(ref reader, "key");
            var assemblyName = String(ref reader, "assemblyName");
            var contentHash = String(ref reader, "contentHash");
            if (key is null || assemblyName is null || contentHash is null || !Property(ref reader, "probeCount")
                || reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var probeCount))
                return null;
            return (key, assemblyName, contentHash, probeCount);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(ref Utf8JsonReader reader, string name) =>
        Property(ref reader, name) && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    /// <summary>Moves to the value of the next property, which must be <paramref name="name"/>.</summary>
    private static bool Property(ref Utf8JsonReader reader, string name) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(name) && reader.Read();
}
