using System.Text.RegularExpressions;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Integration;

/// <summary>
/// The commands of docs/guide/dotnet-test.md, each run by a test of this folder: the tests take
/// them from here, and <see cref="DotnetTestGuideTests"/> checks that the page shows exactly
/// these, so the page cannot name a command no test runs.
/// </summary>
internal static partial class GuideCommands
{
    public const string Property = "dotnet test -p:FlowCover=true";
    public const string Plain = "dotnet test";
    public const string Collect = "dotnet test --collect:FlowCover";
    public const string Option = "dotnet test --flowcover";
    public const string OptionWithOptions = "dotnet test --flowcover --flowcover-options mode=count";
    public const string Report = "flowcover report";
    public const string ContextsProperty = "dotnet test -p:FlowCoverContexts=test";
    public const string ContextsCollect = "dotnet test --collect \"FlowCover;Contexts=test\"";
    public const string ContextsSettings = "dotnet test --settings flowcover.runsettings";
    public const string ContextsOption = "dotnet test --flowcover-contexts test";

    public static string AddPackage(string package) => "dotnet add package " + package;

    public static IReadOnlyList<string> All =>
    [
        AddPackage("FlowCover.MSBuild"), AddPackage("FlowCover.Collector"), AddPackage("FlowCover.TestPlatform"),
        Property, Plain, Collect, Option, OptionWithOptions, Report,
        ContextsProperty, ContextsCollect, ContextsSettings, ContextsOption,
    ];

    public static string PagePath => Path.Combine(PackagingTests.RepositoryRoot(), "docs", "guide", "dotnet-test.md");

    /// <summary>The lines of the page's bash blocks.</summary>
    public static IReadOnlyList<string> OnPage() => BashBlock().Matches(File.ReadAllText(PagePath))
        .SelectMany(m => m.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .ToList();

    /// <summary>A command line split as a shell would: on spaces, double quotes keeping a
    /// space-separated argument whole.</summary>
    public static IReadOnlyList<string> Arguments(string command) =>
        Argument().Matches(command).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToList();

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    [GeneratedRegex("\"([^\"]*)\"|[^\\s\"]+")]
    private static partial Regex Argument();
}

public sealed class DotnetTestGuideTests
{
    [Fact]
    public void The_page_shows_exactly_the_commands_the_tests_run() =>
        Assert.Equal(GuideCommands.All.Order(StringComparer.Ordinal), GuideCommands.OnPage().Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void A_quoted_argument_stays_whole() =>
        Assert.Equal(["dotnet", "test", "-p:Name=a b"], GuideCommands.Arguments("dotnet test \"-p:Name=a b\""));
}
