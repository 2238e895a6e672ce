namespace FlowCover.Reporting;

/// <summary>coverage.py's table (<see cref="TextReport"/>).</summary>
public sealed class TextReporter(TextReportOptions options) : IReporter
{
    public void Write(CoverageResult result, TextWriter output) => TextReport.Write(result, output, options);
}

/// <summary>The table as Markdown (<see cref="MarkdownReport"/>).</summary>
public sealed class MarkdownReporter(TextReportOptions options) : IReporter
{
    public void Write(CoverageResult result, TextWriter output) => MarkdownReport.Write(result, output, options);
}

/// <summary>Cobertura XML (<see cref="CoberturaReport"/>).</summary>
public sealed class CoberturaReporter(DateTimeOffset? timestamp = null, string? sourceRoot = null) : IReporter
{
    public void Write(CoverageResult result, TextWriter output) => CoberturaReport.Write(result, output, timestamp, sourceRoot);
}

/// <summary>An LCOV tracefile (<see cref="LcovReport"/>).</summary>
public sealed class LcovReporter : IReporter
{
    public void Write(CoverageResult result, TextWriter output) => LcovReport.Write(result, output);
}

/// <summary>The versioned JSON report (<see cref="JsonReport"/>).</summary>
public sealed class JsonReporter(JsonReportOptions options) : IReporter
{
    public void Write(CoverageResult result, TextWriter output) => JsonReport.Write(result, output, options);
}

/// <summary>The static site (<see cref="HtmlReport"/>), written into <paramref name="directory"/>;
/// the output gets the line that says where its index is.</summary>
public sealed class HtmlReporter(string directory, HtmlReportOptions options) : IReporter
{
    public void Write(CoverageResult result, TextWriter output) =>
        output.WriteLine($"Wrote HTML report to {HtmlReport.Write(result, directory, options)}");
}

/// <summary>The change from <paramref name="before"/> to the result written (<see cref="DiffReport"/>).</summary>
public sealed class DiffReporter(CoverageResult before, DiffReportOptions options) : IReporter
{
    public void Write(CoverageResult result, TextWriter output) => DiffReport.Write(before, result, output, options);
}

/// <summary>The formats the verbs offer by name.</summary>
public static class Reporters
{
    /// <summary>The table in <paramref name="format"/> (<c>text</c> or <c>markdown</c>); null
    /// for another name.</summary>
    public static IReporter? Table(string format, TextReportOptions options) => format switch
    {
        "text" => new TextReporter(options),
        "markdown" => new MarkdownReporter(options),
        _ => null,
    };
}
