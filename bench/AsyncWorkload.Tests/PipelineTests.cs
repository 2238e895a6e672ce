using AsyncWorkload;
using Xunit;

namespace AsyncWorkload.Tests;

/// <summary>The suite every coverage tool runs in the async-heavy benchmark.</summary>
public sealed class PipelineTests
{
    [Fact]
    public async Task Deep_chains_resume_on_the_thread_pool()
    {
        var total = 0;
        for (var i = 0; i < 10_000; i++)
            total += await Pipelines.Chain(20, i);
        Assert.True(total > 0);
    }

    [Fact]
    public async Task Async_stream_pipeline_sums_even_squares()
    {
        Assert.Equal(1_333_331_333_334_000_000L, await Pipelines.SumOfSquaresOfEvens(2_000_000));
    }

    [Fact]
    public async Task Fan_out_gathers_every_result()
    {
        for (var i = 0; i < 200; i++)
            Assert.True(await Pipelines.FanOut(64, 10) > 0);
    }
}
