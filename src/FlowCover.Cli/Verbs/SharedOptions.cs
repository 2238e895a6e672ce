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
    public static Option<string[]> Source() => new("--source") { Description = "Source path globs to measure (default: sources under the current directory)." };
    public static Option<string[]> Omit() => new("--omit") { Description = "Source path globs not to measure (default: **/obj/**)." };
    public static Option<string[]> ExcludeByAttribute() => new("--exclude-by-attribute") { Description = "Attributes that exclude code, besides ExcludeFromCodeCoverage." };

    public static Option<CoverageMode> Mode() => new("--mode")
    {
        Description = "set: whether each line and branch ran (fastest); count: exact execution counts.",
        DefaultValueFactory = _ => CoverageMode.Set,
    };

    public static Option<bool> Append() => new("--append") { Description = "Add to the existing data file instead of replacing it." };
}
