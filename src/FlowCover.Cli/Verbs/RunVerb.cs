using System.CommandLine;
using FlowCover.Cli.Session;
using FlowCover.Instrumentation;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover run --target DIR -- COMMAND...</c>: measure whatever COMMAND runs.</summary>
internal static class RunVerb
{
    public static Command Create(IReadOnlyList<string> command)
    {
        var target = SharedOptions.Target();
        target.Required = true;
        var options = new MeasureOptions();
        var verb = new Command("run", "Instrument the assemblies in --target, run the command given after '--', restore them, and save what ran.") { target };
        options.AddTo(verb);
        verb.SetAction(parse => MeasuredRun.Execute(
            options.Request(parse, parse.GetValue(target)!, command), Console.Error));
        return verb;
    }
}

/// <summary>The options of every verb that measures (run, test).</summary>
internal sealed class MeasureOptions
{
    private readonly Option<string[]> _include = SharedOptions.Include();
    private readonly Option<string[]> _exclude = SharedOptions.Exclude();
    private readonly Option<string[]> _source = SharedOptions.Source();
    private readonly Option<string[]> _omit = SharedOptions.Omit();
    private readonly Option<string[]> _excludeByAttribute = SharedOptions.ExcludeByAttribute();
    private readonly Option<Data.CoverageMode> _mode = SharedOptions.Mode();
    private readonly Option<string> _dataFile = SharedOptions.DataFile();
    private readonly Option<bool> _append = SharedOptions.Append();
    private readonly Option<bool> _noCache = new("--no-cache")
    {
        Description = "Instrument every assembly afresh, neither using nor filling the cache of instrumented builds.",
    };

    public void AddTo(Command verb)
    {
        foreach (var option in new Option[] { _include, _exclude, _source, _omit, _excludeByAttribute, _mode, _dataFile, _append, _noCache })
            verb.Options.Add(option);
    }

    public RunRequest Request(ParseResult parse, IReadOnlyList<string> targets, IReadOnlyList<string> command)
    {
        static List<Glob> Globs(string[]? patterns) => (patterns ?? []).Select(p => new Glob(p)).ToList();
        var defaults = new InstrumentOptions { DataDirectory = "" };
        var omit = Globs(parse.GetValue(_omit));
        var options = defaults with
        {
            Mode = parse.GetValue(_mode),
            Sources = Globs(parse.GetValue(_source)),
            Omit = omit.Count > 0 ? omit : defaults.Omit,
            ExcludeByAttribute = [.. defaults.ExcludeByAttribute, .. parse.GetValue(_excludeByAttribute) ?? []],
        };
        var selection = new TargetSelection(Globs(parse.GetValue(_include)), Globs(parse.GetValue(_exclude)));
        if (selection.Include.Count > 0)
            options = options with { SkipReferencing = [] };
        return new RunRequest(targets, selection, options, parse.GetValue(_dataFile)!, parse.GetValue(_append), command, !parse.GetValue(_noCache));
    }
}
