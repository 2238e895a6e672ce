namespace CpuWorkload;

/// <summary>Number crunching with tight loops, small methods and data-dependent branches, the
/// shape where a probe per statement costs the most.</summary>
public static class Crunch
{
    public static int Collatz(long n)
    {
        var steps = 0;
        while (n != 1)
        {
            n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
        return steps;
    }

    public static bool IsPrime(int n)
    {
        if (n < 2)
            return false;
        for (var d = 2; d * d <= n; d++)
            if (n % d == 0)
                return false;
        return true;
    }

    public static uint Hash(uint hash, int value) => (hash ^ (uint)value) * 16777619u;

    public static (long Steps, uint Hash) Run(int limit)
    {
        long steps = 0;
        var hash = 2166136261u;
        for (var i = 1; i < limit; i++)
        {
            steps += Collatz(i);
            if (IsPrime(i))
                hash = Hash(hash, i);
        }
        return (steps, hash);
    }
}
