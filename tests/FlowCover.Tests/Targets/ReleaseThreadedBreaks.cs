// methods: Target.Run, Target.Find, Target.Try
namespace FlowCover.Targets.ReleaseThreadedBreaks;

// A `break;` out of an inner loop whose target is the outer loop's `break;` (Markdig
// PipeTableParser.cs:715/728/752 into :760): Release threads the inner jump straight to the outer
// break's target, past the outer `break;`'s own `br`. Both breaks ran; Release loses the inner
// one's line and reports the outer one missed (KnownGaps.txt).
public static class Target
{
    public static void Run()
    {
        Find(new object[] { "a", 5 });                  // hit
    }

    private static bool Try(object o, out int n)
    {
        n = 1;                                          // hit
        return false;                                   // hit
    }

    private static int Find(object[] items)
    {
        var valid = false;                              // hit
        var total = 0;                                  // hit
        for (var i = 0; i < items.Length; i++)          // hit br=1/2
        {
            for (var j = i + 1; j < items.Length; j++)  // hit br=1/2
            {
                if (!Try(items[j], out var c))          // hit br=1/2
                {
                    break;                              // hit
                }
                total += c;                             // miss
                valid = true;                           // miss
            }
            break;                                      // hit
        }
        return valid ? total : -1;                      // hit br=1/2
    }
}
