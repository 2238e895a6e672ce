using System.CommandLine;
using FlowCover.Cli;
using FlowCover.Cli.Session;
using FlowCover.Cli.Verbs;

// Any invocation first undoes what an interrupted run left behind, before doing anything else.
return Guard.Run(() =>
{
    FlowCover.Data.PhaseClock.Lap("process start");
    if (args is not ["restore", ..])
        Recovery.RecoverAbandoned(Console.Error, []);
    // Everything after '--' is the measured command, untouched by option parsing; a mistyped
    // flowcover option before it is then an error, never part of the command.
    var split = Array.IndexOf(args, "--");
    string[] own = split < 0 ? args : args[..split], command = split < 0 ? [] : args[(split + 1)..];
    var root = new RootCommand("FlowCover: code coverage for .NET that follows execution through await, threads, processes and servers.");
    foreach (var verb in new Command[]
    {
        RunVerb.Create(command), TestVerb.Create(command), ReportVerb.Create(),
        FileReportVerbs.Html(), FileReportVerbs.Xml(), FileReportVerbs.Lcov(), FileReportVerbs.Json(), DiffVerb.Create(), CombineVerb.Create(),
        WhoVerb.Create(),
        EraseVerb.Create(), RestoreVerb.Create(),
    })
        root.Subcommands.Add(verb);
    var parse = root.Parse(own);
    if (parse.Errors.Count > 0)
    {
        // A mistyped option also makes a required one look missing; name the typo first.
        var message = parse.UnmatchedTokens.Count > 0 ? $"unknown option or argument '{parse.UnmatchedTokens[0]}'" : parse.Errors[0].Message;
        Console.Error.WriteLine($"flowcover: {message} (see 'flowcover --help')");
        return Guard.UserErrorExitCode;
    }
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
});
