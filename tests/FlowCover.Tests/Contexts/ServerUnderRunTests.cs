using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FlowCover.Tests.Cli;
using FlowCover.Tests.Session;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// A server that is <c>flowcover run</c>'s own command, as a user runs one (docs/contexts.md,
/// "A server under flowcover run"): a <c>dotnet new web</c> style app started by
/// <c>flowcover run --contexts test -- dotnet Api.dll --urls http://127.0.0.1:0</c>, which prints
/// its address once started; one request of the fixture's own, sent with no test; then an xUnit
/// project of two classes, run by <c>flowcover test --contexts test</c> in another process, whose
/// tests are both in flight at once and send their requests to that server; then SIGINT to
/// flowcover, which passes it on, waits for the app to shut down and writes the data. The server
/// runs in a session of its own (setsid), so the signal is flowcover's alone whatever terminal
/// the suite runs in.
/// </summary>
public sealed partial class ServerUnderRunSolution
{
    public string Root { get; } = Scratch.Folder("server-under-run");

    public FlowCoverProcess FlowCover { get; } = new();

    /// <summary><c>flowcover test</c> of the client tests.</summary>
    public FlowCoverProcess.Result Clients { get; }

    /// <summary><c>flowcover run</c> of the server, once it ended after SIGINT: its exit code, the
    /// app's output and flowcover's lines.</summary>
    public FlowCoverProcess.Result Server { get; }

    /// <summary>The server's output up to its "listening" line, read while it ran.</summary>
    public string OutputWhileRunning { get; }

    /// <summary>The same server run again at a terminal (a pseudo-terminal made by
    /// <c>script</c>) and stopped by Ctrl+C typed there: script's exit code (flowcover's) and
    /// everything the terminal showed.</summary>
    public (int ExitCode, string Output) Typed { get; }

    public ServerUnderRunSolution()
    {
        // The server is stopped with SIGINT, here and where Ctrl-C is typed at its terminal.
        if (IgnoredSignals.Ignored(2))
            throw new InvalidOperationException(IgnoredSignals.Why(2));
        Write("Server.slnx", """
            <Solution>
              <Project Path="Api/Api.csproj" />
              <Project Path="Client/Client.csproj" />
              <Project Path="Clients.Tests/Clients.Tests.csproj" />
            </Solution>
            """);
        Write("Api/Api.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        Write("Api/Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/health", () =>
            {
                return "ok"; // health
            });
            app.MapGet("/rates/{currency}", (string currency) =>
            {
                if (currency == "eur")
                    return "0.9"; // the euro
                return "1.0"; // another currency
            });
            app.MapGet("/greetings/{name}", (string name) =>
            {
                return "hello " + name; // greeting
            });
            app.MapGet("/unused", () =>
            {
                return "never"; // no request
            });
            await app.StartAsync();
            Console.WriteLine("listening " + app.Urls.First());
            await app.WaitForShutdownAsync();
            """);
        Write("Client/Client.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        Write("Client/ApiClient.cs", """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            namespace Client;

            /// <summary>The server's address is the test run's API_URL.</summary>
            public static class ApiClient
            {
                private static readonly HttpClient Http = new() { BaseAddress = new Uri(Environment.GetEnvironmentVariable("API_URL")!) };

                public static Task<string> Get(string path) => Http.GetStringAsync(path);
            }
            """);
        Write("Clients.Tests/Clients.Tests.csproj", TestProjects.XunitV2("../Client/Client.csproj"));
        Write("Clients.Tests/Tests.cs", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Client;
            using Xunit;

            namespace Clients.Tests;

            /// <summary>Holds each class's test until the other's is in flight too, so their
            /// requests reach the server at the same time.</summary>
            public static class Together
            {
                private static int s_arrived;
                private static readonly TaskCompletionSource s_both = new(TaskCreationOptions.RunContinuationsAsynchronously);

                public static Task BothInFlight()
                {
                    if (Interlocked.Increment(ref s_arrived) == 2)
                        s_both.SetResult();
                    return s_both.Task.WaitAsync(TimeSpan.FromMinutes(2));
                }
            }

            public sealed class RatesTests
            {
                [Fact]
                public async Task Quotes_the_euro()
                {
                    await Together.BothInFlight();
                    Assert.Equal("ok", await ApiClient.Get("/health"));
                    Assert.Equal("0.9", await ApiClient.Get("/rates/eur"));
                }
            }

            public sealed class GreetingTests
            {
                [Fact]
                public async Task Greets_and_quotes_the_dollar()
                {
                    await Together.BothInFlight();
                    Assert.Equal("ok", await ApiClient.Get("/health"));
                    Assert.Equal("hello ann", await ApiClient.Get("/greetings/ann"));
                    Assert.Equal("1.0", await ApiClient.Get("/rates/usd"));
                }
            }
            """);
        PackedClones.Run(Root, new Dictionary<string, string>(), "dotnet", "build", "Server.slnx");

        using var server = FlowCover.Start(Root, new Dictionary<string, string>(), ownSession: true,
            "run", "--contexts", "test", "--target", "Api/bin/Debug/net10.0", "--include", "Api",
            "--", "dotnet", "Api/bin/Debug/net10.0/Api.dll", "--urls", "http://127.0.0.1:0");
        var output = new LineReader(server.StandardOutput);
        var error = server.StandardError.ReadToEndAsync();
        try
        {
            var listening = output.WaitFor("listening ", TimeSpan.FromMinutes(3));
            OutputWhileRunning = output.Text;
            Assert.True(listening is not null, $"the server never said where it listens:\n{output.Text}\n{(server.HasExited ? error.Result : "")}");
            var address = listening["listening ".Length..];
            Assert.Equal("ok", TestRequests.Get(address + "/health", test: null));
            Clients = FlowCover.Run(Root, new Dictionary<string, string> { ["API_URL"] = address },
                "test", "Clients.Tests", "--contexts", "test", "--data-file", "clients.flowcover");
            Assert.Equal(0, FaultApp.Kill(server.Id, 2));
            Assert.True(server.WaitForExit(TimeSpan.FromMinutes(3)), "flowcover run did not end after SIGINT:\n" + output.Text + "\n" + SessionSnapshot.Of(server.Id));
            Server = new FlowCoverProcess.Result(server.ExitCode, output.ToEnd(), error.Result);
        }
        finally
        {
            if (!server.HasExited)
                _ = FaultApp.Kill(-server.Id, 9);
        }
        Typed = StopTypedAtTerminal();
    }

    /// <summary>Runs the server under <c>flowcover run</c> in a terminal of its own, sends it
    /// one request that names a test, and types Ctrl+C at the terminal: the terminal signals its
    /// foreground process group, flowcover and the app alike.</summary>
    private (int ExitCode, string Output) StopTypedAtTerminal()
    {
        var start = new ProcessStartInfo("script")
        {
            WorkingDirectory = Root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -e: script exits with its command's code; -f: its output is passed on as it comes.
        start.ArgumentList.Add("-qefc");
        start.ArgumentList.Add($"dotnet '{FlowCoverProcess.CliDll}' run --contexts test --target Api/bin/Debug/net10.0 --include Api --data-file typed.flowcover " +
            "-- dotnet Api/bin/Debug/net10.0/Api.dll --urls http://127.0.0.1:0");
        start.ArgumentList.Add("/dev/null");
        start.Environment["FLOWCOVER_HOME"] = FlowCover.Home;
        start.Environment.Remove("FLOWCOVER_DATA_DIR");
        using var terminal = Process.Start(start)!;
        var output = new LineReader(terminal.StandardOutput);
        _ = terminal.StandardError.ReadToEndAsync();
        try
        {
            var listening = output.WaitFor("listening ", TimeSpan.FromMinutes(3));
            Assert.True(listening is not null, "the server at the terminal never said where it listens:\n" + output.Text);
            Assert.Equal("hello bob", TestRequests.Get(listening["listening ".Length..] + "/greetings/bob", "Typed.At.Terminal"));
            terminal.StandardInput.Write('\u0003');
            terminal.StandardInput.Flush();
            Assert.True(terminal.WaitForExit(TimeSpan.FromMinutes(3)), "flowcover run did not end after Ctrl+C:\n" + output.Text);
            return (terminal.ExitCode, output.ToEnd());
        }
        finally
        {
            if (!terminal.HasExited)
                terminal.Kill(entireProcessTree: true);
        }
    }

    public FlowCoverProcess.Result Who(string file, string comment)
    {
        return FlowCover.Run(Root, "who", file + ":" + TestProjects.LineMarked(Root, file, comment));
    }

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);

    /// <summary>A process's output, read line by line as it comes, so a test can wait for one
    /// line while the process runs. Read on the thread pool and waited for with a timeout: no
    /// line waits for one of xUnit's few test threads to be free, and a server that never prints
    /// fails the fixture with what it did print.</summary>
    private sealed partial class LineReader
    {
        /// <summary>A terminal's control sequences (.NET's console, on a terminal, switches its
        /// keypad mode with <c>ESC[?1h ESC=</c> before the first line it writes): not text.</summary>
        [GeneratedRegex(@"\x1B(\[[0-9;?]*[ -/]*[@-~]|[=>])")]
        private static partial Regex TerminalCodes();

        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();
        private readonly Task _reading;

        public LineReader(StreamReader reader)
        {
            _reading = Task.Run(async () =>
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    lock (_lock)
                        _text.Append(TerminalCodes().Replace(line, "").TrimEnd('\r')).Append('\n'); // a terminal ends its lines with \r\n
                }
            });
        }

        /// <summary>All read so far; everything once the process ended.</summary>
        public string Text
        {
            get
            {
                lock (_lock)
                    return _text.ToString();
            }
        }

        /// <summary>Everything, once the output ended.</summary>
        public string ToEnd()
        {
            _reading.Wait();
            return Text;
        }

        /// <summary>The first line starting with <paramref name="prefix"/>; null when the output
        /// ended or <paramref name="timeout"/> passed without one.</summary>
        public string? WaitFor(string prefix, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                var ended = _reading.IsCompleted;
                if (Text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) is { } line)
                    return line;
                if (ended)
                    return null;
                Thread.Sleep(50);
            }
            return null;
        }
    }
}

/// <summary>
/// Contexts of a server that is <c>flowcover run</c>'s own command, with its requests sent by
/// the tests of another process: each test gets exactly the lines its requests ran, with their
/// route, though both tests' requests reach the server at once; a request no test sent is
/// <c>(none)</c> with its route; and the data is written once SIGINT stopped the server.
/// </summary>
public sealed class ServerUnderRunTests(ServerUnderRunSolution solution) : IClassFixture<ServerUnderRunSolution>
{
    [Fact]
    public void The_server_prints_live_and_SIGINT_stops_it_gracefully_with_its_data_written()
    {
        Assert.Contains("\nlistening http://127.0.0.1:", "\n" + solution.OutputWhileRunning);
        Assert.True(solution.Server.ExitCode == 128 + 2, solution.Server.Output + solution.Server.Error);
        // The app got the signal: it shut down by itself, logging so, rather than being killed.
        Assert.Contains("Application is shutting down...", solution.Server.Output);
        Assert.Contains("flowcover: measuring Api: 1 file,", solution.Server.Error);
        Assert.True(File.Exists(Path.Combine(solution.Root, ".flowcover")));
        Assert.True(File.Exists(Path.Combine(solution.Root, ".flowcover.contexts")));
    }

    [Fact]
    public void Ctrl_C_typed_at_its_terminal_stops_it_and_its_data_is_written()
    {
        Assert.True(solution.Typed.ExitCode == 128 + 2, solution.Typed.Output);
        Assert.Contains("Application is shutting down...", solution.Typed.Output);
        var who = solution.FlowCover.Run(solution.Root, "who", "--data-file", "typed.flowcover",
            "Api/Program.cs:" + TestProjects.LineMarked(solution.Root, "Api/Program.cs", "greeting"));
        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal("Typed.At.Terminal [GET /greetings/{name}]\n", who.Output);
    }

    [Fact]
    public void The_client_tests_pass_in_their_own_run()
    {
        Assert.True(solution.Clients.ExitCode == 0, solution.Clients.Output + solution.Clients.Error);
        Assert.Contains("Passed!  - Failed:     0, Passed:     2", solution.Clients.Output);
    }

    [Theory]
    [InlineData("health", "(none) [GET /health]\nClients.Tests.GreetingTests.Greets_and_quotes_the_dollar [GET /health]\nClients.Tests.RatesTests.Quotes_the_euro [GET /health]\n")]
    [InlineData("the euro", "Clients.Tests.RatesTests.Quotes_the_euro [GET /rates/{currency}]\n")]
    [InlineData("another currency", "Clients.Tests.GreetingTests.Greets_and_quotes_the_dollar [GET /rates/{currency}]\n")]
    [InlineData("greeting", "Clients.Tests.GreetingTests.Greets_and_quotes_the_dollar [GET /greetings/{name}]\n")]
    [InlineData("no request", "")]
    public void Each_request_names_the_test_of_the_other_process_that_sent_it_and_its_route(string comment, string contexts)
    {
        var who = solution.Who("Api/Program.cs", comment);
        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal(contexts, who.Output);
    }
}
