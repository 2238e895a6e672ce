using FlowCover.Data;
using FlowCover.Instrumentation.Writing;
using Mono.Cecil;

namespace FlowCover.Instrumentation;

/// <summary>An assembly read, planned and probed in memory, not yet written.</summary>
public sealed class PreparedAssembly : IPreparedAssembly
{
    // Released by Write: the command being measured runs while this object is still referenced.
    private PatchingWriter? _writer;
    private IReadOnlyList<RewrittenMethod> _rewritten;

    internal PreparedAssembly(string path, ModuleDefinition module, ModuleModel model, PatchingWriter writer, IReadOnlyList<RewrittenMethod> rewritten)
    {
        Path = path;
        ModuleRead = new WeakReference(module);
        _writer = writer;
        _rewritten = rewritten;
        Model = model;
        Size = MeasuredSize.Of(model);
        Optimized = OptimizedBuild.Of(writer.AssemblyBytes); // The bytes read, not the file again.
        Files = writer.HasEmbeddedPdb || !File.Exists(System.IO.Path.ChangeExtension(path, ".pdb"))
            ? [path]
            : [path, System.IO.Path.ChangeExtension(path, ".pdb")];
    }

    /// <summary>Cecil's view of the assembly, which nothing may keep alive once it is prepared:
    /// the writer patches the original bytes, and a large assembly's view is a good part of the
    /// heap every later collection would go through.</summary>
    internal WeakReference ModuleRead { get; }

    public string Path { get; }
    public ModuleModel Model { get; }

    public MeasuredSize Size { get; }

    public bool Optimized { get; }

    public IReadOnlyList<string> Files { get; }

    public void Write(IReadOnlyList<string>? destinations = null)
    {
        var writer = _writer ?? throw new InvalidOperationException($"{Path} was already written");
        var to = destinations ?? Files;
        byte[] assembly;
        byte[]? pdb;
        try
        {
            (assembly, pdb) = writer.Finish(_rewritten);
        }
        catch (Exception e) when (e is not UserError)
        {
            throw DamagedInput.Explain(Path, e);
        }
        File.WriteAllBytes(to[0], assembly);
        if (pdb is not null)
            File.WriteAllBytes(to[1], pdb);
        _writer = null;
        _rewritten = [];
    }

    public void WriteModel(string dataDirectory, ModelFiles files) => ModuleModelFile.Write(dataDirectory, Model, files);
}
