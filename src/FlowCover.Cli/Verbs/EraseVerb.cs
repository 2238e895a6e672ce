using System.CommandLine;

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
            File.Delete(parse.GetValue(dataFile)!);
            return 0;
        });
        return verb;
    }
}
