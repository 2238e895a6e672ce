using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FlowCover.Data;

/// <summary>
/// The model file that holds each model's JSON, as this process wrote or copied it, kept by the
/// model object for as long as the object lives. The data file then copies that file's bytes
/// instead of serializing the same model a second time: for a large assembly that was a quarter
/// of a second, on one core, at the end of every run. A model is never changed once built (a
/// changed one is a new object, with no file here). A file is the model's only while no other
/// model was put there since: the same build in two folders has one key, and so one file.
/// </summary>
internal static class ModelJson
{
    private static readonly ConditionalWeakTable<ModuleModel, string> FileOfModel = new();
    private static readonly ConcurrentDictionary<string, WeakReference<ModuleModel>> ModelInFile = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="file"/> now holds exactly the JSON the serializer
    /// writes for <paramref name="model"/>.</summary>
    public static void Remember(ModuleModel model, string file)
    {
        var path = Path.GetFullPath(file);
        ModelInFile[path] = new WeakReference<ModuleModel>(model);
        FileOfModel.AddOrUpdate(model, path);
    }

    /// <summary>The file holding <paramref name="model"/>'s JSON, when this process knows one.</summary>
    public static string? FileOf(ModuleModel model) =>
        FileOfModel.TryGetValue(model, out var path) && ModelInFile.TryGetValue(path, out var holder)
            && holder.TryGetTarget(out var held) && ReferenceEquals(held, model)
            ? path
            : null;
}
