using System.CommandLine;
using FlowCover.Data;

namespace FlowCover.Cli.Verbs;

/// <summary>Options several verbs share, defined once so they read the same everywhere.</summary>
internal static class SharedOptions
{
    public static Option<string> DataFile() => new("--data-file")
    {
        Description = "The coverage data file.",
        DefaultValueFactory = _ => CoverageDataFile.DefaultName,
    };

    public static Option<string[]> Target() => new("--target")
    {
        Description = "Build output folder (or assembly) to instrument; repeat for several.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Include() => new("--include") { Description = "Assembly file name globs to instrument (overrides the default choice)." };
    public static Option<string[]> Exclude() => new("--exclude") { Description = "Assembly file name globs never to instrument." };
    public static Option<string[]> Source() => new("--source") { Description = "Source path globs to measure, relative to the repository root (default: run measures sources under the repository root, test those of the projects the tests reference)." };
    public static Option<string[]> Omit() => new("--omit") { Description = "Source path globs not to measure (default: **/obj/**)." };
    public static Option<string[]> ExcludeByAttribute() => new("--exclude-by-attribute") { Description = "Attributes that exclude code, besides ExcludeFromCodeCoverage." };

    public static Option<CoverageMode> Mode() => new("--mode")
    {
        Description = "set: whether each line and branch ran (fastest); count: exact execution counts.",
        DefaultValueFactory = _ => CoverageMode.Set,
    };

    public static Option<string?> Contexts() => new("--contexts")
    {
        Description = "test: record which test ran each line and branch (set mode), for 'flowcover who' and 'report --context'.",
    };

    /// <summary>The option's value when given on the command line, else the config file's when
    /// it sets one, else the option's default: the command line always wins.</summary>
    public static T Pick<T>(ParseResult parse, Option<T> option, T? configured) where T : class =>
        !Given(parse, option) && configured is not null ? configured : parse.GetValue(option)!;

    /// <summary><see cref="Pick{T}"/> for options of a value type.</summary>
    public static T PickValue<T>(ParseResult parse, Option<T> option, T? configured) where T : struct =>
        !Given(parse, option) && configured is { } value ? value : parse.GetValue(option);

    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    public static Option<bool> Append() => new("--append") { Description = "Add to the existing data file instead of replacing it." };
}
