using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Reporting.Contexts;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// <c>flowcover endpoints</c>: per HTTP route template the server answered, the methods its
/// requests reached and how much of each they ran, from the contexts recorded on the server side.
/// </summary>
internal static class EndpointsVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var verb = new Command("endpoints",
            "Per HTTP route template (GET /fx/{base}/{quote}), the methods its requests reached and the statements of them they ran (contexts recorded with --contexts test).")
        {
            dataFile,
        };
        verb.SetAction(parse =>
        {
            var path = SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile);
            var data = CoverageDataFile.Read(path);
            using var store = ContextInput.Open(path);
            if (data.Modules.Count > 0 && store.Mode != data.Mode)
                throw new UserError($"{FlowCover.Data.Contexts.ContextDatabase.PathFor(path)}: its contexts were measured in {store.Mode.Name()} mode and {path} in {data.Mode.Name()} mode; measure both in one run with --contexts.");
            var routes = store.Contexts().Select(c => c.Route).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            if (routes.Count == 0)
                throw new UserError($"{path}: no request was recorded with a route; measure tests that call the server (LiveServer, WebApplicationFactory, or a server run under 'flowcover run --contexts test').");
            var root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
            foreach (var route in routes)
                Write(EndpointCoverage.Of(route, ContextCoverage.Limit(data, store.Union(c => c.Route == route)), root), Console.Out);
            return 0;
        });
        return verb;
    }

    private static void Write(EndpointCoverage endpoint, TextWriter output)
    {
        var totals = endpoint.Totals;
        output.WriteLine($"{endpoint.Route}: {endpoint.Methods.Count} method(s) reached, {totals.Executed} of their {totals.Statements} statements run, {CoverFormat.Percent(totals, 0)} covered");
        var rows = endpoint.Methods.Select(m => (Name: $"{m.Method.Name} ({m.File}:{m.Method.FirstLine})", m.Method.Counts)).ToList();
        var width = Math.Max("Method".Length, rows.Max(r => r.Name.Length));
        output.WriteLine($"  {"Method".PadRight(width)}  Stmts  Miss Cover");
        foreach (var (name, counts) in rows)
            output.WriteLine($"  {name.PadRight(width)}  {counts.Statements,5} {counts.Missed,5} {CoverFormat.Percent(counts, 0),5}");
    }
}
