using System.Text.Json;

namespace FlowCover.Data;

/// <summary>
/// Reads and writes <see cref="CoverageData"/> as versioned JSON, the data file specified in
/// docs/DESIGN.md ("Data file"). JSON keeps the format
/// inspectable and diffable; writing is atomic (temp file then rename) so a crash never leaves
/// a half-written data file where a good one was.
/// </summary>
public static class CoverageDataFile
{
    public const string DefaultName = ".flowcover";

    /// <summary>Writes the data file; the models whose files <paramref name="modelFiles"/>
    /// knows are copied from them as they are.</summary>
    public static void Write(string path, CoverageData data, ModelFiles? modelFiles = null)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = File.Create(temp))
                CoverageDataWriter.Write(stream, data, modelFiles);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A disk that filled up while the command ran: the old file stays as it was, and no
            // half-written one is left beside it.
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Where nothing can be written, nothing was.
            }
            throw new UserError($"{path}: cannot write the coverage data file ({e.Message.ReplaceLineEndings(" ")}); free some space or choose another --data-file.", e);
        }
    }

    public static CoverageData Read(string path)
    {
        if (!File.Exists(path))
            throw new UserError($"{path}: no coverage data file; run 'flowcover run' or 'flowcover test' first.");
        CoverageData? data;
        try
        {
            data = JsonSerializer.Deserialize(Utf8File.ReadAll(path), DataJsonContext.Default.CoverageData);
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: corrupt coverage data file ({JsonPlace(e)}); delete it and run again.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot read the coverage data file ({e.Message}); check the path and its permissions.", e);
        }
        if (data is null || data.Modules is null)
            throw new UserError($"{path}: corrupt coverage data file (empty); delete it and run again.");
        if (data.Version != CoverageData.CurrentVersion)
            throw new UserError($"{path}: coverage data version {data.Version} is not supported (expected {CoverageData.CurrentVersion}); run again with this flowcover.");
        if (CoverageDataShape.Problem(data) is { } problem)
            throw new UserError($"{path}: corrupt coverage data file ({problem}); delete it and run again.");
        return data;
    }

    /// <summary>Where the JSON went wrong, in the file's terms: the serializer's own message
    /// names .NET types.</summary>
    internal static string JsonPlace(JsonException e) =>
        $"not valid at {(string.IsNullOrEmpty(e.Path) ? "its start" : e.Path)}, line {(e.LineNumber ?? 0) + 1}";
}
