using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Data;
using FlowCover.Data.Contexts;

namespace FlowCover.Cli.Verbs;

/// <summary><c>flowcover combine A B ...</c>: merge data files (processes, runs, CI shards) into
/// the data file, and their context databases into its own. The same inputs in any order give the
/// same bytes.</summary>
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
                : new[] { p }.AsEnumerable()).Where(f => !f.EndsWith(ContextDatabase.Extension, StringComparison.Ordinal)).ToList();
            // Nothing to combine must leave the data file as it is: replacing it with empty data
            // would turn a measurement into a report of nothing.
            if (files.Count == 0)
                throw new UserError($"{string.Join(", ", paths)}: no coverage data files ({CoverageDataFile.DefaultName}*) found; pass the data files, or the folders that hold them.");
            var combined = Combiner.Combine(files.Select(CoverageDataFile.Read));
            if (combined.Modules.Count == 0)
                throw new UserError($"{string.Join(", ", paths)}: No data to combine (the {files.Count} data file(s) measured nothing); measure with 'flowcover run' or 'flowcover test' first (the data file is left as it was).");
            var contexts = CombinedContexts(files);
            CoverageDataFile.Write(output, combined);
            Console.WriteLine($"Combined {files.Count} data file(s) into {output}.");
            SaveContexts(output, contexts, files.Count);
            return 0;
        });
        return verb;
    }

    /// <summary>The context databases of the inputs that have one, merged; null when none has.</summary>
    private static (ContextData Data, int Count)? CombinedContexts(List<string> files)
    {
        var databases = files.Select(ContextDatabase.PathFor).Where(File.Exists).ToList();
        return databases.Count == 0 ? null : (ContextDatabase.Merge(databases.Select(ContextDatabase.Read)), databases.Count);
    }

    /// <summary>Writes the merged contexts beside the output; where no input had any, an old
    /// database there would describe other data, so it goes.</summary>
    private static void SaveContexts(string output, (ContextData Data, int Count)? contexts, int inputs)
    {
        var path = ContextDatabase.PathFor(output);
        if (contexts is not { } merged)
        {
            File.Delete(path);
            return;
        }
        ContextDatabase.Write(path, merged.Data);
        Console.WriteLine(merged.Count == inputs
            ? $"Combined their contexts into {path}."
            : $"Combined the contexts of {merged.Count} of them into {path} (the others were measured without --contexts).");
    }
}
