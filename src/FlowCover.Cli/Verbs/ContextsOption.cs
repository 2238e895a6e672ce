using FlowCover.Data;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// The contexts option as one host spells it: <c>--contexts</c> on flowcover's command line,
/// <c>--flowcover-contexts</c> on Microsoft.Testing.Platform, the <c>FlowCoverContexts</c>
/// property in MSBuild, <c>&lt;Contexts&gt;</c> in the VSTest data collector's configuration.
/// Every host's value is checked here, once, so a wrong one is refused in the same words,
/// naming the option where the user wrote it and how to write it there.
/// </summary>
/// <param name="Name">The option as the user wrote it (the message's subject).</param>
/// <param name="Fix">How to ask for test contexts there, e.g. <c>pass --contexts test</c>.</param>
public sealed record ContextsOption(string Name, string Fix)
{
    /// <summary>The one kind of context: which test ran each line.</summary>
    public const string Test = "test";

    public static readonly ContextsOption CommandLine = new("--contexts", "pass --contexts test");

    /// <summary>Refuses a value that is not a kind of context, or contexts in count mode.</summary>
    public void Check(string value, CoverageMode mode)
    {
        if (value != Test)
            throw new UserError($"{Name}: '{value}' is not a kind of context; {Fix}");
        if (mode != CoverageMode.Set)
            throw new UserError($"{Name}: contexts record which test ran each line, not how often; leave out --mode count");
    }
}
