using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowCover.Data;

/// <summary>
/// The JSON shape of the data file and the module models, generated at compile time: no
/// reflection or code emitted at run time, so the natively compiled CLI reads and writes the
/// same files as the one running on the JIT, and a run does not start by building
/// serializers. Names are camelCase, the mode is <c>"set"</c>/<c>"count"</c>
/// (by the converter on <see cref="CoverageMode"/> itself: a converter in these options would
/// turn off the generated writing code).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CoverageData))]
[JsonSerializable(typeof(ModuleModel))]
internal sealed partial class DataJsonContext : JsonSerializerContext
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="stream"/> through a writer, so
    /// the generated code writes it straight (serializing to a stream goes through the slower
    /// metadata path). The writer
    /// hands each part to the stream as it goes rather than holding the document.</summary>
    public static void Write<T>(Stream stream, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var writer = new Utf8JsonWriter(new StreamBufferWriter(stream));
        JsonSerializer.Serialize(writer, value, type);
    }
}

/// <summary>Writes <see cref="CoverageMode"/> as <c>"set"</c> or <c>"count"</c>.</summary>
public sealed class CamelCaseModeConverter() : JsonStringEnumConverter<CoverageMode>(JsonNamingPolicy.CamelCase);
