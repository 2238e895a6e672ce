using System.CommandLine;
using FlowCover.Cli.Config;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover erase</c>: delete the data file, as coverage.py's erase, the context
/// database beside it, and the test projects' parts that <c>dotnet test</c> combines into it.</summary>
internal static class EraseVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var verb = new Command("erase", "Delete the coverage data file (its context database, and the dotnet test parts combined into it).") { dataFile };
        verb.SetAction(parse =>
        {
            var path = SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile);
            File.Delete(path);
            File.Delete(FlowCover.Data.Contexts.ContextDatabase.PathFor(path));
            var parts = Integration.CoveragePart.FolderOf(path);
            if (Directory.Exists(parts))
                Directory.Delete(parts, recursive: true);
            return 0;
        });
        return verb;
    }
}
