using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace FlowCover.Data;

/// <summary>
/// The model files that hold each model's JSON, as one run wrote or copied them, kept by the
/// model object for as long as the object lives. The data file then copies that file's bytes
/// instead of serializing the same model a second time, on one core, at the end of every run. A model is never changed once built (a
/// changed one is a new object, with no file here). A file is the model's only while no other
/// model was put there since: the same build in two folders has one key, and so one file.
/// One per run, made by whoever writes the models and handed to what copies them
/// (<see cref="ModuleModelFile"/>, <see cref="CoverageDataFile.Write"/>).
/// </summary>
public sealed class ModelFiles
{
    private readonly ConditionalWeakTable<ModuleModel, string> _fileOfModel = new();
    private readonly ConcurrentDictionary<string, WeakReference<ModuleModel>> _modelInFile = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="file"/> now holds exactly the JSON the serializer
    /// writes for <paramref name="model"/>.</summary>
    internal void Remember(ModuleModel model, string file)
    {
        var path = Path.GetFullPath(file);
        _modelInFile[path] = new WeakReference<ModuleModel>(model);
        _fileOfModel.AddOrUpdate(model, path);
    }

    /// <summary>The file holding <paramref name="model"/>'s JSON, when this run knows one.</summary>
    internal string? FileOf(ModuleModel model) =>
        _fileOfModel.TryGetValue(model, out var path) && _modelInFile.TryGetValue(path, out var holder)
            && holder.TryGetTarget(out var held) && ReferenceEquals(held, model)
            ? path
            : null;
}
