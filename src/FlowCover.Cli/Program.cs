using System.CommandLine;
using FlowCover.Cli;
using FlowCover.Cli.Session;
using FlowCover.Cli.Verbs;

// Any invocation first undoes what an interrupted run left behind, before doing anything else.
return Guard.Run(() =>
{
    if (args is not ["restore", ..])
        RunSession.RecoverAbandoned(Console.Error);
    var root = new RootCommand("FlowCover: code coverage for .NET that follows execution through await, threads, processes and servers.");
    foreach (var verb in new Command[]
    {
        RunVerb.Create(), CombineVerb.Create(),
        EraseVerb.Create(), RestoreVerb.Create(),
    })
        root.Subcommands.Add(verb);
    var parse = root.Parse(args);
    if (parse.Errors.Count > 0)
    {
        Console.Error.WriteLine($"flowcover: {parse.Errors[0].Message} (see 'flowcover --help')");
        return Guard.UserErrorExitCode;
    }
    return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
});
