using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowCover.Data;

/// <summary>
/// The JSON shape of the data file and the module models, generated at compile time: no
/// reflection or code emitted at run time, so the natively compiled CLI reads and writes the
/// same files as the one running on the JIT, and a run does not spend its first tens of
/// milliseconds building serializers. Names are camelCase, the mode is <c>"set"</c>/<c>"count"</c>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, Converters = [typeof(CamelCaseModeConverter)])]
[JsonSerializable(typeof(CoverageData))]
[JsonSerializable(typeof(ModuleModel))]
internal sealed partial class DataJsonContext : JsonSerializerContext;

/// <summary>Writes <see cref="CoverageMode"/> as <c>"set"</c> or <c>"count"</c>.</summary>
internal sealed class CamelCaseModeConverter() : JsonStringEnumConverter<CoverageMode>(JsonNamingPolicy.CamelCase);
