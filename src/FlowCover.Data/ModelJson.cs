using System.Runtime.CompilerServices;

namespace FlowCover.Data;

/// <summary>
/// The model file each model was written to or read from by this process, kept by the model
/// object for as long as the object lives. The data file then copies that file's bytes instead
/// of serializing the same model a second time: for a large assembly that was a quarter of a
/// second, on one core, at the end of every run. A model is never changed once built (a
/// changed one is a new object, with no file here), and its file is in a data folder only
/// FlowCover writes, so the bytes copied are the model's.
/// </summary>
internal static class ModelJson
{
    private static readonly ConditionalWeakTable<ModuleModel, string> Files = new();

    /// <summary>Records that <paramref name="file"/> holds exactly the JSON of <paramref name="model"/>.</summary>
    public static void Remember(ModuleModel model, string file) => Files.AddOrUpdate(model, Path.GetFullPath(file));

    /// <summary>The file holding <paramref name="model"/>'s JSON, when this process knows one.</summary>
    public static string? FileOf(ModuleModel model) => Files.TryGetValue(model, out var file) ? file : null;
}
