using FlowCover.Data;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>An assembly read and planned in memory, not yet written.</summary>
public sealed class PreparedAssembly : IPreparedAssembly
{
    // Released by Write: Cecil's view of a large assembly is most of a gigabyte, and the
    // command being measured runs while this object is still referenced.
    private ModuleDefinition? _module;
    private IReadOnlyList<(MethodDefinition Method, BodyProbes Probes)> _plans;
    private readonly InstrumentOptions _options;

    internal PreparedAssembly(string path, ModuleDefinition module, ModuleModel model,
        IReadOnlyList<(MethodDefinition, BodyProbes)> plans, InstrumentOptions options)
    {
        Path = path;
        _module = module;
        Model = model;
        _plans = plans;
        _options = options;
        Files = AssemblyReader.HasEmbeddedPdb(module) || !File.Exists(System.IO.Path.ChangeExtension(path, ".pdb"))
            ? [path]
            : [path, System.IO.Path.ChangeExtension(path, ".pdb")];
    }

    /// <summary>Cecil's view of the assembly until <see cref="Write"/> releases it.</summary>
    internal ModuleDefinition? Module => _module;

    public string Path { get; }
    public ModuleModel Model { get; }

    public IReadOnlyList<string> Files { get; }

    public void Write()
    {
        var module = _module ?? throw new InvalidOperationException($"{Path} was already written");
        var tracker = TrackerInjector.Inject(module, Model.Key, Model.ProbeCount, _options.Mode, _options.DataDirectory);
        var emitter = new ProbeEmitter(tracker, _options.Mode);
        _ = module.TypeSystem.Boolean; // Cecil creates it on first use: not while methods share it.
        // Each body is edited by itself, so they are edited in parallel.
        MethodWork.ForEach(_plans.Count, i => Probe(emitter, _plans[i].Method, _plans[i].Probes));
        // The signature no longer matches; .NET does not check it, but the flag must not lie.
        module.Attributes &= ~ModuleAttributes.StrongNameSigned;
        var symbols = AssemblyReader.HasEmbeddedPdb(module)
            ? (ISymbolWriterProvider)new EmbeddedPortablePdbWriterProvider()
            : new PortablePdbWriterProvider();
        try
        {
            module.Write(Path, new WriterParameters { WriteSymbols = true, SymbolWriterProvider = symbols });
        }
        catch (AssemblyResolutionException e)
        {
            // Prepare looks for what Cecil is known to resolve while writing (ConstantTypes);
            // this is for whatever else it may, and the run restores the files it saved.
            throw new UserError($"{Path}: cannot be instrumented: {AssemblyInstrumenter.MissingDependencyReason(e.AssemblyReference)}.", e);
        }
        module.Dispose();
        _module = null;
        _plans = [];
    }

    public void WriteModel(string dataDirectory) => ModuleModelFile.Write(dataDirectory, Model);

    private static void Probe(ProbeEmitter emitter, MethodDefinition method, BodyProbes probes)
    {
        var body = method.Body;
        var originalSize = body.CodeSize;
        ShortForms.WidenBranches(body);
        var edits = new BodyEdits(body, probes.LineStarts.Length + probes.EdgeProbes.Count + probes.ValueProbes.Count);
        foreach (var (branch, edges) in probes.EdgeProbes)
            emitter.InsertOnEdges(edits, branch, edges);
        foreach (var (value, outcomes) in probes.ValueProbes)
            emitter.Insert(edits, value, outcomes);
        for (var l = 0; l < probes.LineStarts.Length; l++)
        {
            if (probes.LineProbes[l] < 0)
                continue; // Implied by other probes (see ImpliedLineProbes).
            if (probes.LoopEntries.TryGetValue(probes.LineStarts[l], out var entries))
                emitter.InsertAtEntries(edits, entries, probes.LineProbes[l]);
            else
                emitter.InsertBefore(edits, probes.LineStarts[l], probes.LineProbes[l]);
        }
        edits.Apply();
        var size = ShortForms.NarrowBranches(body);
        if (InliningHint.ShouldAsk(method, originalSize, size))
            method.AggressiveInlining = true;
    }
}
