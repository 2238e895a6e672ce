using System.Diagnostics;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// Servers FlowCover does not start: an ASP.NET Core app (printing its own address, so that it
/// can run with no logging at all), a console tool, a user's own startup hook, and an xUnit v2
/// test project whose tests start the app and the tool with plain <c>Process.Start</c> (no
/// ProcessServer) and call the app on Kestrel at 127.0.0.1; measured once by
/// <c>flowcover test --contexts test</c> with the user's hook already in
/// <c>DOTNET_STARTUP_HOOKS</c>.
/// </summary>
public sealed class HookedServersSolution
{
    public string Root { get; } = Scratch.Folder("hooked-servers");

    public FlowCoverProcess FlowCover { get; } = new();

    public FlowCoverProcess.Result Measured { get; }

    /// <summary>The user's own startup hook: it writes the entry assembly of every process it
    /// loads into, one a line, to <see cref="HookLog"/>.</summary>
    public string UserHook => Path.Combine(Root, "UserHook/bin/Debug/net10.0/UserHook.dll");

    public string HookLog => Path.Combine(Root, "user-hook.log");

    public HookedServersSolution()
    {
        Write("Api/Api.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        Write("Api/Program.cs", """
            using Api;

            var builder = WebApplication.CreateBuilder(args);
            if (Environment.GetEnvironmentVariable("API_QUIET") == "1")
                builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/fx/{base}/{quote}", (string @base, string quote) => Rates.Convert(@base, quote));
            app.MapGet("/quiet/{name}", (string name) => Rates.Quiet(name));
            app.MapGet("/bare/{name}", (string name) => Rates.Bare(name));
            await app.StartAsync();
            Console.WriteLine("listening " + app.Urls.First());
            await app.WaitForShutdownAsync();
            """);
        Write("Api/Rates.cs", """
            namespace Api;

            public static class Rates
            {
                public static string Convert(string from, string to)
                {
                    return from + "->" + to; // the logging app
                }

                public static string Quiet(string name)
                {
                    return "quiet " + name; // the quiet app
                }

                public static string Bare(string name)
                {
                    return "bare " + name; // the quiet app without the hook
                }
            }
            """);
        Write("Tool/Tool.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        Write("Tool/Program.cs", """
            Console.WriteLine(Tool.Sum.Of(args.Select(int.Parse)));
            """);
        Write("Tool/Sum.cs", """
            namespace Tool;

            public static class Sum
            {
                public static int Of(IEnumerable<int> values)
                {
                    var total = 0;
                    foreach (var value in values)
                        total += value;
                    return total; // the console tool
                }
            }
            """);
        Write("UserHook/UserHook.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        Write("UserHook/StartupHook.cs", """
            internal static class StartupHook
            {
                public static void Initialize()
                {
                    if (System.Environment.GetEnvironmentVariable("USER_HOOK_LOG") is { Length: > 0 } log)
                        System.IO.File.AppendAllText(log, System.IO.Path.GetFileName(System.Environment.GetCommandLineArgs()[0]) + "\n");
                }
            }
            """);
        Write("Hooked.Tests/Hooked.Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject><NuGetAudit>false</NuGetAudit><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
                <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="../Api/Api.csproj" />
                <ProjectReference Include="../Tool/Tool.csproj" />
                <ProjectReference Include="../UserHook/UserHook.csproj" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        Write("Hooked.Tests/Tests.cs", """
            using System.Diagnostics;
            using Xunit;

            namespace Hooked.Tests;

            /// <summary>Starts a built app of the test's output folder as a user would: dotnet App.dll.</summary>
            public static class Started
            {
                public static Process Dotnet(string app, Action<ProcessStartInfo>? configure = null, params string[] arguments)
                {
                    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
                    start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, app));
                    foreach (var argument in arguments)
                        start.ArgumentList.Add(argument);
                    configure?.Invoke(start);
                    return Process.Start(start)!;
                }

                public static async Task<string> Get(string path, Action<ProcessStartInfo>? configure = null)
                {
                    using var server = Dotnet("Api.dll", configure, "--urls", "http://127.0.0.1:0");
                    try
                    {
                        string? line;
                        while ((line = await server.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("listening ", StringComparison.Ordinal))
                        {
                        }
                        Assert.NotNull(line);
                        using var client = new HttpClient { BaseAddress = new Uri(line!["listening ".Length..]) };
                        return await client.GetStringAsync(path);
                    }
                    finally
                    {
                        server.Kill();
                        await server.WaitForExitAsync();
                    }
                }
            }

            public sealed class PlainProcessTests
            {
                [Fact]
                public async Task Converts() => Assert.Equal("usd->eur", await Started.Get("/fx/usd/eur"));
            }

            public sealed class QuietProcessTests
            {
                [Fact]
                public async Task Greets() => Assert.Equal("quiet ann", await Started.Get("/quiet/ann", s => s.Environment["API_QUIET"] = "1"));

                [Fact]
                public async Task Greets_without_the_hook() => Assert.Equal("bare bob", await Started.Get("/bare/bob", s =>
                {
                    s.Environment["API_QUIET"] = "1";
                    s.Environment["DOTNET_STARTUP_HOOKS"] = Environment.GetEnvironmentVariable("USER_HOOK_PATH");
                }));
            }

            public sealed class ToolTests
            {
                [Fact]
                public async Task Adds()
                {
                    using var tool = Started.Dotnet("Tool.dll", null, "40", "2");
                    var output = await tool.StandardOutput.ReadToEndAsync();
                    await tool.WaitForExitAsync();
                    Assert.Equal((0, "42\n"), (tool.ExitCode, output));
                }
            }
            """);
        // Built first: the user's hook must exist before any process (the build's too) loads it.
        PackedClones.Run(Root, new Dictionary<string, string>(), "dotnet", "build", "Hooked.Tests");
        Measured = FlowCover.Run(Root, UserEnvironment(("USER_HOOK_LOG", HookLog)), "test", "Hooked.Tests", "--contexts", "test", "--exclude", "UserHook.dll");
    }

    /// <summary>The user's hook in DOTNET_STARTUP_HOOKS, as a user who has one runs flowcover,
    /// and its path for the test that starts the app without FlowCover's.</summary>
    public Dictionary<string, string> UserEnvironment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = UserHook, ["USER_HOOK_PATH"] = UserHook };
        foreach (var (name, value) in more)
            environment[name] = value;
        return environment;
    }

    public FlowCoverProcess.Result Who(string file, string comment)
    {
        return FlowCover.Run(Root, "who", file + ":" + TestProjects.LineMarked(Root, file, comment));
    }

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}

/// <summary>
/// Contexts for any server under <c>flowcover test --contexts test</c> (docs/contexts.md, "Across
/// HTTP"): the CLI names FlowCover.StartupHook.dll in the command's <c>DOTNET_STARTUP_HOOKS</c>,
/// after the user's own, so a server a test starts itself names its routes, an app with no
/// logging gets its request Activity, and a console process runs as before, measured.
/// </summary>
public sealed class StartupHookContextsTests(HookedServersSolution solution) : IClassFixture<HookedServersSolution>
{
    [Fact]
    public void The_run_passes_with_every_process_under_both_hooks()
    {
        Assert.True(solution.Measured.ExitCode == 0, solution.Measured.Output + solution.Measured.Error);
        Assert.Contains("Passed!  - Failed:     0, Passed:     4", solution.Measured.Output);
    }

    [Theory]
    [InlineData("Api/Rates.cs", "the logging app", "Hooked.Tests.PlainProcessTests.Converts [GET /fx/{base}/{quote}]\n")]
    [InlineData("Api/Rates.cs", "the quiet app", "Hooked.Tests.QuietProcessTests.Greets [GET /quiet/{name}]\n")]
    // Without the hook, the tracker's ActivityListener alone does not make ASP.NET Core create the
    // request Activity of an app with no logging: no test, no route.
    [InlineData("Api/Rates.cs", "the quiet app without the hook", "(none)\n")]
    // A console process started by a test is measured; it is not a request, so no test is in it.
    [InlineData("Tool/Sum.cs", "the console tool", "(none)\n")]
    public void A_server_a_test_starts_itself_names_the_test_and_route_of_each_request(string file, string comment, string contexts)
    {
        var who = solution.Who(file, comment);
        Assert.True(who.ExitCode == 0, who.Error);
        Assert.Equal(contexts, who.Output);
    }

    [Fact]
    public void The_users_own_hook_still_runs_in_every_process()
    {
        var processes = File.ReadAllLines(solution.HookLog).ToHashSet();
        Assert.Superset(new HashSet<string> { "testhost.dll", "Api.dll", "Tool.dll" }, processes);
    }

    [Fact]
    public void The_command_gets_the_hook_after_the_users_with_contexts_and_only_the_users_without()
    {
        var target = Path.Combine(solution.Root, "Tool/bin/Debug/net10.0");
        string Hooks(params string[] contexts)
        {
            var run = solution.FlowCover.Run(solution.Root, solution.UserEnvironment(),
                ["run", "--target", target, .. contexts, "--data-file", "env.flowcover", "--", "sh", "-c", "echo \"hooks=$DOTNET_STARTUP_HOOKS\""]);
            Assert.True(run.ExitCode == 0, run.Error);
            return run.Output.Split('\n').Single(l => l.StartsWith("hooks=", StringComparison.Ordinal));
        }

        var hook = Path.Combine(Path.GetDirectoryName(FlowCoverProcess.CliDll)!, "FlowCover.StartupHook.dll");
        Assert.Equal("hooks=" + solution.UserHook, Hooks());
        Assert.Equal("hooks=" + solution.UserHook + Path.PathSeparator + hook, Hooks("--contexts", "test"));
    }
}
