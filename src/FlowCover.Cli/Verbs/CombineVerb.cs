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
        verb.SetAction(parse =>
        {
            var output = SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile);
            OutputPaths.CheckFile("--data-file", output);
            var paths = parse.GetValue(inputs)!;
            var files = paths.SelectMany(p => Directory.Exists(p)
                ? Directory.GetFiles(p, CoverageDataFile.DefaultName + "*").Order(StringComparer.Ordinal)
                : new[] { p }.AsEnumerable()).ToList();
            // Nothing to combine must leave the data file as it is: replacing it with empty data
            // would turn a measurement into a report of nothing.
            if (files.Count == 0)
                throw new UserError($"{string.Join(", ", paths)}: no coverage data files ({CoverageDataFile.DefaultName}*) found; pass the data files, or the folders that hold them.");
            var combined = Combiner.Combine(files.Select(CoverageDataFile.Read));
            if (combined.Modules.Count == 0)
                throw new UserError($"{string.Join(", ", paths)}: No data to combine (the {files.Count} data file(s) measured nothing); measure with 'flowcover run' or 'flowcover test' first (the data file is left as it was).");
            CoverageDataFile.Write(output, combined);
            Console.WriteLine($"Combined {files.Count} data file(s) into {output}.");
            return 0;
        });
        return verb;
    }
}
