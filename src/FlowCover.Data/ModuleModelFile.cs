using System.Text.Json;

namespace FlowCover.Data;

/// <summary>The model the instrumenter leaves in the data folder, one file per module.</summary>
public static class ModuleModelFile
{
    public const string Extension = ".model.json";

    public static string PathFor(string dataDirectory, string moduleKey) =>
        Path.Combine(dataDirectory, moduleKey + Extension);

    /// <summary>The module key a model file is named for.</summary>
    public static string KeyOf(string path) => Path.GetFileName(path)[..^Extension.Length];

    public static void Write(string dataDirectory, ModuleModel model)
    {
        Directory.CreateDirectory(dataDirectory);
        // Straight to the file: a large assembly's model as one string was hundreds of megabytes.
        using var stream = File.Create(PathFor(dataDirectory, model.Key));
        DataJsonContext.Write(stream, model, DataJsonContext.Default.ModuleModel);
    }

    public static ModuleModel Read(string path)
    {
        ModuleModel model;
        try
        {
            model = JsonSerializer.Deserialize(Utf8File.ReadAll(path), DataJsonContext.Default.ModuleModel)
                ?? throw new UserError($"{path}: empty module model; delete the data folder and run again.");
        }
        catch (JsonException e)
        {
            throw new UserError($"{path}: corrupt module model; delete the data folder and run again.", e);
        }
        // A model file has no version of its own: one from a FlowCover before outcomes had a
        // list of probes reads without error, with none.
        if (model.Methods.Any(m => m.Branches.Any(b => b.Outcomes.Any(o => o.Probes is null or { Count: 0 }))))
            throw new UserError($"{path}: module model written by another version of flowcover; delete the data folder and run again.");
        return model;
    }
}
