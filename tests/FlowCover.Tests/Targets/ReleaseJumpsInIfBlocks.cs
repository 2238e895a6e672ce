// methods: Target.Run, Target.Open
namespace FlowCover.Targets.ReleaseJumpsInIfBlocks;

// A jump that ends an `if`'s block after other statements (`{ opened++; continue; }`), where
// Release lays the block out right before the jump's target and drops the jump: it ran when
// control fell from the statement before it into the target (Markdig BlockProcessor.cs:837).
public static class Target
{
    public static void Run()
    {
        Open(new[] { 1, 2, -1, 5 });                    // hit
    }

    private static int Open(int[] items)
    {
        var i = 0;                                      // hit
        var opened = 0;                                 // hit
        while (i < items.Length)                        // hit br=1/2
        {
            var item = items[i++];                      // hit
            if (item > 0)                               // hit br=2/2
            {
                opened++;                               // hit
                continue;                               // hit
            }
            break;                                      // hit
        }
        return opened;                                  // hit
    }
}
