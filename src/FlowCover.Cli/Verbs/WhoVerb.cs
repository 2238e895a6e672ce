using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Data.Contexts;
using FlowCover.Reporting.Contexts;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// <c>flowcover who FILE:LINE</c>: the tests (and, on a server, the routes) that ran a line, one
/// per line, sorted, from the context database beside the data file. It reads only the models
/// and the rows of the modules that compiled the file, so it answers at once on a large suite.
/// </summary>
internal static class WhoVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var location = new Argument<string>("FILE:LINE") { Description = "A source line, the file named as the report names it (or by its path)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object: {\"file\", \"line\", \"contexts\": [{\"test\", \"route\"}]}." };
        var verb = new Command("who", "Print the tests (and routes) that ran a line, one per line: fully qualified test names, a server's route after its test in brackets.")
        {
            location, json, dataFile,
        };
        verb.SetAction(parse =>
        {
            var (file, line) = SourceLine.Parse(parse.GetValue(location)!);
            var data = SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile);
            using var store = ContextInput.Open(data);
            var source = SourceLine.Find(store.Modules, RepositoryRoot.Find(Directory.GetCurrentDirectory()), file, line);
            var contexts = source.Probes.SelectMany(p => store.ContextsRunning(p.ModuleKey, p.Probes)).Distinct().Order().ToList();
            if (parse.GetValue(json))
                WriteJson(source, contexts, Console.Out);
            else
                foreach (var context in contexts)
                    Console.Out.WriteLine(context);
            return 0;
        });
        return verb;
    }

    private static void WriteJson(SourceLine source, IReadOnlyList<ContextName> contexts, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("file", source.Name);
            writer.WriteNumber("line", source.Line);
            writer.WriteStartArray("contexts");
            foreach (var context in contexts)
            {
                writer.WriteStartObject();
                writer.WriteString("test", context.Test);
                writer.WriteString("route", context.Route);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
