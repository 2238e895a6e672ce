using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// An ASP.NET Core app and an xUnit v2 test project whose test classes drive it through the flows
/// docs/contexts.md names ("Through the flows"): an async iterator with awaits inside, <c>await
/// using</c>, channels read by a consumer the test starts and by one its class fixture started,
/// a hosted service started with the host by a fixture and fed by a request through a channel,
/// and WebApplicationFactory on its default TestServer (two test classes at once, meeting as
/// FlowContextsTests' do) and on Kestrel. Measured once by <c>flowcover test --contexts test</c>.
/// </summary>
public sealed class FlowThroughSolution
{
    public string Root { get; } = Scratch.Folder("flow-through");

    public FlowCoverProcess FlowCover { get; } = new();

    public FlowCoverProcess.Result Measured { get; }

    public FlowThroughSolution()
    {
        Write("Shop/Shop.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        var testing = Path.Combine(PackagingTests.RepositoryRoot(), "src/FlowCover.Testing/FlowCover.Testing.csproj");
        Write("Shop.Tests/Shop.Tests.csproj", TestProjects.XunitV2("../Shop/Shop.csproj", $"""
            <PackageReference Include="Microsoft.AspNetCore.Mvc.Testing" Version="10.0.5" />
            <ProjectReference Include="{testing}" />
            """));
        Write("Shop/Program.cs", """
            using System.Threading.Channels;
            using Shop;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton(Channel.CreateUnbounded<Job>());
            if (builder.Configuration["Worker"] == "on")
                builder.Services.AddHostedService<Worker>();
            var app = builder.Build();
            app.MapGet("/fx/{base}/{quote}", (string @base, string quote) => Rates.ConvertAsync(@base, quote));
            app.MapGet("/jobs/{n:int}", (int n, Channel<Job> jobs) => Jobs.QueueAsync(jobs.Writer, n));
            app.Run();

            public partial class Program;
            """);
        Write("Shop/Rates.cs", """
            namespace Shop;

            public static class Rates
            {
                public static async Task<string> ConvertAsync(string from, string to)
                {
                    await Task.Yield();
                    return from == "usd" ? Usd(to) : Other(to); // both server tests
                }

                public static string Usd(string to)
                {
                    return "usd->" + to; // the usd tests, on TestServer and Kestrel
                }

                public static string Other(string to)
                {
                    return "other->" + to; // the other test
                }
            }
            """);
        Write("Shop/Jobs.cs", """
            using System.Threading.Channels;

            namespace Shop;

            public sealed record Job(int N, TaskCompletionSource<int> Done);

            public static class Jobs
            {
                public static async Task<int> QueueAsync(ChannelWriter<Job> writer, int n)
                {
                    var job = new Job(n, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
                    await writer.WriteAsync(job); // the request queues a job
                    return await job.Done.Task;
                }
            }

            /// <summary>Started with the host; runs the jobs requests queue, in its own flow.</summary>
            public sealed class Worker(Channel<Job> jobs) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    Started();
                    await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
                        job.Done.SetResult(Run(job.N));
                }

                private static void Started()
                {
                    Console.WriteLine("worker started"); // the hosted service starts
                }

                private static int Run(int n)
                {
                    return n * 10; // the hosted service runs a queued job
                }
            }
            """);
        Write("Shop/Flows.cs", """
            using System.Runtime.CompilerServices;
            using System.Threading.Channels;

            namespace Shop;

            public static class Flows
            {
                public static async IAsyncEnumerable<int> CountAsync(int n, [EnumeratorCancellation] CancellationToken cancellationToken = default)
                {
                    for (var i = 0; i < n; i++)
                    {
                        await Task.Yield();
                        yield return Shared(i); // the async iterator, after an await
                    }
                }

                public static int Shared(int x)
                {
                    return x; // both flow tests
                }

                public static async Task<int> ConsumeAsync(ChannelReader<int> reader, Func<int, int> handle)
                {
                    var sum = 0;
                    await foreach (var item in reader.ReadAllAsync())
                        sum += handle(item); // both consumers
                    return sum;
                }

                public static int HandledByTestConsumer(int x)
                {
                    return Shared(x); // the test's consumer
                }

                public static int HandledByFixtureConsumer(int x)
                {
                    return x * 2; // the fixture's consumer
                }

                public static int Idle()
                {
                    return 0; // none
                }
            }

            public sealed class Resource : IAsyncDisposable
            {
                public bool Disposed { get; private set; }

                public async ValueTask DisposeAsync()
                {
                    await Task.Yield();
                    Disposed = true; // disposed asynchronously
                }
            }
            """);
        Write("Shop.Tests/Tests.cs", """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Hosting;
            using FlowCover.Testing;
            using Microsoft.AspNetCore.Mvc.Testing;
            using Shop;
            using Xunit;

            // Every test class at once: two pairs of them meet below, whichever xUnit starts first.
            [assembly: CollectionBehavior(MaxParallelThreads = -1)]

            namespace Shop.Tests;

            /// <summary>Two test classes meet here, so each runs while the other does.</summary>
            public sealed class Meeting
            {
                private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
                private int _arrived;

                public static Meeting Flows { get; } = new();

                public static Meeting Servers { get; } = new();

                public async Task BothInFlightAsync()
                {
                    if (Interlocked.Increment(ref _arrived) == 2)
                        _both.SetResult();
                    Assert.True(await Task.WhenAny(_both.Task, Task.Delay(TimeSpan.FromSeconds(60))) == _both.Task, "the other test class never ran at the same time");
                }
            }

            public sealed class IteratorTests
            {
                [Fact]
                public async Task Iterates()
                {
                    await Meeting.Flows.BothInFlightAsync();
                    var sum = 0;
                    var resource = new Resource();
                    await using (resource)
                    {
                        await foreach (var i in Flows.CountAsync(50))
                            sum += i;
                    }
                    Assert.Equal(1225, sum);
                    Assert.True(resource.Disposed);
                }
            }

            /// <summary>A consumer started before any test, reading what the tests write.</summary>
            public sealed class ConsumerFixture
            {
                public ConsumerFixture() => Consumed = Task.Run(() => Flows.ConsumeAsync(Channel.Reader, Flows.HandledByFixtureConsumer));

                public Channel<int> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<int>();

                public Task<int> Consumed { get; }
            }

            public sealed class ChannelTests(ConsumerFixture fixture) : IClassFixture<ConsumerFixture>
            {
                [Fact]
                public async Task Consumes()
                {
                    await Meeting.Flows.BothInFlightAsync();
                    var mine = Channel.CreateUnbounded<int>();
                    var consumer = Task.Run(() => Flows.ConsumeAsync(mine.Reader, Flows.HandledByTestConsumer));
                    for (var i = 0; i < 50; i++)
                    {
                        await mine.Writer.WriteAsync(i);
                        await fixture.Channel.Writer.WriteAsync(i);
                    }
                    mine.Writer.Complete();
                    fixture.Channel.Writer.Complete();
                    Assert.Equal(1225, await consumer);
                    Assert.Equal(2450, await fixture.Consumed);
                }
            }

            public sealed class UsdTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
            {
                [Fact]
                public async Task Converts()
                {
                    var client = factory.CreateClient();
                    await Meeting.Servers.BothInFlightAsync();
                    for (var round = 0; round < 50; round++)
                        Assert.Equal("usd->eur", await client.GetStringAsync("/fx/usd/eur"));
                    // In the test's own flow again: its requests' routes stayed in theirs.
                    Assert.Equal("usd->eur", Rates.Usd("eur"));
                }
            }

            public sealed class OtherTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
            {
                [Fact]
                public async Task Converts()
                {
                    var client = factory.CreateClient();
                    await Meeting.Servers.BothInFlightAsync();
                    for (var round = 0; round < 50; round++)
                        Assert.Equal("other->eur", await client.GetStringAsync("/fx/gbp/eur"));
                }
            }

            public sealed class WorkerTests : IAsyncLifetime
            {
                private WebApplicationFactory<Program> _factory;
                private HttpClient _client;

                public Task InitializeAsync()
                {
                    _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting("Worker", "on"));
                    _client = _factory.CreateClient();
                    return Task.CompletedTask;
                }

                public async Task DisposeAsync() => await _factory.DisposeAsync();

                [Fact]
                public async Task Queues() => Assert.Equal("50", await _client.GetStringAsync("/jobs/5"));
            }

            /// <summary>The app as a process of its own, its hosted service started with no test in flight.</summary>
            public sealed class ProcessWorkerTests : IAsyncLifetime
            {
                private LiveServer _server;

                public async Task InitializeAsync() =>
                    _server = await LiveServer.StartProcessAsync(Path.Combine(AppContext.BaseDirectory, "Shop.dll"), new Dictionary<string, string> { ["Worker"] = "on" });

                public async Task DisposeAsync() => await _server.DisposeAsync();

                [Fact]
                public async Task Queues() => Assert.Equal("70", await _server.Client.GetStringAsync("/jobs/7"));
            }

            public sealed class KestrelTests : IAsyncLifetime
            {
                private readonly WebApplicationFactory<Program> _factory = new();

                public Task InitializeAsync()
                {
                    _factory.UseKestrel(0);
                    _factory.StartServer();
                    return Task.CompletedTask;
                }

                public async Task DisposeAsync() => await _factory.DisposeAsync();

                [Fact]
                public async Task Converts()
                {
                    using var client = _factory.CreateClient();
                    Assert.Equal("usd->gbp", await client.GetStringAsync("/fx/usd/gbp"));
                }
            }
            """);
        Measured = FlowCover.Run(Root, "test", "Shop.Tests", "--contexts", "test", "--exclude", "FlowCover.Testing.dll");
    }

    /// <summary>The tests (and routes) <c>flowcover who</c> names for the line of
    /// <paramref name="file"/> that ends with <c>// comment</c>.</summary>
    public FlowCoverProcess.Result Who(string file, string comment)
    {
        return FlowCover.Run(Root, "who", file + ":" + TestProjects.LineMarked(Root, file, comment));
    }

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}

/// <summary>
/// Contexts through the flows .NET's ExecutionContext follows (docs/contexts.md, "Through the
/// flows"): each line names exactly the tests whose flow ran it, and a consumer or a hosted
/// service runs in the flow that started it, not in the one that handed it the work; a request
/// through WebApplicationFactory's TestServer, which sends no headers and by default drops the
/// test's ExecutionContext, is its test's and its route's (docs/contexts.md, "WebApplicationFactory").
/// </summary>
public sealed class FlowThroughTests(FlowThroughSolution solution) : IClassFixture<FlowThroughSolution>
{
    [Fact]
    public void The_run_marks_the_tests_and_passes()
    {
        Assert.True(solution.Measured.ExitCode == 0, solution.Measured.Output + solution.Measured.Error);
        Assert.Contains("Passed!  - Failed:     0, Passed:     7", solution.Measured.Output);
    }

    [Theory]
    [InlineData("Shop/Flows.cs", "the async iterator, after an await", "Shop.Tests.IteratorTests.Iterates\n")]
    [InlineData("Shop/Flows.cs", "disposed asynchronously", "Shop.Tests.IteratorTests.Iterates\n")]
    [InlineData("Shop/Flows.cs", "both flow tests", "Shop.Tests.ChannelTests.Consumes\nShop.Tests.IteratorTests.Iterates\n")]
    [InlineData("Shop/Flows.cs", "the test's consumer", "Shop.Tests.ChannelTests.Consumes\n")]
    [InlineData("Shop/Flows.cs", "the fixture's consumer", "(setup) Shop.Tests.ConsumerFixture\n")] // items the test wrote
    [InlineData("Shop/Flows.cs", "both consumers", "(setup) Shop.Tests.ConsumerFixture\nShop.Tests.ChannelTests.Consumes\n")]
    [InlineData("Shop/Flows.cs", "none", "")]
    [InlineData("Shop/Jobs.cs", "the hosted service starts", "(none)\n(setup) Shop.Tests.WorkerTests\n")] // (none): in the app's own process
    [InlineData("Shop/Jobs.cs", "the hosted service runs a queued job", "(none)\n(setup) Shop.Tests.WorkerTests\n")] // queued by the tests' requests
    [InlineData("Shop/Jobs.cs", "the request queues a job", "Shop.Tests.ProcessWorkerTests.Queues [GET /jobs/{n:int}]\nShop.Tests.WorkerTests.Queues [GET /jobs/{n:int}]\n")] // on TestServer, and in the app's process
    [InlineData("Shop/Rates.cs", "both server tests", "Shop.Tests.KestrelTests.Converts [GET /fx/{base}/{quote}]\nShop.Tests.OtherTests.Converts [GET /fx/{base}/{quote}]\nShop.Tests.UsdTests.Converts [GET /fx/{base}/{quote}]\n")]
    [InlineData("Shop/Rates.cs", "the usd tests, on TestServer and Kestrel", "Shop.Tests.KestrelTests.Converts [GET /fx/{base}/{quote}]\nShop.Tests.UsdTests.Converts\nShop.Tests.UsdTests.Converts [GET /fx/{base}/{quote}]\n")] // also called by the test itself
    [InlineData("Shop/Rates.cs", "the other test", "Shop.Tests.OtherTests.Converts [GET /fx/{base}/{quote}]\n")]
    public void Each_line_names_exactly_the_flows_that_ran_it(string file, string comment, string contexts)
    {
        var who = solution.Who(file, comment);
        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal(contexts, who.Output);
    }
}
