using System.CommandLine;
using FlowCover.Cli.Config;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover erase</c>: delete the data file, as coverage.py's erase.</summary>
internal static class EraseVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var verb = new Command("erase", "Delete the coverage data file.") { dataFile };
        verb.SetAction(parse =>
        {
            File.Delete(SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile));
            return 0;
        });
        return verb;
    }
}
