using FlowCover.Data;

namespace FlowCover.Instrumentation;

/// <summary>An assembly ready to be replaced by its instrumented form: planned in memory
/// (<see cref="PreparedAssembly"/>) or found already instrumented in a cache.</summary>
public interface IPreparedAssembly
{
    /// <summary>The assembly file.</summary>
    string Path { get; }

    ModuleModel Model { get; }

    /// <summary>The files and statements it measures, known without reading a cached model whole.</summary>
    MeasuredSize Size { get; }

    /// <summary>Whether it is a Release build (<see cref="OptimizedBuild"/>), from what was read
    /// of it already rather than the file again.</summary>
    bool Optimized { get; }

    /// <summary>The files <see cref="Write"/> replaces (for the restore journal).</summary>
    IReadOnlyList<string> Files { get; }

    /// <summary>Writes the instrumented form of <see cref="Files"/> over them, or to
    /// <paramref name="destinations"/> (one for each file, in order) when given.</summary>
    void Write(IReadOnlyList<string>? destinations = null);

    /// <summary>Leaves <see cref="Model"/> in the data folder, for the collector; the data file
    /// copies it from there (<paramref name="files"/>).</summary>
    void WriteModel(string dataDirectory, ModelFiles files);
}
