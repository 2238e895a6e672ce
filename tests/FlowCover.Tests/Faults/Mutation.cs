using System.Text.Json.Nodes;

namespace FlowCover.Tests.Faults;

/// <summary>
/// The damage a fuzzer does to a file, chosen by a seeded random source so every run of the
/// suite tries the same inputs: flipped bits, a truncation, a run of bytes overwritten, and for
/// JSON a value replaced by one of the wrong kind or range.
/// </summary>
internal static class Mutation
{
    public static (string What, byte[] Bytes) OfBytes(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0:
                var flips = random.Next(1, 9);
                for (var i = 0; i < flips; i++)
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return ($"{flips} bit(s) flipped", bytes);
            case 1:
                var length = random.Next(bytes.Length);
                return ($"truncated to {length} bytes", bytes[..length]);
            default:
                var start = random.Next(bytes.Length);
                var run = Math.Min(random.Next(1, 65), bytes.Length - start);
                var fill = random.Next(3);
                for (var i = start; i < start + run; i++)
                    bytes[i] = fill switch { 0 => (byte)0, 1 => (byte)0xFF, _ => (byte)random.Next(256) };
                return ($"{run} byte(s) at {start} overwritten", bytes);
        }
    }

    /// <summary>A random value of the document replaced by one of another kind or range.</summary>
    public static (string What, byte[] Bytes) OfJson(string json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[random.Next(1, nodes.Count)];
        JsonNode? replacement = random.Next(8) switch
        {
            0 => null,
            1 => JsonValue.Create(-1),
            2 => JsonValue.Create(int.MaxValue),
            3 => JsonValue.Create("x"),
            4 => new JsonArray(),
            5 => new JsonObject(),
            6 => JsonValue.Create(1.5),
            _ => JsonValue.Create(9223372036854775807L),
        };
        var path = target.GetPath();
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray parent:
                parent[target.GetElementIndex()] = replacement;
                break;
        }
        return ($"{path} replaced by {replacement?.ToJsonString() ?? "null"}", System.Text.Encoding.UTF8.GetBytes(root.ToJsonString()));
    }

    private static void Collect(JsonNode node, List<JsonNode> into)
    {
        into.Add(node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                    if (child is not null)
                        Collect(child, into);
                break;
            case JsonArray array:
                foreach (var child in array)
                    if (child is not null)
                        Collect(child, into);
                break;
        }
    }
}
