using FlowCover.Data;
using FlowCover.Instrumentation;

namespace FlowCover.Cli.Cache;

/// <summary>An assembly whose instrumented form came from the cache, already pointed at this
/// session's data folder: writing it is copying bytes.</summary>
internal sealed class CachedAssembly(string path, ModuleModel model, MeasuredSize size, string modelFile, byte[] assembly, byte[]? symbols) : IPreparedAssembly
{
    public string Path => path;
    public ModuleModel Model => model;

    /// <summary>Kept in the cache entry: counting it from the model would read the model whole,
    /// which a cached run otherwise never does.</summary>
    public MeasuredSize Size => size;

    /// <summary>From the cached bytes: instrumenting leaves the assembly's attributes as they were.</summary>
    public bool Optimized => OptimizedBuild.Of(assembly);

    public IReadOnlyList<string> Files { get; } = symbols is null ? [path] : [path, System.IO.Path.ChangeExtension(path, ".pdb")];

    public void Write(IReadOnlyList<string>? destinations = null)
    {
        var to = destinations ?? Files;
        File.WriteAllBytes(to[0], assembly);
        if (symbols is not null)
            File.WriteAllBytes(to[1], symbols);
    }

    /// <summary>The cached model file as it is (see <see cref="ModuleModelFile.Copy"/>).</summary>
    public void WriteModel(string dataDirectory, ModelFiles files) => ModuleModelFile.Copy(modelFile, model, dataDirectory, files);
}
