using System.Diagnostics;
using FlowCover.Bench;
using FlowCover.Reporting;

// HtmlBench: how long `flowcover html` takes on a 2,000-file solution. Prints one line per
// run and the median; the sources and the site go to a temp folder that is removed afterwards.
var files = args.Length > 0 ? int.Parse(args[0]) : 2000;
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
var root = Path.Combine(Path.GetTempPath(), "flowcover-htmlbench-" + Environment.ProcessId);
try
{
    var data = SyntheticSolution.Create(Path.Combine(root, "src"), files);
    var result = CoverageAnalysis.Analyze(data, Path.Combine(root, "src"));
    Console.WriteLine($"{result.Files.Count} files, {result.Totals.Statements} statements, {result.Totals.Branches} branch outcomes, {CoverFormat.Percent(result.Totals, 1)} covered");
    HtmlReport.Write(result, Path.Combine(root, "warmup"), new HtmlReportOptions());
    var times = new List<double>();
    for (var run = 1; run <= runs; run++)
    {
        var site = Path.Combine(root, "htmlcov" + run);
        var watch = Stopwatch.StartNew();
        HtmlReport.Write(result, site, new HtmlReportOptions());
        watch.Stop();
        times.Add(watch.Elapsed.TotalMilliseconds);
        var bytes = Directory.GetFiles(site).Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"run {run}: {watch.Elapsed.TotalMilliseconds:F0} ms, {Directory.GetFiles(site).Length} files, {bytes / 1024.0 / 1024.0:F1} MiB");
    }
    times.Sort();
    Console.WriteLine($"HtmlReport.Write, {files} files: median {times[times.Count / 2]:F0} ms (min {times[0]:F0} ms, max {times[^1]:F0} ms) on {Environment.ProcessorCount} cores");
}
finally
{
    Directory.Delete(root, recursive: true);
}
