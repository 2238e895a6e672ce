using System.Net;
using System.Net.Sockets;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// An app of <c>dotnet new web</c>'s shape (its project file, and its Program.cs with a second
/// route) run in a real container by <c>flowcover run --contexts test</c>, as
/// docs/contexts.md's recipe ("In a container") runs it: the instrumented build output mounted at
/// <c>/app</c>, the run's data folder at <c>/coverage</c> (named by <c>FLOWCOVER_DATA_DIR</c> in
/// the container), FlowCover.StartupHook.dll at <c>/flowcover</c> (named by
/// <c>DOTNET_STARTUP_HOOKS</c>). A request from outside the container carries a test's
/// <c>baggage</c>; another, sent while waiting for the app, carries none. The container is
/// stopped with <c>docker stop</c>, and the run ends with it.
/// </summary>
public sealed class ContainerizedServer : IDisposable
{
    public const string Test = "Web.Tests.HelloTests.Greets";

    public string Root { get; } = Scratch.Folder("container-server");

    public FlowCoverProcess FlowCover { get; } = new();

    public string Container { get; } = "flowcover-test-" + Guid.NewGuid().ToString("N")[..8];

    public FlowCoverProcess.Result Measured { get; } = new(-1, "", "");

    /// <summary>What the app answered the request with the test's baggage.</summary>
    public string Greeting { get; } = "";

    public ContainerizedServer()
    {
        if (ContainerEngine.Missing is not null)
            return;
        Write("Web/Web.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        Write("Web/Program.cs", """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();

            app.MapGet("/", () =>
                "Hello World!"); // the root
            app.MapGet("/hello/{name}", (string name) =>
                "Hello " + name); // the greeting

            app.Run();
            """);
        PackedClones.Run(Root, new Dictionary<string, string>(), "dotnet", "build", "Web");
        ContainerEngine.EnsureImage();
        var port = FreePort();
        // The recipe of docs/contexts.md, with this machine's image: an empty root given the
        // host's /usr and .NET, on the host's network (no bridge here), so the app listens on
        // the host's 127.0.0.1.
        var script = $$"""
            exec docker run --rm --name {{Container}} --network host \
              -v "$PWD/Web/bin/Debug/net10.0:/app:ro" \
              -v "$FLOWCOVER_DATA_DIR:/coverage" -e FLOWCOVER_DATA_DIR=/coverage \
              -v "${DOTNET_STARTUP_HOOKS##*:}:/flowcover/FlowCover.StartupHook.dll:ro" \
              -e DOTNET_STARTUP_HOOKS=/flowcover/FlowCover.StartupHook.dll \
              -v /usr:/usr:ro -v {{ContainerEngine.DotnetRoot}}:/dotnet:ro \
              {{ContainerEngine.Image}} /dotnet/dotnet /app/Web.dll --urls http://127.0.0.1:{{port}}
            """;
        using var run = FlowCover.Start(Root, "run", "--contexts", "test", "--target", "Web/bin/Debug/net10.0", "--", "sh", "-c", script);
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        try
        {
            // Disposed before the stop, as a test's client is: no connection is left open then.
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            WaitUntilServing(client, run, () => output.IsCompleted ? output.Result + error.Result : "");
            Greeting = TestRequests.Get(client, "/hello/ann", Test);
        }
        finally
        {
            // SIGTERM, as docker stop sends it, and time for a graceful stop on a loaded machine
            // (docker's default 10 s then ends the app with SIGKILL, exit code 137).
            ContainerEngine.Docker(TimeSpan.FromMinutes(3), "stop", "--time", "120", Container);
            if (!run.WaitForExit(TimeSpan.FromMinutes(3)))
                run.Kill(entireProcessTree: true);
        }
        run.WaitForExit();
        Measured = new FlowCoverProcess.Result(run.ExitCode, output.Result, error.Result);
    }

    public FlowCoverProcess.Result Who(string comment)
    {
        return FlowCover.Run(Root, "who", "Web/Program.cs:" + TestProjects.LineMarked(Root, "Web/Program.cs", comment));
    }

    public void Dispose()
    {
        // Left only by a fixture that failed half-way; a stopped container is gone already (--rm).
        if (ContainerEngine.Missing is null)
            ContainerEngine.Docker(TimeSpan.FromMinutes(1), "rm", "--force", Container);
    }

    /// <summary>Asks for <c>/</c> (no baggage) until the app answers; fails with the run's
    /// output if the run ends first or the app never answers.</summary>
    private static void WaitUntilServing(HttpClient client, System.Diagnostics.Process run, Func<string> said)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (DateTime.UtcNow < deadline && !run.HasExited)
        {
            try
            {
                using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, "/"));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Thread.Sleep(250);
        }
        run.WaitForExit(TimeSpan.FromSeconds(10));
        Assert.Fail("the app in the container never answered; flowcover run " + (run.HasExited ? "exited " + run.ExitCode : "still runs") + ":\n" + said());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}

/// <summary>
/// Contexts from a server in a container (docs/contexts.md, "In a container"): the request a test
/// sent is put down to that test and its route, the one no test sent to <c>(none)</c> and its
/// route, and the hits reach the run through the data folder mounted into the container.
/// </summary>
public sealed class ContainerServerTests(ContainerizedServer server) : IClassFixture<ContainerizedServer>
{
    [ContainerFact]
    public void The_run_ends_with_the_container_and_measures_the_app_it_ran()
    {
        Assert.Equal("Hello ann", server.Greeting);
        Assert.True(server.Measured.ExitCode == 0, $"exit code {server.Measured.ExitCode}:\n{server.Measured.Output}{server.Measured.Error}");
        Assert.Contains("flowcover: measuring Web: 1 file,", server.Measured.Error + server.Measured.Output);
    }

    [ContainerTheory]
    [InlineData("the greeting", ContainerizedServer.Test + " [GET /hello/{name}]\n")]
    [InlineData("the root", "(none) [GET /]\n")]
    public void Who_names_the_test_and_route_of_each_request_the_container_served(string comment, string contexts)
    {
        var who = server.Who(comment);
        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal(contexts, who.Output);
    }
}
