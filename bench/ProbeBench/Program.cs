using System.Diagnostics;
using CpuWorkload;

// Prints "kernel median-ms first-ms all-cores-ms" per kernel: each run 7 times (or as many as the
// first argument says) after a first run, so the JIT has produced optimised code, the median kept;
// the first run is timed too, because a test suite runs most code once, in the JIT's first tiers,
// where probes can cost an inlining; then the kernel runs on every core at once (the median of up
// to 3 such runs, or as many as the second argument says; 0 prints "-"), as a server's threads run
// the same code: every core then stores into the same counters (bench/run divides each, plain and
// under each FlowCover mode).
var runs = args.Length > 0 ? int.Parse(args[0]) : 7;
var togetherRuns = args.Length > 1 ? int.Parse(args[1]) : 3;
var data = new byte[64_000_000];
for (var i = 0; i < data.Length; i++)
    data[i] = (byte)(i * 31);
var text = string.Concat(Enumerable.Range(0, 1_600_000).Select(i => i % 3 == 0 ? "it's a well-known fact, " : "x1 y2  z3\n"));
var kernels = new (string Name, Func<object> Run)[]
{
    ("collatz+primes", () => Crunch.Run(1_500_000)),
    ("adler32", () => Kernels.Adler32(data)),
    ("insertion-sort", () =>
    {
        var items = Enumerable.Range(0, 8000).Select(i => 8000 - i).ToArray();
        Kernels.Sort(items);
        return items;
    }),
    ("count-words", () => Kernels.CountWords(text)),
    ("vector-walk", () => Kernels.Walk(20_000_000)),
};
foreach (var (name, run) in kernels)
{
    var first = Stopwatch.StartNew();
    GC.KeepAlive(run());
    var firstMs = first.Elapsed.TotalMilliseconds;
    var times = new List<double>();
    for (var round = 0; round < runs; round++)
    {
        var clock = Stopwatch.StartNew();
        GC.KeepAlive(run());
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    var together = new List<double>();
    for (var round = 0; round < togetherRuns; round++)
    {
        var clock = Stopwatch.StartNew();
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, _ => GC.KeepAlive(run()));
        together.Add(clock.Elapsed.TotalMilliseconds);
    }
    together.Sort();
    Console.WriteLine($"{name} {times[times.Count / 2]:F1} {firstMs:F1} {(together.Count > 0 ? together[together.Count / 2].ToString("F1") : "-")}");
}
