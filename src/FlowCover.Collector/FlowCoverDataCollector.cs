using System.Xml;
using FlowCover.Cli.Integration;
using FlowCover.Cli.Verbs;
using Microsoft.VisualStudio.TestPlatform.ObjectModel.DataCollection;

namespace FlowCover.Collector;

/// <summary>
/// <c>dotnet test --collect:FlowCover</c>: VSTest starts this collector in its datacollector
/// process before the test host, so the session begins at SessionStart, before any test
/// assembly is loaded, and finishes at SessionEnd, after the test host has exited. Options for
/// FlowCover (flowcover test's, e.g. <c>--show-missing</c>) go in the run settings:
/// <c>&lt;DataCollector friendlyName="FlowCover"&gt;&lt;Configuration&gt;&lt;Options&gt;--show-missing&lt;/Options&gt;...</c>.
/// <c>&lt;Contexts&gt;test&lt;/Contexts&gt;</c> there (or <c>--collect:"FlowCover;Contexts=test"</c>, which
/// VSTest turns into the same element) records which test ran each line, as
/// <c>flowcover test --contexts test</c> does; the test host then gets the startup hook that
/// names routes (<see cref="GetTestExecutionEnvironmentVariables"/>).
/// What FlowCover says (what it measures, the table) reaches the user as the collector's
/// messages, the one channel VSTest shows from a collector.
/// </summary>
[DataCollectorFriendlyName("FlowCover")]
[DataCollectorTypeUri("datacollector://FlowCover/1.0")]
public sealed class FlowCoverDataCollector : DataCollector, ITestExecutionEnvironmentSpecifier
{
    /// <summary>The contexts option as the collector's configuration spells it.</summary>
    private static readonly ContextsOption ContextsElement =
        new("<Contexts>", "ask for test: <Contexts>test</Contexts> in FlowCover's Configuration, --collect \"FlowCover;Contexts=test\" or -p:FlowCoverContexts=test");

    private DataCollectionLogger? _logger;
    private DataCollectionEnvironmentContext? _context;
    private IReadOnlyList<string> _options = [];
    private DotnetTestSession.HostContexts? _contexts;
    private DotnetTestSession? _session;

    public override void Initialize(XmlElement? configurationElement, DataCollectionEvents events, DataCollectionSink dataSink,
        DataCollectionLogger logger, DataCollectionEnvironmentContext? environmentContext)
    {
        _logger = logger;
        _context = environmentContext;
        _options = (configurationElement?["Options"]?.InnerText ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (configurationElement?["Contexts"] is { } contexts)
            _contexts = new(contexts.InnerText.Trim(), ContextsElement);
        events.SessionStart += OnSessionStart;
        events.TestHostLaunched += (_, e) => _session?.TestHostStarted(e.TestHostProcessId);
        events.SessionEnd += OnSessionEnd;
    }

    private void OnSessionStart(object? sender, SessionStartEventArgs e)
    {
        var sources = e.GetPropertyValue<IEnumerable<string>>("TestSources")?.ToList() ?? [];
        var log = new StringWriter();
        _session = DotnetTestSession.Begin(sources, _options, log, _contexts);
        Say(log.ToString());
    }

    private void OnSessionEnd(object? sender, SessionEndEventArgs e)
    {
        if (_session is null)
            return;
        var output = new StringWriter();
        _ = _session.Finish(output, output);
        _session = null;
        Say(output.ToString());
    }

    /// <summary>VSTest asks this when it loads the collector, before the session starts.</summary>
    public IEnumerable<KeyValuePair<string, string>> GetTestExecutionEnvironmentVariables() => DotnetTestSession.TestHostEnvironment(_contexts);

    /// <summary>One message per block: VSTest prints each on its own, prefixed once.</summary>
    private void Say(string text)
    {
        if (text.Length > 0 && _logger is not null && _context is not null)
            _logger.LogWarning(_context.SessionDataCollectionContext, Environment.NewLine + text.TrimEnd());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _session?.Dispose();
        base.Dispose(disposing);
    }
}
