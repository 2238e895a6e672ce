using FlowCover.Instrumentation.Writing;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>A body's offset map keeps only where the distance instructions moved changes, and
/// maps every instruction as the full list of offsets did.</summary>
public sealed class MethodOffsetsTests
{
    // Instructions at 0, 1, 3, 6, 8 and 9 of a 10-byte body; a 2-byte probe before the one at 3,
    // a 4-byte one before the one at 9: 0, 1, 5, 8, 10, 15 of a 16-byte body.
    private static readonly int[] Old = [0, 1, 3, 6, 8, 9];
    private static readonly int[] New = [0, 1, 5, 8, 10, 15];

    [Fact]
    public void Every_instruction_maps_to_its_new_offset()
    {
        var offsets = new MethodOffsets(Old, New, oldCodeSize: 10, newCodeSize: 16, localSignature: 0);

        Assert.Equal(New, Old.Select(offsets.Map));
    }

    [Fact]
    public void The_end_of_the_body_maps_to_the_end_of_the_new_body_and_ranges_keep_their_instructions()
    {
        var offsets = new MethodOffsets(Old, New, oldCodeSize: 10, newCodeSize: 16, localSignature: 0);

        Assert.Equal(16, offsets.Map(10));
        Assert.Equal((5, 10), offsets.MapRange(3, 6)); // From the instruction at 3 to the one at 9.
        Assert.Equal((8, 8), offsets.MapRange(6, 4)); // From the one at 6 to the end.
    }

    [Fact]
    public void A_body_that_did_not_move_maps_to_itself()
    {
        var offsets = new MethodOffsets(Old, Old, oldCodeSize: 10, newCodeSize: 10, localSignature: 0);

        Assert.Equal(Old, Old.Select(offsets.Map));
        Assert.Equal(10, offsets.Map(10));
    }

    [Fact]
    public void Offsets_and_new_offsets_of_different_counts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new MethodOffsets(Old, New[..^1], 10, 16, 0));
    }
}
