using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Data;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover report</c>: coverage.py's terminal table from the data file.</summary>
internal static class ReportVerb
{
    public static Command Create()
    {
        var options = new ReportOptions();
        var verb = new Command("report", "Print the coverage table (Name, Stmts, Miss, Branch, BrPart, Cover).");
        options.AddTo(verb, includeInput: true);
        verb.SetAction(parse =>
        {
            var config = ConfigFile.Find(Directory.GetCurrentDirectory());
            return options.Print(parse, config, options.Input.Load(parse, config, warnings: Console.Error), Console.Out);
        });
        return verb;
    }
}

/// <summary>The table's options, shared by <c>report</c> and <c>test</c>.</summary>
internal sealed class ReportOptions
{
    private readonly Option<bool> _showMissing = new("--show-missing", "-m") { Description = "Add a Missing column: missed lines and partial branches (12-14, 20->22)." };
    private readonly Option<bool> _skipCovered = new("--skip-covered") { Description = "Leave out files that are 100% covered." };
    private readonly Option<bool> _skipEmpty = new("--skip-empty") { Description = "Leave out files with no statements." };
    private readonly Option<string?> _sort = new("--sort") { Description = "Sort by a column: name, stmts, miss, branch, brpart, cover, line%, branch%." };
    private readonly Option<string[]> _columns = new("--columns")
    {
        Description = "The columns to show, in order (comma-separated): Name, Stmts, Miss, Line%, Branch, BrPart, Branch%, Cover, Missing. "
            + "Line% and Branch% are line and branch coverage as Coverlet gives them; default: coverage.py's columns.",
    };
    private readonly Option<double?> _failUnder = new("--fail-under") { Description = "Exit with code 2 when total coverage is under this percentage." };
    private readonly Option<int> _precision = new("--precision") { Description = "Decimal places of the Cover column.", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> _methods = new("--methods") { Description = "List each method under its file with its own figures." };
    private readonly Option<string> _format = new("--format") { Description = "text (default) or markdown.", DefaultValueFactory = _ => "text" };

    /// <summary>The data file and the --source/--omit filters, for the verbs that read a data
    /// file (test measures with its own).</summary>
    public ReportInput Input { get; } = new();

    public void AddTo(Command verb, bool includeInput)
    {
        foreach (var option in new Option[] { _showMissing, _skipCovered, _skipEmpty, _sort, _columns, _failUnder, _precision, _methods, _format })
            verb.Options.Add(option);
        if (includeInput)
            Input.AddTo(verb);
    }

    /// <summary>Prints the table, each setting from the command line, else flowcover.json;
    /// returns 2 when --fail-under is not met, else 0.</summary>
    public int Print(ParseResult parse, FlowCoverConfig? config, CoverageResult result, TextWriter output)
    {
        var precision = SharedOptions.PickValue(parse, _precision, config?.Precision);
        if (precision is < 0 or > 10)
            throw new UserError($"--precision {precision}: use a number of decimals from 0 to 10.");
        var options = new TextReportOptions
        {
            ShowMissing = SharedOptions.PickValue(parse, _showMissing, config?.ShowMissing),
            SkipCovered = SharedOptions.PickValue(parse, _skipCovered, config?.SkipCovered),
            SkipEmpty = SharedOptions.PickValue(parse, _skipEmpty, config?.SkipEmpty),
            Sort = SharedOptions.Given(parse, _sort) ? parse.GetValue(_sort) : config?.Sort ?? parse.GetValue(_sort),
            Precision = precision,
            Methods = SharedOptions.PickValue(parse, _methods, config?.Methods),
            Columns = SharedOptions.Given(parse, _columns) ? TableColumns.Parse(parse.GetValue(_columns)!) : config?.Columns,
        };
        var format = parse.GetValue(_format)!;
        var reporter = Reporters.Table(format, options) ?? throw new UserError($"--format {format}: use text or markdown.");
        reporter.Write(result, output);
        var failUnder = SharedOptions.Given(parse, _failUnder) ? parse.GetValue(_failUnder) : config?.FailUnder ?? parse.GetValue(_failUnder);
        if (failUnder is { } minimum && FailUnder.IsBelow(result.Totals, minimum, precision))
        {
            Console.Error.WriteLine($"flowcover: total coverage {result.Totals.Percent.ToString("F" + precision)}% is under --fail-under {minimum}");
            return Guard.UserErrorExitCode;
        }
        return 0;
    }
}
