using System.Text.Json;
using FlowCover.Data;

namespace FlowCover.Cli.Config;

/// <summary>
/// <c>flowcover.json</c>: settings for every verb, found in the current folder or the nearest
/// parent (as .editorconfig and Directory.Build.props are). Its keys are the long options in
/// camelCase; an option given on the command line wins. Paths in it (dataFile, reports) are
/// relative to the file's folder, so a command gives the same result from any folder below it.
/// Schema: docs/json-schema/flowcover-config.schema.json.
/// </summary>
internal static class ConfigFile
{
    public const string Name = "flowcover.json";

    /// <summary>The report formats the <c>reports</c> key can ask for.</summary>
    public static readonly string[] ReportFormats = ["html", "xml", "lcov", "json", "markdown"];

    private static readonly string[] StringListKeys = ["include", "exclude", "source", "omit", "excludeByAttribute"];
    private static readonly string[] BooleanKeys = ["showMissing", "skipCovered", "skipEmpty", "methods"];

    public static FlowCoverConfig? Find(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            var path = Path.Combine(folder.FullName, Name);
            if (File.Exists(path))
                return Read(path);
        }
        return null;
    }

    public static FlowCoverConfig Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot read it ({e.Message}); make it readable or remove it.", e);
        }
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: not valid JSON (line {e.LineNumber + 1}: {e.Message.Split(" LineNumber")[0].TrimEnd('.', ' ')}); fix the syntax.", e);
        }
        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw Wrong(path, "(top level)", "must be an object of settings, e.g. { \"include\": [\"MyApp.dll\"] }");
            var config = new FlowCoverConfig { Path = Path.GetFullPath(path) };
            foreach (var property in json.RootElement.EnumerateObject())
                config = With(config, path, property);
            return config;
        }
    }

    private static FlowCoverConfig With(FlowCoverConfig config, string path, JsonProperty property)
    {
        var key = property.Name;
        var value = property.Value;
        if (StringListKeys.Contains(key, StringComparer.Ordinal))
        {
            var list = StringList(path, key, value);
            return key switch
            {
                "include" => config with { Include = list },
                "exclude" => config with { Exclude = list },
                "source" => config with { Source = list },
                "omit" => config with { Omit = list },
                _ => config with { ExcludeByAttribute = list },
            };
        }
        if (BooleanKeys.Contains(key, StringComparer.Ordinal))
        {
            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw Wrong(path, key, "must be true or false");
            var flag = value.GetBoolean();
            return key switch
            {
                "showMissing" => config with { ShowMissing = flag },
                "skipCovered" => config with { SkipCovered = flag },
                "skipEmpty" => config with { SkipEmpty = flag },
                _ => config with { Methods = flag },
            };
        }
        switch (key)
        {
            case "$schema":
                return config;
            case "mode":
                return config with
                {
                    Mode = value.ValueKind == JsonValueKind.String && Enum.TryParse<CoverageMode>(value.GetString(), ignoreCase: true, out var mode)
                        ? mode
                        : throw Wrong(path, key, "must be \"set\" or \"count\""),
                };
            case "failUnder":
                return config with
                {
                    FailUnder = value.ValueKind == JsonValueKind.Number && value.GetDouble() is >= 0 and <= 100 and var minimum
                        ? minimum
                        : throw Wrong(path, key, "must be a percentage from 0 to 100, e.g. 80"),
                };
            case "precision":
                return config with
                {
                    Precision = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var digits) && digits is >= 0 and <= 10
                        ? digits
                        : throw Wrong(path, key, "must be a whole number of decimals from 0 to 10"),
                };
            case "sort":
                return config with
                {
                    Sort = value.ValueKind == JsonValueKind.String && value.GetString() is { } column && Reporting.ReportTable.SortColumns.Contains(column.TrimStart('-'))
                        ? column
                        : throw Wrong(path, key, $"must be one of {string.Join(", ", Reporting.ReportTable.SortColumns)} (prefix '-' to reverse)"),
                };
            case "columns":
                return config with
                {
                    Columns = value.ValueKind == JsonValueKind.String || (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
                        ? Reporting.TableColumns.Parse(StringList(path, key, value), $"{path}: {key}:")
                        : throw Wrong(path, key, "must be a list of columns, e.g. [\"Stmts\", \"Miss\", \"Line%\", \"Branch%\", \"Cover\"]"),
                };
            case "dataFile":
                return config with { DataFile = value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } file ? Resolve(path, file) : throw Wrong(path, key, "must be a file path, e.g. \".flowcover\"") };
            case "reports":
                return config with { Reports = Reports(path, value) };
            default:
                throw Wrong(path, key, "is not a setting; use one of include, exclude, source, omit, excludeByAttribute, mode, failUnder, precision, " +
                    "showMissing, skipCovered, skipEmpty, sort, columns, methods, dataFile, reports");
        }
    }

    private static IReadOnlyList<string> StringList(string path, string key, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => value.EnumerateArray().Select(e => e.GetString()!).ToList(),
        _ => throw Wrong(path, key, "must be a list of globs, e.g. [\"MyApp*.dll\"]"),
    };

    private static IReadOnlyDictionary<string, string> Reports(string path, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Wrong(path, "reports", "must be an object of format to path, e.g. { \"xml\": \"coverage.cobertura.xml\" }");
        var reports = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var report in value.EnumerateObject())
        {
            if (!ReportFormats.Contains(report.Name, StringComparer.Ordinal))
                throw Wrong(path, "reports." + report.Name, "is not a report format; use " + string.Join(", ", ReportFormats));
            if (report.Value.ValueKind != JsonValueKind.String || report.Value.GetString() is not { Length: > 0 } target)
                throw Wrong(path, "reports." + report.Name, "must be the path to write it to");
            reports[report.Name] = Resolve(path, target);
        }
        return reports;
    }

    private static string Resolve(string configPath, string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, relative));

    private static UserError Wrong(string path, string key, string fix) => new($"{path}: {key}: {fix}.");
}
