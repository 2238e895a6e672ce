using System.Text.Json.Serialization;
using FlowCover.Cli.Cache;
using FlowCover.Cli.Session;

namespace FlowCover.Cli;

/// <summary>The JSON of the restore journal, of session records and of cache entries, generated at compile time
/// (the natively compiled CLI has no reflection-based serializer). Names stay as declared.</summary>
[JsonSerializable(typeof(List<Journal.Entry>))]
[JsonSerializable(typeof(SessionRecord))]
[JsonSerializable(typeof(InstrumentationCache.Manifest))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
