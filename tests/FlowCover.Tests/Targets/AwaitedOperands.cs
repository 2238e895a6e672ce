using System.Threading.Tasks;

namespace FlowCover.Targets.AwaitedOperands;

// `&&` and `?:` whose operands are awaited: each await splits the condition across resumption
// points, yet each operand is still one condition with two outcomes, counted only when it ran.
public static class Target
{
    public static async Task RunAsync()
    {
        await Both(true, true);                         // hit
        await Both(false, true);                        // hit
        await Choose(0, true);                          // hit
        await Choose(1, true);                          // hit
        await Either(false, false);                     // hit
    }

    private static async Task<int> Both(bool a, bool b)
    {
        if (await A(a) && await B(b))                   // hit br=3/4
            return 1;                                   // hit
        return 0;                                       // hit
    }

    private static async Task<string> Choose(int n, bool exists)
    {
        return n > 0 && await Exists(exists) ? "yes" : "no";   // hit br=3/4
    }

    private static async Task<int> Either(bool a, bool b)
    {
        if (await A(a) || await B(b))                   // hit br=2/4
            return 1;                                   // miss
        return 0;                                       // hit
    }

    private static async Task<bool> A(bool value)
    {
        await Task.Yield();                             // hit
        return value;                                   // hit
    }

    private static async Task<bool> B(bool value)
    {
        await Task.Yield();                             // hit
        return value;                                   // hit
    }

    private static async Task<bool> Exists(bool value)
    {
        await Task.Yield();                             // hit
        return value;                                   // hit
    }
}
