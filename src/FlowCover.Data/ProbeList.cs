using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowCover.Data;

/// <summary>
/// The probes a line or a branch outcome is read from, as a value: nearly every one has a single
/// probe, held inline; only a list of several has an array. A large assembly's model has a line
/// or an outcome per statement and decision, and an array for each would be that many more
/// objects for the garbage collector to go through while the assembly is instrumented. Written
/// in JSON as an array of numbers, as the lists it replaces were; <c>[1, 2]</c> makes one in C#.
/// Equal when the probes are, in order.
/// </summary>
[CollectionBuilder(typeof(ProbeList), nameof(Create))]
[JsonConverter(typeof(ProbeListConverter))]
public readonly struct ProbeList : IReadOnlyList<int>, IEquatable<ProbeList>
{
    private readonly int _count;
    private readonly int _one;      // The probe, when there is one.
    private readonly int[]? _many;  // The probes, when there are several.

    private ProbeList(int one)
    {
        _count = 1;
        _one = one;
    }

    private ProbeList(int[] many)
    {
        _count = many.Length;
        _many = many;
    }

    /// <summary>A list of the one probe <paramref name="probe"/>.</summary>
    public static ProbeList Of(int probe) => new(probe);

    /// <summary>A list of <paramref name="probes"/>, copied.</summary>
    public static ProbeList Create(ReadOnlySpan<int> probes) => probes.Length switch
    {
        0 => default,
        1 => new(probes[0]),
        _ => new(probes.ToArray()),
    };

    public int Count => _count;

    public int this[int index] =>
        (uint)index >= (uint)_count ? throw new ArgumentOutOfRangeException(nameof(index))
        : _many is null ? _one : _many[index];

    /// <summary>The same probes, each moved up by <paramref name="first"/> (a body's own
    /// numbering moved to the module's).</summary>
    public ProbeList Shifted(int first)
    {
        if (_many is null)
            return _count == 0 ? default : new(_one + first);
        var moved = new int[_many.Length];
        for (var i = 0; i < moved.Length; i++)
            moved[i] = _many[i] + first;
        return new(moved);
    }

    /// <summary>The largest of <paramref name="hits"/> at these probes; 0 for none.</summary>
    public long MaxOf(IReadOnlyList<long> hits)
    {
        var max = 0L;
        for (var i = 0; i < _count; i++)
            max = Math.Max(max, hits[this[i]]);
        return max;
    }

    /// <summary>The sum of <paramref name="hits"/> at these probes; 0 for none.</summary>
    public long SumOf(IReadOnlyList<long> hits)
    {
        var sum = 0L;
        for (var i = 0; i < _count; i++)
            sum += hits[this[i]];
        return sum;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<int> IEnumerable<int>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ProbeList other)
    {
        if (_count != other._count)
            return false;
        for (var i = 0; i < _count; i++)
            if (this[i] != other[i])
                return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is ProbeList other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var probe in this)
            hash.Add(probe);
        return hash.ToHashCode();
    }

    public static bool operator ==(ProbeList left, ProbeList right) => left.Equals(right);

    public static bool operator !=(ProbeList left, ProbeList right) => !left.Equals(right);

    public override string ToString() => "[" + string.Join(", ", this) + "]";

    /// <summary>Walks the probes without boxing.</summary>
    public struct Enumerator(ProbeList list) : IEnumerator<int>
    {
        private int _index = -1;

        public readonly int Current => list[_index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < list.Count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}

/// <summary>A <see cref="ProbeList"/> as a JSON array of numbers.</summary>
internal sealed class ProbeListConverter : JsonConverter<ProbeList>
{
    public override ProbeList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return default;
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("a list of probes is an array of numbers");
        Span<int> few = stackalloc int[8];
        List<int>? more = null;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var probe))
                throw new JsonException("a list of probes is an array of whole numbers");
            if (count < few.Length)
            {
                few[count] = probe;
            }
            else
            {
                more ??= [.. few];
                more.Add(probe);
            }
            count++;
        }
        return more is null ? ProbeList.Create(few[..count]) : ProbeList.Create(CollectionsMarshal.AsSpan(more));
    }

    public override void Write(Utf8JsonWriter writer, ProbeList value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var probe in value)
            writer.WriteNumberValue(probe);
        writer.WriteEndArray();
    }
}
