namespace FlowCover.Reporting;

/// <summary>
/// A report format as the verbs use it, coverage.py's reporter protocol: made with its options,
/// then asked to write one <see cref="CoverageResult"/>. A report that is a file or a stream
/// goes to <c>output</c>; one that is a folder of its own (<see cref="HtmlReporter"/>) writes
/// there and says on <c>output</c> where it went. <see cref="Reporters"/> holds the formats.
/// </summary>
public interface IReporter
{
    void Write(CoverageResult result, TextWriter output);
}
