namespace FlowCover.Reporting.Html;

/// <summary>
/// The file name of each source page: the display path flattened (<c>Services/FxService.cs</c>
/// becomes <c>Services_FxService_cs.html</c>), readable in a browser's address bar and stable
/// between runs so links into a published report keep working. Names that would clash,
/// including on case-insensitive file systems, get a number.
/// </summary>
internal static class PageNames
{
    private const int MaxStem = 120;

    public static IReadOnlyDictionary<FileResult, string> For(IEnumerable<FileResult> files)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index.html" };
        var names = new Dictionary<FileResult, string>(ReferenceEqualityComparer.Instance);
        foreach (var file in files)
        {
            var stem = Flatten(file.Name);
            var name = stem + ".html";
            for (var n = 2; !taken.Add(name); n++)
                name = $"{stem}_{n}.html";
            names[file] = name;
        }
        return names;
    }

    private static string Flatten(string path)
    {
        var chars = path.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray();
        var flat = new string(chars).Trim('_');
        if (flat.Length == 0)
            flat = "file";
        // File systems allow 255 bytes a name: a deep absolute path keeps its tail and a hash.
        if (flat.Length > MaxStem)
            flat = flat[^(MaxStem - 9)..] + "_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)))[..8];
        return flat;
    }
}
