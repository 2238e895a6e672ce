using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Data;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover combine A B ...</c>: merge data files (processes, runs, CI shards) into
/// the data file. The same inputs in any order give the same bytes.</summary>
internal static class CombineVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var inputs = new Argument<string[]>("paths") { Description = "Data files, or folders holding .flowcover* files.", Arity = ArgumentArity.OneOrMore };
        var verb = new Command("combine", "Combine coverage data files into one.") { inputs, dataFile };
        verb.SetAction(parse => Guard.Run(() =>
        {
            var files = parse.GetValue(inputs)!.SelectMany(p => Directory.Exists(p)
                ? Directory.GetFiles(p, CoverageDataFile.DefaultName + "*").Order(StringComparer.Ordinal)
                : new[] { p }.AsEnumerable()).ToList();
            var combined = Combiner.Combine(files.Select(CoverageDataFile.Read));
            var output = SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile);
            CoverageDataFile.Write(output, combined);
            Console.WriteLine($"Combined {files.Count} data file(s) into {output}.");
            return 0;
        }));
        return verb;
    }
}
