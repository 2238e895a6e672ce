using System.Text;
using FlowCover.Data;
using FlowCover.Reporting.Html;

namespace FlowCover.Reporting;

/// <summary>
/// A static HTML site (<c>flowcover html -d htmlcov</c>): index.html with every file's figures,
/// sortable by any column and filterable, and one page per source file with the source
/// coloured, each line marked run / missed / partial, partial decisions explained in words and
/// the file's methods with their own figures.
/// </summary>
/// <remarks>
/// Self-contained: a stylesheet and a script beside the pages, no CDN, no fetch, so it works
/// opened from disk (file://), from a CI artifact or from any static host. Sources are read
/// from the paths the compiler recorded; a page whose source is gone says so and still lists
/// the measured lines. Pages are written in parallel: they are independent and a large
/// solution has thousands.
/// </remarks>
public static class HtmlReport
{
    /// <summary>Writes the site into <paramref name="directory"/> (created if needed).</summary>
    /// <returns>The path of index.html.</returns>
    /// <exception cref="UserError">The directory cannot be created or written.</exception>
    public static string Write(CoverageResult result, string directory, HtmlReportOptions options)
    {
        var files = result.Files.Where(f => !ReportTable.IsSkipped(f, options.SkipCovered, options.SkipEmpty))
            .OrderBy(f => f.Name, HumanOrder.Instance).ToList();
        var pages = PageNames.For(files);
        var site = new SiteInfo(options, result.Files.Any(f => f.Counts.Branches > 0), options.Timestamp ?? DateTimeOffset.UtcNow);
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var asset in HtmlAssets.Names)
                File.WriteAllText(Path.Combine(directory, asset), HtmlAssets.Read(asset), Utf8);
            Parallel.ForEach(files, file =>
                File.WriteAllText(Path.Combine(directory, pages[file]), SourcePage.Render(file, SourceText.Read(file.Path), site, result.Contexts), Utf8));
            var index = Path.Combine(directory, "index.html");
            File.WriteAllText(index, IndexPage.Render(result, files, pages, site), Utf8);
            return index;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException
            || (e is AggregateException all && all.InnerExceptions.All(i => i is IOException or UnauthorizedAccessException)))
        {
            var reason = e is AggregateException many ? many.InnerExceptions[0].Message : e.Message;
            throw new UserError($"-d {directory}: cannot write the HTML report there ({reason}); choose a directory you can write to.", e);
        }
    }

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
}
