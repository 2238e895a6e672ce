namespace FlowCover.Reporting.Html;

/// <summary>
/// A source file's lines as the report shows them, or why there are none. Read from the path
/// the compiler recorded; the report is often made on another machine or after files moved,
/// so a missing file is a message on the page, not a failed report.
/// </summary>
internal sealed record SourceText(IReadOnlyList<string>? Lines, string? Problem)
{
    public static SourceText Read(string path)
    {
        try
        {
            return new SourceText(File.ReadAllLines(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "was not found" : $"could not be read ({e.Message})";
            return new SourceText(null, $"The source file {path} {why}, so its lines are listed without their text.");
        }
    }
}
