using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// A library and an xUnit v2 test project whose two test classes run at once (they wait for
/// each other at a barrier) and drive the same code through await, Task.Run, Parallel.ForEach
/// and a timer, and work queued without the ExecutionContext; measured once by <c>flowcover test --contexts test</c>.
/// </summary>
public sealed class ConcurrentTestsSolution
{
    public string Root { get; } = Scratch.Folder("contexts");

    public FlowCoverProcess FlowCover { get; } = new();

    public FlowCoverProcess.Result Measured { get; }

    public ConcurrentTestsSolution()
    {
        Write("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        Write("Lib/Calc.cs", """
            using System.Threading.Tasks;

            namespace Lib;

            public static class Calc
            {
                public static int Shared(int x)
                {
                    return x * 2; // both tests
                }

                public static int OnlyFirst(int x)
                {
                    return x + 1; // the first
                }

                public static int OnlySecond(int x)
                {
                    return x - 1; // the second
                }

                public static async Task<int> AfterAwaitAsync(int x)
                {
                    await Task.Yield();
                    return x * 3; // the first, after an await
                }

                public static int Setup()
                {
                    return 42; // the first's constructor
                }

                public static int Idle()
                {
                    return 7; // none
                }

                public static int Unattributed()
                {
                    return 8; // no test in flight
                }
            }
            """);
        Write("Lib.Tests/Lib.Tests.csproj", TestProjects.XunitV2("../Lib/Lib.csproj"));
        Write("Lib.Tests/Tests.cs", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Lib;
            using Xunit;

            namespace Lib.Tests;

            public static class Meeting
            {
                private static readonly Barrier Both = new(2);

                public static void BothInFlight() => Assert.True(Both.SignalAndWait(TimeSpan.FromSeconds(60)), "the other test class never ran at the same time");
            }

            public sealed class FirstTests
            {
                public FirstTests()
                {
                    Calc.Setup();
                    // Work queued without the ExecutionContext runs with no test in flight.
                    using var done = new ManualResetEventSlim();
                    ThreadPool.UnsafeQueueUserWorkItem(_ => { Calc.Unattributed(); done.Set(); }, null);
                    Assert.True(done.Wait(TimeSpan.FromSeconds(60)));
                }

                [Fact]
                public async Task First()
                {
                    Meeting.BothInFlight();
                    for (var round = 0; round < 200; round++)
                    {
                        await Task.Yield();
                        Assert.Equal(4, await Task.Run(() => Calc.Shared(2)));
                        Parallel.ForEach(new[] { 1, 2, 3, 4 }, i => Calc.OnlyFirst(i));
                        Assert.Equal(3, await Calc.AfterAwaitAsync(1));
                    }
                }
            }

            public sealed class SecondTests
            {
                [Fact]
                public async Task Second()
                {
                    Meeting.BothInFlight();
                    var fired = new TaskCompletionSource<int>();
                    using var timer = new Timer(_ => fired.SetResult(Calc.OnlySecond(5)), null, 10, Timeout.Infinite);
                    Assert.Equal(4, await fired.Task);
                    for (var round = 0; round < 200; round++)
                    {
                        await Task.Yield();
                        Assert.Equal(4, Calc.Shared(2));
                        Assert.Equal(4, await Task.Run(() => Calc.OnlySecond(5)));
                    }
                }
            }
            """);
        Measured = FlowCover.Run(Root, "test", "Lib.Tests", "--contexts", "test");
    }

    public int LineOf(string comment) => TestProjects.LineMarked(Root, "Lib/Calc.cs", comment);

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}

/// <summary>
/// Contexts on the runtime side (docs/per-thread-blocks.md): each test gets exactly the lines it
/// ran, wherever its work flowed, while another test runs the same code at the same time.
/// </summary>
public sealed class FlowContextsTests(ConcurrentTestsSolution solution) : IClassFixture<ConcurrentTestsSolution>
{
    [Fact]
    public void The_run_marks_the_tests_and_passes()
    {
        Assert.True(solution.Measured.ExitCode == 0, solution.Measured.Output + solution.Measured.Error);
        Assert.Contains("flowcover: marking the tests of Lib.Tests for contexts\n", solution.Measured.Error);
        Assert.Contains("Passed!  - Failed:     0, Passed:     2", solution.Measured.Output);
    }

    [Theory]
    [InlineData("both tests", "Lib.Tests.FirstTests.First\nLib.Tests.SecondTests.Second\n")]
    [InlineData("the first", "Lib.Tests.FirstTests.First\n")] // in Parallel.ForEach's threads
    [InlineData("the second", "Lib.Tests.SecondTests.Second\n")] // in a timer's callback and Task.Run
    [InlineData("the first, after an await", "Lib.Tests.FirstTests.First\n")]
    [InlineData("the first's constructor", "(setup) Lib.Tests.FirstTests\n")]
    [InlineData("no test in flight", "(none)\n")]
    [InlineData("none", "")]
    public void Each_line_names_exactly_the_tests_that_ran_it(string comment, string tests)
    {
        var who = solution.FlowCover.Run(solution.Root, "who", "Lib/Calc.cs:" + solution.LineOf(comment));
        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal(tests, who.Output);
    }

    [Theory]
    [InlineData(new[] { "--contexts", "route" }, "flowcover: --contexts: 'route' is not a kind of context; pass --contexts test\n")]
    [InlineData(new[] { "--contexts", "test", "--mode", "count" }, "flowcover: --contexts: contexts record which test ran each line, not how often; leave out --mode count\n")]
    public void A_context_option_it_cannot_honour_is_one_line_and_exit_code_2(string[] options, string error)
    {
        var result = solution.FlowCover.Run(solution.Root, ["run", .. options, "--target", "Lib/bin", "--", "true"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void A_run_without_contexts_removes_the_database_an_earlier_run_left_beside_its_data_file()
    {
        // who, html and json read the database whenever it is there: one left from an earlier
        // run would name tests for lines the new data says nothing about.
        var data = Scratch.Folder("no-contexts") + ".flowcover";
        File.Copy(Path.Combine(solution.Root, ".flowcover"), data);
        File.Copy(Path.Combine(solution.Root, ".flowcover.contexts"), data + ".contexts");

        var rerun = solution.FlowCover.Run(solution.Root, "test", "Lib.Tests", "--data-file", data);

        Assert.True(rerun.ExitCode == 0, rerun.Output + rerun.Error);
        Assert.True(File.Exists(data));
        Assert.False(File.Exists(data + ".contexts"));
    }
}
