using System.CommandLine;
using FlowCover.Cli.Config;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover erase</c>: delete the data file, as coverage.py's erase, and the context
/// database beside it.</summary>
internal static class EraseVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var verb = new Command("erase", "Delete the coverage data file (and its context database).") { dataFile };
        verb.SetAction(parse =>
        {
            var path = SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile);
            File.Delete(path);
            File.Delete(FlowCover.Data.Contexts.ContextDatabase.PathFor(path));
            return 0;
        });
        return verb;
    }
}
