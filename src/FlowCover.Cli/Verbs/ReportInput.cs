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
/// migrations, generated code) after the run that measured them. Data that measured nothing is
/// refused: a report of no statements would read 100% and pass <c>--fail-under</c>, so every
/// report verb says coverage.py's "No data to report" instead, exit code 2. A source edited
/// since the build, or gone, is one warning line each on stderr.
/// </summary>
internal sealed class ReportInput
{
    private readonly Option<string> _dataFile = SharedOptions.DataFile();
    private readonly Option<string[]> _source = new("--source") { Description = "Show only source files matching these globs (relative to the repository root)." };
    private readonly Option<string[]> _omit = new("--omit") { Description = "Leave out source files matching these globs, e.g. '**/Migrations/**'." };
    private readonly Option<string[]> _context = new("--context") { Description = "Show only what the tests or routes matching these regular expressions ran (contexts recorded with --contexts), e.g. 'FxTests' or 'GET /fx'." };

    public void AddTo(Command verb, bool includeDataFile = true)
    {
        if (includeDataFile)
            verb.Options.Add(_dataFile);
        verb.Options.Add(_source);
        verb.Options.Add(_omit);
        verb.Options.Add(_context);
    }

    public string DataFile(ParseResult parse, FlowCoverConfig? config) => SharedOptions.Pick(parse, _dataFile, config?.DataFile)!;

    /// <param name="warnings">Where to say which sources changed or are gone; null to keep
    /// quiet (the older side of a diff was measured on older sources).</param>
    /// <param name="lineContexts">Whether the report shows which contexts ran each line (JSON,
    /// HTML): read from the context database beside the data file, when there is one.</param>
    public CoverageResult Load(ParseResult parse, FlowCoverConfig? config, string? dataFile = null, TextWriter? warnings = null, bool lineContexts = false)
    {
        var path = dataFile ?? DataFile(parse, config);
        var (data, contexts) = ContextInput.Limit(CoverageDataFile.Read(path), path, parse.GetValue(_context) ?? [], lineContexts);
        var result = Analyze(data, RepositoryRoot.Find(Directory.GetCurrentDirectory()),
            SharedOptions.Pick(parse, _source, config?.Source?.ToArray()) ?? [],
            SharedOptions.Pick(parse, _omit, config?.Omit?.ToArray()) ?? []);
        return Checked(contexts is null ? result : result with { Contexts = contexts }, path, warnings);
    }

    /// <summary>A data file read whole, named from the repository root (diff's two sides).</summary>
    public static CoverageResult Load(string dataFile, TextWriter? warnings) =>
        Checked(CoverageAnalysis.Analyze(CoverageDataFile.Read(dataFile), RepositoryRoot.Find(Directory.GetCurrentDirectory())), dataFile, warnings);

    /// <summary>The result, once it is known to have measured something; its sources' warnings said.</summary>
    public static CoverageResult Checked(CoverageResult result, string dataFile, TextWriter? warnings)
    {
        if (result.Totals.Statements == 0)
            throw new UserError($"{dataFile}: No data to report (it holds no measured statements); measure again with 'flowcover run' or 'flowcover test', choosing the code with --target, --include or --source.");
        if (warnings is not null)
            foreach (var warning in SourceCheck.Warnings(result))
                warnings.WriteLine(warning);
        return result;
    }

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
