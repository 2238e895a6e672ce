using System.Text.Json;

namespace FlowCover.Data;

/// <summary>The model the instrumenter leaves in the data folder, one file per module (specified
/// in docs/DESIGN.md, "Model file").</summary>
public static class ModuleModelFile
{
    public const string Extension = ".model.json";

    public static string PathFor(string dataDirectory, string moduleKey) =>
        Path.Combine(dataDirectory, moduleKey + Extension);

    /// <summary>The module key a model file is named for.</summary>
    public static string KeyOf(string path) => Path.GetFileName(path)[..^Extension.Length];

    /// <summary>Writes the model's file, remembered in <paramref name="files"/> (when given) as holding it.</summary>
    public static void Write(string dataDirectory, ModuleModel model, ModelFiles? files = null)
    {
        Directory.CreateDirectory(dataDirectory);
        // Straight to the file: a large assembly's model as one string would be a huge object.
        var path = PathFor(dataDirectory, model.Key);
        using (var stream = File.Create(path))
            DataJsonContext.Write(stream, model, DataJsonContext.Default.ModuleModel);
        files?.Remember(model, path);
    }

    /// <summary>Puts <paramref name="file"/>, which holds <paramref name="model"/> (a cached
    /// copy), in the data folder as it is, not serialised again: a large assembly's model is
    /// slow to write, and a cached run has little else to do.</summary>
    public static void Copy(string file, ModuleModel model, string dataDirectory, ModelFiles files)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = PathFor(dataDirectory, model.Key);
        File.Copy(file, path, overwrite: true);
        files.Remember(model, path);
    }

    /// <summary>
    /// The model in <paramref name="path"/>, a file this FlowCover wrote (a cache entry's), as
    /// far as its identity (key, assembly, build hash, probe count), which is all a run over a
    /// cached build needs: its documents and methods are read only if something looks at them,
    /// and the data file copies the file as it is, so such a run does not read a large
    /// assembly's whole model. Null when the file does not begin with the identity and end
    /// the object it opens. <paramref name="files"/> learns where the model is (and where it is
    /// copied to later, which is where its parts are then read from).
    /// </summary>
    public static ModuleModel? ReadIdentity(string path, ModelFiles files)
    {
        if (ModelIdentity.Read(path) is not var (key, assemblyName, contentHash, probeCount))
            return null;
        ModuleModel? model = null;
        // From where the model is by then (the data folder's copy, once made): the cache entry
        // may be gone.
        var whole = new Lazy<ModuleModel>(() => Read(files.FileOf(model!) ?? path));
        model = new ModuleModel(key, assemblyName, contentHash, probeCount,
            new LazyModelPart<string>(whole, m => m.Documents), new LazyModelPart<MethodModel>(whole, m => m.Methods),
            new LazyModelPart<SourceChecksum?>(whole, m => m.Checksums ?? []));
        files.Remember(model, path);
        return model;
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
            throw new UserError($"{path}: corrupt module model ({CoverageDataFile.JsonPlace(e)}); delete the data folder and run again.", e);
        }
        catch (IOException e)
        {
            throw new UserError($"{path}: cannot read the module model ({e.Message}).", e);
        }
        // A model file has no version of its own: one from a FlowCover before outcomes had a
        // list of probes reads without error, with none.
        if (CoverageDataShape.Problem(model) is { } problem)
            throw new UserError($"{path}: corrupt module model ({problem}); delete the data folder and run again.");
        if (model.Methods.Any(m => m.Branches.Any(b => b.Outcomes.Any(o => o.Probes.Count == 0))))
            throw new UserError($"{path}: module model written by another version of flowcover; delete the data folder and run again.");
        return model;
    }
}
