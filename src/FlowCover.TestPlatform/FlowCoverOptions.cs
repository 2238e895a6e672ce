using FlowCover.Cli.Integration;
using FlowCover.Cli.Verbs;
using Microsoft.Testing.Platform.CommandLine;
using Microsoft.Testing.Platform.Extensions;
using Microsoft.Testing.Platform.Extensions.CommandLine;

namespace FlowCover.TestPlatform;

/// <summary>
/// The options in the platform's style: <c>--flowcover</c> switches coverage on;
/// <c>--flowcover-options</c> passes flowcover test's own options for one run, named without
/// their dashes (<c>mode=count show-missing include=Calc.dll</c>), which otherwise come from
/// flowcover.json; <c>--flowcover-contexts test</c> records which test ran each line (and asks
/// for coverage), as <c>flowcover test --contexts test</c> does.
/// </summary>
internal sealed class FlowCoverOptions : ICommandLineOptionsProvider
{
    public const string Enable = "flowcover";
    public const string Options = "flowcover-options";
    public const string Contexts = "flowcover-contexts";

    /// <summary>The runtimeconfig.json switch the FlowCoverContexts property sets at build time.</summary>
    public const string ContextsBuildSwitch = "FlowCover.Contexts";

    private static readonly ContextsOption ContextsOption = new("--" + Contexts, $"pass --{Contexts} test");
    private static readonly ContextsOption ContextsProperty = new("FlowCoverContexts", "build with -p:FlowCoverContexts=test");
    private static readonly ContextsOption ContextsInOptions = new("--" + Options + " contexts", $"pass --{Contexts} test");

    public string Uid => nameof(FlowCoverOptions);
    public string Version => typeof(FlowCoverOptions).Assembly.GetName().Version?.ToString() ?? "0.0.0";
    public string DisplayName => "FlowCover";
    public string Description => "FlowCover code coverage of the projects the tests reference.";

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public IReadOnlyCollection<CommandLineOption> GetCommandLineOptions() =>
    [
        new(Enable, "Measure code coverage with FlowCover: the projects the tests reference, restored afterwards; writes .flowcover and the reports flowcover.json asks for.", ArgumentArity.Zero, false),
        new(Options, "flowcover test's options for this run, named without their dashes, e.g. mode=count show-missing.", ArgumentArity.OneOrMore, false),
        new(Contexts, "test: also record which test ran each line and branch, for flowcover who and report --context (switches FlowCover on).", ArgumentArity.ExactlyOne, false),
    ];

    public Task<ValidationResult> ValidateOptionArgumentsAsync(CommandLineOption commandOption, string[] arguments) => ValidationResult.ValidTask;

    public Task<ValidationResult> ValidateCommandLineOptionsAsync(ICommandLineOptions commandLineOptions) => ValidationResult.ValidTask;

    /// <summary>The contexts the run asks for: <c>--flowcover-contexts</c>, else
    /// <c>contexts=</c> among <c>--flowcover-options</c>, else the value the FlowCoverContexts
    /// property built into the application; null when none. Each way gives the test host the
    /// same environment (the startup hook that names routes).</summary>
    public static DotnetTestSession.HostContexts? ContextsGiven(ICommandLineOptions options)
    {
        if (options.TryGetOptionArgumentList(Contexts, out var arguments) && arguments is [var value, ..])
            return new(value, ContextsOption);
        var given = Given(options).ToList();
        var at = given.IndexOf("--contexts");
        if (at >= 0)
            return new(at + 1 < given.Count ? given[at + 1] : "", ContextsInOptions);
        return AppContext.GetData(ContextsBuildSwitch) is string built && built.Length > 0 ? new(built, ContextsProperty) : null;
    }

    /// <summary>The flowcover options given with <c>--flowcover-options</c>, as flowcover test
    /// takes them: <c>mode=count</c> is <c>--mode count</c>, <c>show-missing</c> is
    /// <c>--show-missing</c> (the platform reads any argument that starts with -- as an option of
    /// its own, so they are written without).</summary>
    public static IReadOnlyList<string> Given(ICommandLineOptions options) =>
        options.TryGetOptionArgumentList(Options, out var arguments)
            ? arguments.SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .SelectMany(a => a.Split('=', 2) is [var name, var value] ? new[] { "--" + name, value } : ["--" + a])
                .ToList()
            : [];
}
