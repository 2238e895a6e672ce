using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Tests.Validation;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>The program the run tests measure: each mode ends differently (success, failure,
/// waiting to be signalled, many threads).</summary>
public static class Workload
{
    public const string Source = """
        using System;
        using System.IO;
        using System.Threading;

        public static class Program
        {
            private static long s_total;

            public static int Main(string[] args)
            {
                var mode = args.Length > 0 ? args[0] : "ok";
                if (mode == "ok")
                {
                    Work(1);
                    return 0;
                }
                if (mode == "fail")
                {
                    Work(2);
                    return 3;
                }
                if (mode == "threads")
                {
                    RunThreads(32, 1000);
                    return 0;
                }
                if (mode == "threads-in-turn")
                {
                    for (var t = 0; t < 40; t++)
                        RunThreads(1, 1000);
                    Console.WriteLine("hit files mapped: " + MappedHitFiles());
                    return 0;
                }
                Work(3);
                BeforeSignal();
                File.WriteAllText(args[1], Environment.ProcessId.ToString());
                Thread.Sleep(Timeout.Infinite);
                return 0;
            }

            private static void Work(int n)
            {
                for (var i = 0; i < n; i++)
                    s_total += i;
            }

            private static void BeforeSignal()
            {
                s_total += 42;
            }

            private static void RunThreads(int threads, int calls)
            {
                var workers = new Thread[threads];
                for (var t = 0; t < threads; t++)
                {
                    workers[t] = new Thread(() =>
                    {
                        for (var c = 0; c < calls; c++)
                            Counted();
                    });
                    workers[t].Start();
                }
                foreach (var worker in workers)
                    worker.Join();
            }

            private static int MappedHitFiles()
            {
                var files = new System.Collections.Generic.HashSet<string>();
                foreach (var line in File.ReadAllLines("/proc/self/maps"))
                    if (line.EndsWith(".hits"))
                        files.Add(line.Substring(line.IndexOf('/')));
                return files.Count;
            }

            private static void Counted()
            {
                Interlocked.Increment(ref s_total);
            }
        }
        """;

    /// <summary>How often the statement of <see cref="Source"/> with this text ran, by the data
    /// file a run from the app's folder left there.</summary>
    public static long HitsOf(TestApp app, string statement)
    {
        var data = CoverageDataFile.Read(Path.Combine(app.Directory, CoverageDataFile.DefaultName));
        return Assert.Single(CoverageAnalysis.Analyze(data, app.Directory).Files).Lines.Single(l => l.Line == LineOf(statement)).Hits;
    }

    /// <summary>The line of a statement in <see cref="Source"/>, found by its text.</summary>
    public static int LineOf(string text) => SourceText.LineOf(Source, text);
}
