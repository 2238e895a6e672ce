using CpuWorkload;
using Xunit;

namespace CpuWorkload.Tests;

/// <summary>The suite every coverage tool runs in the CPU-bound benchmark.</summary>
public sealed class CrunchTests
{
    [Fact]
    public void Collatz_of_27_takes_111_steps() => Assert.Equal(111, Crunch.Collatz(27));

    [Fact]
    public void Crunching_three_million_numbers_gives_the_known_collatz_total()
    {
        var (steps, _) = Crunch.Run(3_000_000);
        Assert.Equal(428_343_355, steps);
    }
}
