using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace FlowCover.Tests.Session;

/// <summary>
/// kill -9 at random points of a run (instrumenting, running, restoring, collecting), of
/// flowcover alone or of its whole process group, sometimes followed by a rebuild; then another
/// verb. Every round the build must be exactly as it was (or the newer build, after a rebuild),
/// the hits of a command that finished must be in its data file, and nothing is said with a
/// stack trace. A few rounds in CI; <c>FLOWCOVER_FAULT_ROUNDS=500</c> runs a campaign
/// (docs/reliability.md), <c>FLOWCOVER_FAULT_SEED</c> repeats one.
/// </summary>
public sealed class FaultCampaignTests(ITestOutputHelper output)
{
    private sealed class Tally
    {
        public int Kills, GroupKills, Rebuilds, CommandsFinished, ChangedBins, OldBuildsRestored, HitsLost, StackTraces, SessionsLeft;
    }

    [Fact]
    public void Random_kills_never_change_a_build_nor_lose_a_hit()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("FLOWCOVER_FAULT_ROUNDS"), out var r) ? r : 5;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FLOWCOVER_FAULT_SEED"), out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        var fault = new FaultApp();
        var newer = FaultApp.NewerBuild(fault);
        var tally = new Tally();
        // Kills land anywhere from a run's start to a little past the end of a whole run here
        // (the slower kind: instrumenting afresh rather than from the cache).
        using (var cold = fault.Start(fault.Run("cold.flowcover", "done", fault.Marker)))
            Assert.Equal(7, cold.Wait().ExitCode);
        var clock = Stopwatch.StartNew();
        using (var clean = fault.Start(["run", "--no-cache", .. fault.Run("clean.flowcover", "done", fault.Marker)[1..]]))
            Assert.Equal(7, clean.Wait().ExitCode);
        var span = (int)(clock.ElapsedMilliseconds * 1.1);

        for (var round = 0; round < rounds; round++)
        {
            var data = Path.Combine(fault.App.Directory, $"round{round}.flowcover");
            var finished = Path.Combine(fault.App.Directory, $"round{round}.done");
            var wholeGroup = random.Next(4) == 0;
            var rebuild = random.Next(3) == 0;
            var arguments = fault.Run(data, "done", finished);
            using (var run = fault.Start(random.Next(2) == 0 ? arguments : ["run", "--no-cache", .. arguments[1..]]))
            {
                // Half the kills anywhere in the run, half once the command is done (while
                // flowcover restores and collects), which is a short part of a run's time.
                if (random.Next(2) == 0)
                    Thread.Sleep(random.Next(span));
                else
                {
                    while (!File.Exists(finished) && !run.Process.HasExited)
                        Thread.Sleep(2);
                    Thread.Sleep(random.Next(Math.Max(1, span / 4)));
                }
                if (!run.Process.HasExited && FaultApp.Kill(wholeGroup ? -run.Pid : run.Pid, 9) == 0)
                {
                    tally.Kills++;
                    tally.GroupKills += wholeGroup ? 1 : 0;
                }
                run.Wait();
            }
            if (rebuild)
            {
                fault.Put(newer);
                tally.Rebuilds++;
            }

            string[] verb = random.Next(3) switch
            {
                0 => ["restore"],
                1 => ["report", "--data-file", data],
                _ => fault.Run($"next{round}.flowcover", "done", finished + ".next"),
            };
            var next = fault.FlowCover.Run(fault.App.Directory, verb);

            var expected = rebuild ? newer : fault.Original;
            if (!fault.Holds(expected))
            {
                if (rebuild && File.ReadAllBytes(fault.App.Dll).AsSpan().SequenceEqual(fault.Original[fault.App.Dll]))
                    tally.OldBuildsRestored++;
                else
                    tally.ChangedBins++;
                output.WriteLine($"round {round}: build not as expected after '{string.Join(' ', verb)}': {next.Error}");
            }
            if (File.Exists(finished))
            {
                tally.CommandsFinished++;
                if (!File.Exists(data) || fault.Hits(data) != 1)
                {
                    tally.HitsLost++;
                    output.WriteLine($"round {round}: the hits of a finished command are not in {data}: {next.Error}");
                }
            }
            if (FaultApp.HasStackTrace(next.Error) || FaultApp.HasStackTrace(next.Output))
            {
                tally.StackTraces++;
                output.WriteLine($"round {round}: {next.Error}");
            }
            if (fault.SessionsLeft() != 0)
            {
                tally.SessionsLeft++;
                output.WriteLine($"round {round}: a session was left after '{string.Join(' ', verb)}': {next.Error}");
            }
            fault.Put(fault.Original);
        }

        output.WriteLine($"seed {seed}, {rounds} rounds: {tally.Kills} random kills ({tally.GroupKills} of the whole process group), " +
            $"{tally.Rebuilds} rebuilds after the kill, {tally.CommandsFinished} commands finished; " +
            $"{tally.ChangedBins} changed bins, {tally.OldBuildsRestored} old builds restored, {tally.HitsLost} hits lost, " +
            $"{tally.StackTraces} stack traces, {tally.SessionsLeft} sessions left behind");
        Assert.Equal((0, 0, 0, 0, 0), (tally.ChangedBins, tally.OldBuildsRestored, tally.HitsLost, tally.StackTraces, tally.SessionsLeft));
    }
}
