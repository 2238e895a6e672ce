using System.CommandLine;
using FlowCover.Data;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover diff BEFORE AFTER</c>: per-file Cover before, after and the change,
/// with lines newly covered and newly missed, in the terminal or as Markdown.</summary>
internal static class DiffVerb
{
    public static Command Create()
    {
        var before = new Argument<string>("before") { Description = "The data file before the change." };
        var after = new Argument<string>("after") { Description = "The data file after the change." };
        var format = new Option<string>("--format") { Description = "text (default) or markdown.", DefaultValueFactory = _ => "text" };
        var showLines = new Option<bool>("--show-lines") { Description = "List the lines newly covered and newly missed." };
        var all = new Option<bool>("--all") { Description = "Include files whose coverage did not change." };
        var verb = new Command("diff", "Compare two coverage data files, file by file.") { before, after, format, showLines, all };
        verb.SetAction(parse =>
        {
            var markdown = parse.GetValue(format) switch
            {
                "text" => false,
                "markdown" => true,
                var other => throw new UserError($"--format {other}: use text or markdown."),
            };
            var reporter = new DiffReporter(ReportInput.Load(parse.GetValue(before)!, null),
                new DiffReportOptions { Markdown = markdown, ShowLines = parse.GetValue(showLines), SkipUnchanged = !parse.GetValue(all) });
            reporter.Write(ReportInput.Load(parse.GetValue(after)!, Console.Error), Console.Out);
            return 0;
        });
        return verb;
    }
}
