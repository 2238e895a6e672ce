using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// An ASP.NET Core app (two routes) and an xUnit v2 test project driving it over real HTTP with
/// FlowCover.Testing: two test classes, each with its own in-process <c>LiveServer</c> on
/// Kestrel at 127.0.0.1, call the same route at the same time (they wait for each other at a
/// barrier), and a third calls the other route of the app run as a process of its own
/// (<c>ProcessServer</c>, <c>dotnet Fx.dll</c>); measured once by <c>flowcover test --contexts test</c>.
/// </summary>
public sealed class HttpTestsSolution
{
    public string Root { get; } = Scratch.Folder("http-contexts");

    public FlowCoverProcess FlowCover { get; } = new();

    public FlowCoverProcess.Result Measured { get; }

    public HttpTestsSolution()
    {
        Write("Fx/Fx.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        Write("Fx/Program.cs", """
            using Fx;

            var app = WebApplication.CreateBuilder(args).Build();
            app.MapGet("/fx/{base}/{quote}", (string @base, string quote) => Rates.ConvertAsync(@base, quote));
            app.MapGet("/health", () => Rates.Health());
            app.Run();

            public partial class Program;
            """);
        Write("Fx/Rates.cs", """
            namespace Fx;

            public static class Rates
            {
                public static async Task<string> ConvertAsync(string from, string to)
                {
                    await Task.Yield();
                    return from == "usd" ? Usd(to) : Other(to); // both in-process tests
                }

                public static string Usd(string to)
                {
                    return "usd->" + to; // the usd test
                }

                public static string Other(string to)
                {
                    return "other->" + to; // the other test
                }

                public static string Health()
                {
                    return "ok"; // the process test
                }
            }
            """);
        var testing = Path.Combine(PackagingTests.RepositoryRoot(), "src/FlowCover.Testing/FlowCover.Testing.csproj");
        Write("Fx.Tests/Fx.Tests.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject><NuGetAudit>false</NuGetAudit><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../Fx/Fx.csproj" />
                <ProjectReference Include="{testing}" />
              </ItemGroup>
            </Project>
            """);
        Write("Fx.Tests/Tests.cs", """
            using FlowCover.Testing;
            using Xunit;

            namespace Fx.Tests;

            public static class Meeting
            {
                private static readonly Barrier Both = new(2);

                public static void BothInFlight() => Assert.True(Both.SignalAndWait(TimeSpan.FromSeconds(60)), "the other test class never ran at the same time");
            }

            public sealed class UsdTests : IAsyncLifetime
            {
                private LiveServer? _server;

                public async Task InitializeAsync() => _server = await LiveServer.StartAsync<Program>();

                public async Task DisposeAsync() => await _server!.DisposeAsync();

                [Fact]
                public async Task Converts()
                {
                    Meeting.BothInFlight();
                    for (var round = 0; round < 50; round++)
                        Assert.Equal("usd->eur", await _server!.Client.GetStringAsync("/fx/usd/eur"));
                }
            }

            public sealed class OtherTests : IAsyncLifetime
            {
                private LiveServer? _server;

                public async Task InitializeAsync() => _server = await LiveServer.StartAsync<Program>();

                public async Task DisposeAsync() => await _server!.DisposeAsync();

                [Fact]
                public async Task Converts()
                {
                    Meeting.BothInFlight();
                    for (var round = 0; round < 50; round++)
                        Assert.Equal("other->eur", await _server!.Client.GetStringAsync("/fx/gbp/eur"));
                }
            }

            public sealed class ProcessTests : IAsyncLifetime
            {
                private LiveServer? _server;

                public async Task InitializeAsync() => _server = await LiveServer.StartProcessAsync(Path.Combine(AppContext.BaseDirectory, "Fx.dll"));

                public async Task DisposeAsync() => await _server!.DisposeAsync();

                [Fact]
                public async Task Health() => Assert.Equal("ok", await _server!.Client.GetStringAsync("/health"));
            }
            """);
        Measured = FlowCover.Run(Root, "test", "Fx.Tests", "--contexts", "test", "--exclude", "FlowCover.Testing.dll");
    }

    public FlowCoverProcess.Result Who(string comment)
    {
        return FlowCover.Run(Root, "who", "Fx/Rates.cs:" + TestProjects.LineMarked(Root, "Fx/Rates.cs", comment));
    }

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}

/// <summary>
/// Contexts across HTTP (docs/contexts.md, "Across HTTP"): the test rides the W3C baggage its
/// requests carry, the server's request runs in it, in the test process or another, and the
/// route template the request matched is the context's second dimension.
/// </summary>
public sealed class HttpContextsTests(HttpTestsSolution solution) : IClassFixture<HttpTestsSolution>
{
    [Fact]
    public void The_run_passes()
    {
        Assert.True(solution.Measured.ExitCode == 0, solution.Measured.Output + solution.Measured.Error);
        Assert.Contains("Passed!  - Failed:     0, Passed:     3", solution.Measured.Output);
    }

    [Theory]
    [InlineData("both in-process tests", "Fx.Tests.OtherTests.Converts [GET /fx/{base}/{quote}]\nFx.Tests.UsdTests.Converts [GET /fx/{base}/{quote}]\n")]
    [InlineData("the usd test", "Fx.Tests.UsdTests.Converts [GET /fx/{base}/{quote}]\n")]
    [InlineData("the other test", "Fx.Tests.OtherTests.Converts [GET /fx/{base}/{quote}]\n")]
    [InlineData("the process test", "Fx.Tests.ProcessTests.Health [GET /health]\n")] // in another process
    public void Each_line_a_server_ran_names_exactly_the_tests_whose_requests_ran_it_and_their_route(string comment, string contexts)
    {
        var who = solution.Who(comment);
        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal(contexts, who.Output);
    }

    [Fact]
    public void Endpoints_lists_each_route_template_with_the_coverage_of_what_it_reached()
    {
        var endpoints = solution.FlowCover.Run(solution.Root, "endpoints");

        Assert.True(endpoints.ExitCode == 0, endpoints.Error);
        var lines = endpoints.Output.Split('\n').Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var routes = lines.Where(l => l.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["GET /fx/{base}/{quote}: 4 method(s) reached, 5 of their 5 statements run, 100% covered",
            "GET /health: 2 method(s) reached, 2 of their 2 statements run, 100% covered"], routes);
        var convert = lines.IndexOf(routes[0]);
        var health = lines.IndexOf(routes[1]);
        Assert.Contains("Rates.ConvertAsync (Fx/Rates.cs:7) 2 0 100%", lines[convert..health]);
        Assert.Contains("Rates.Usd (Fx/Rates.cs:13) 1 0 100%", lines[convert..health]);
        Assert.Contains("Rates.Other (Fx/Rates.cs:18) 1 0 100%", lines[convert..health]);
        Assert.Contains("Rates.Health (Fx/Rates.cs:23) 1 0 100%", lines[health..]);
    }
}
