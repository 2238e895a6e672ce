using CpuWorkload;
using Xunit;

namespace CpuWorkload.Tests;

/// <summary>Small helpers in tight loops: the part of the CPU-bound suite where a probe can
/// cost an inlining or a register.</summary>
public sealed class KernelTests
{
    [Fact]
    public void Adler32_of_64_million_bytes()
    {
        var data = new byte[64_000_000];
        for (var i = 0; i < data.Length; i++)
            data[i] = (byte)(i * 31);
        Assert.Equal(2444572997u, Kernels.Adler32(data));
    }

    [Fact]
    public void Insertion_sort_of_8000_reversed_numbers()
    {
        var items = Enumerable.Range(0, 8000).Select(i => 8000 - i).ToArray();
        Kernels.Sort(items);
        Assert.Equal(Enumerable.Range(1, 8000), items);
    }

    [Fact]
    public void Words_in_a_generated_text()
    {
        var text = string.Concat(Enumerable.Range(0, 1_600_000).Select(i => i % 3 == 0 ? "it's a well-known fact, " : "x1 y2  z3\n"));
        Assert.Equal(5_333_334, Kernels.CountWords(text));
    }

    [Fact]
    public void A_walk_of_20_million_normalised_steps() => Assert.Equal(0.5553860231280284, Kernels.Walk(20_000_000), 12);
}
