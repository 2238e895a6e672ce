namespace FlowCover.Reporting.Html;

/// <summary>The stylesheet and script every report carries, kept as real .css/.js files in the
/// source tree (embedded in the assembly) so they can be read and edited as what they are.</summary>
internal static class HtmlAssets
{
    public static readonly IReadOnlyList<string> Names = ["style.css", "report.js"];

    public static string Read(string name)
    {
        using var stream = typeof(HtmlAssets).Assembly.GetManifestResourceStream("FlowCover.Reporting.Html." + name)
            ?? throw new InvalidOperationException($"The report asset {name} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
