using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// The same ASP.NET Core app built for .NET 8 and for .NET 9, each published self-contained
/// (<c>dotnet publish -r linux-x64 --self-contained</c>), so it runs on its own runtime of that
/// version where only .NET 10 is installed. Published once each; every test measures one of them
/// as <c>flowcover run --contexts test</c>'s own command.
/// </summary>
public sealed class OlderRuntimeApps
{
    /// <summary>This machine's runtime identifier (linux-x64 here): the apps run where the test does.</summary>
    public static readonly string Rid = RuntimeInformation.RuntimeIdentifier;

    public string Root { get; } = Scratch.Folder("older-runtimes");

    public FlowCoverProcess FlowCover { get; } = new();

    public OlderRuntimeApps()
    {
        // Published at once: most of a publish is restoring the runtime packs.
        Task.WaitAll([Task.Run(() => Publish(8)), Task.Run(() => Publish(9))]);
    }

    public static string Name(int version) => "App" + version;

    public string Folder(int version) => Path.Combine(Root, Name(version));

    public string Published(int version) => Path.Combine(Folder(version), "out");

    private void Publish(int version)
    {
        var name = Name(version);
        TestProjects.Write(Root, $"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net{version}.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings><NuGetAudit>false</NuGetAudit></PropertyGroup>
            </Project>
            """);
        TestProjects.Write(Root, $"{name}/Program.cs", """
            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/hello/{name}", (string name) => Greeting.For(name));
            app.MapPost("/stop", (IHostApplicationLifetime lifetime) =>
            {
                lifetime.StopApplication(); // the stop
            });
            app.Run();

            static class Greeting
            {
                public static string For(string name)
                {
                    return "hello " + name + " from .NET " + Environment.Version; // the greeting
                }
            }
            """);
        PackedClones.Run(Folder(version), new Dictionary<string, string>(), "dotnet", "publish", "-r", Rid, "--self-contained", "-f", $"net{version}.0", "-c", "Debug", "-o", "out", "-nologo");
    }
}

/// <summary>
/// .NET 8 and 9 apps under the startup hook (docs/contexts.md, "The startup hook"): the app's
/// own runtime loads the instrumented module (whose tracker is built against netstandard2.0) and
/// FlowCover.StartupHook, and a request from another process carrying a test in its
/// <c>baggage</c> gives the greeting's line exactly that test and its route; the stop request,
/// sent with no baggage, is <c>(none)</c> with its route.
/// </summary>
public sealed class OlderRuntimesContextsTests(OlderRuntimeApps apps) : IClassFixture<OlderRuntimeApps>
{
    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public async Task A_request_to_an_app_on_an_older_runtime_names_its_test_and_route(int version)
    {
        var name = OlderRuntimeApps.Name(version);
        var dataFile = Path.Combine(apps.Folder(version), ".flowcover");
        var port = FreePort();
        using var run = apps.FlowCover.Start(apps.Folder(version),
            "run", "--contexts", "test", "--target", apps.Published(version), "--include", name, "--data-file", dataFile,
            "--", Path.Combine(apps.Published(version), name), "--urls", $"http://127.0.0.1:{port}");
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        string greeting;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            greeting = await Greet(client, run, $"Older.Tests.Net{version}Tests.Greets");
            (await client.PostAsync("/stop", null)).EnsureSuccessStatusCode();
            Assert.True(run.WaitForExit(TimeSpan.FromMinutes(4)), "the app did not stop");
        }
        finally
        {
            if (!run.HasExited)
                run.Kill(entireProcessTree: true);
        }
        Assert.True(run.ExitCode == 0, await output + await error);
        Assert.StartsWith($"hello ann from .NET {version}.0.", greeting);

        var greetingLine = TestProjects.LineMarked(apps.Root, $"{name}/Program.cs", "the greeting");
        var who = apps.FlowCover.Run(apps.Folder(version), "who", "--data-file", dataFile, $"Program.cs:{greetingLine}");
        var stopLine = TestProjects.LineMarked(apps.Root, $"{name}/Program.cs", "the stop");
        var stop = apps.FlowCover.Run(apps.Folder(version), "who", "--data-file", dataFile, $"Program.cs:{stopLine}");

        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal($"Older.Tests.Net{version}Tests.Greets [GET /hello/{{name}}]\n", who.Output);
        Assert.True(stop.ExitCode == 0, stop.Error);
        Assert.Equal("(none) [POST /stop]\n", stop.Output);
    }

    /// <summary>GET /hello/ann from an Activity with the test in its baggage, as a marked test
    /// sends it (HttpClient adds <c>traceparent</c> and <c>baggage</c>), tried until the app
    /// listens (or its run ends).</summary>
    private static async Task<string> Greet(HttpClient client, System.Diagnostics.Process run, string test)
    {
        using var activity = new System.Diagnostics.Activity("FlowCover.Test").AddBaggage("flowcover.test", Uri.EscapeDataString(test)).Start();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (true)
        {
            try
            {
                return await client.GetStringAsync("/hello/ann");
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException && !run.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
