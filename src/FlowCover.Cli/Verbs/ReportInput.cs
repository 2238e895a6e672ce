using System.CommandLine;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Reporting;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// What every report verb reads: the data file (<c>--data-file</c>, else flowcover.json's
/// <c>dataFile</c>), analysed with file names relative to the repository root, and narrowed by
/// <c>--source</c>/<c>--omit</c> (or the config's): a report can leave out files (EF Core
/// migrations, generated code) after the run that measured them.
/// </summary>
internal sealed class ReportInput
{
    private readonly Option<string> _dataFile = SharedOptions.DataFile();
    private readonly Option<string[]> _source = new("--source") { Description = "Show only source files matching these globs (relative to the repository root)." };
    private readonly Option<string[]> _omit = new("--omit") { Description = "Leave out source files matching these globs, e.g. '**/Migrations/**'." };

    public void AddTo(Command verb, bool includeDataFile = true)
    {
        if (includeDataFile)
            verb.Options.Add(_dataFile);
        verb.Options.Add(_source);
        verb.Options.Add(_omit);
    }

    public string DataFile(ParseResult parse, FlowCoverConfig? config) => SharedOptions.Pick(parse, _dataFile, config?.DataFile)!;

    public CoverageResult Load(ParseResult parse, FlowCoverConfig? config, string? dataFile = null) =>
        Analyze(CoverageDataFile.Read(dataFile ?? DataFile(parse, config)), RepositoryRoot.Find(Directory.GetCurrentDirectory()),
            SharedOptions.Pick(parse, _source, config?.Source?.ToArray()) ?? [],
            SharedOptions.Pick(parse, _omit, config?.Omit?.ToArray()) ?? []);

    /// <summary>The data analysed with file names relative to the root, keeping the files that
    /// match the source globs (all when none) and no omit glob.</summary>
    public static CoverageResult Analyze(CoverageData data, string root, IReadOnlyList<string> source, IReadOnlyList<string> omit)
    {
        var result = CoverageAnalysis.Analyze(data, root);
        if (source.Count == 0 && omit.Count == 0)
            return result;
        var sources = source.Select(p => new Glob(p)).ToList();
        var omits = omit.Select(p => new Glob(p)).ToList();
        bool Matches(List<Glob> globs, FileResult file) => Glob.AnyMatch(globs, file.Name) || Glob.AnyMatch(globs, file.Path);
        return new CoverageResult(result.Mode, result.Files.Where(f => (sources.Count == 0 || Matches(sources, f)) && !Matches(omits, f)).ToList());
    }
}
