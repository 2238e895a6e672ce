using FlowCover.Data;
using Mono.Cecil;
using FlowCover.Instrumentation.Writing;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>An assembly read and planned in memory, not yet written.</summary>
public sealed class PreparedAssembly : IPreparedAssembly
{
    // Released by Write: Cecil's view of a large assembly is most of a gigabyte, and the
    // command being measured runs while this object is still referenced.
    private ModuleDefinition? _module;
    private (MethodDefinition Method, BodyProbes? Probes)[] _plans;
    private readonly InstrumentOptions _options;

    internal PreparedAssembly(string path, ModuleDefinition module, ModuleModel model,
        IReadOnlyList<(MethodDefinition, BodyProbes)> plans, InstrumentOptions options)
    {
        Path = path;
        _module = module;
        Model = model;
        _plans = plans.Select(p => ((MethodDefinition, BodyProbes?))p).ToArray();
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
        var writer = PatchingWriter.Open(Path);
        var tracker = TrackerInjector.Inject(module, writer, Model.Key, Model.ProbeCount, _options.Mode, _options.DataDirectory);
        var emitter = new ProbeEmitter(tracker, _options.Mode);
        var rewritten = new RewrittenMethod[_plans.Length];
        // Each body is edited and encoded by itself, so they are done in parallel; once encoded,
        // Cecil's view of it and its plan are let go, so the heap shrinks as the work goes on
        // instead of growing by every probe's instructions.
        MethodWork.ForEach(_plans.Length, i =>
        {
            var (method, probes) = _plans[i];
            rewritten[i] = Probe(emitter, writer, tracker, method, probes!);
            _plans[i].Probes = null;
            Release(method);
        });
        var (assembly, pdb) = writer.Finish(rewritten);
        File.WriteAllBytes(Path, assembly);
        if (pdb is not null)
            File.WriteAllBytes(System.IO.Path.ChangeExtension(Path, ".pdb"), pdb);
        module.Dispose();
        _module = null;
        _plans = [];
    }

    public void WriteModel(string dataDirectory) => ModuleModelFile.Write(dataDirectory, Model);

    private static RewrittenMethod Probe(ProbeEmitter emitter, PatchingWriter writer, InjectedTracker tracker, MethodDefinition method, BodyProbes probes)
    {
        var body = method.Body;
        var originalSize = body.CodeSize;
        var originals = body.Instructions.ToArray();
        var oldOffsets = Array.ConvertAll(originals, i => i.Offset);
        var originalLocals = body.Variables.Count;
        var tokens = OperandTokens.Read(body, writer.OriginalBody(method.RVA), tracker.Tokens, writer.ReferenceTo);
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
        var locals = body.Variables.Count == originalLocals
            ? body.LocalVarToken.ToInt32()
            : writer.LocalsWithBooleans(body.LocalVarToken.ToInt32(), AddedBooleans(body, originalLocals));
        var encoded = BodyEncoder.Encode(body, tokens, locals);
        var offsets = new MethodOffsets(oldOffsets, Array.ConvertAll(originals, i => i.Offset), originalSize, size, locals & 0xFFFFFF);
        return new RewrittenMethod((int)method.MetadataToken.RID, encoded, offsets, (ushort)method.ImplAttributes);
    }

    /// <summary>Drops Cecil's instructions of a body, and the debug records that point at them.</summary>
    private static void Release(MethodDefinition method)
    {
        var debug = method.DebugInformation;
        debug.SequencePoints.Clear();
        debug.Scope = null;
        debug.CustomDebugInformations.Clear();
        method.Body = null;
    }

    /// <summary>How many locals probes added; they are all booleans (see ProbeEmitter).</summary>
    private static int AddedBooleans(MethodBody body, int originalLocals)
    {
        for (var k = originalLocals; k < body.Variables.Count; k++)
            if (body.Variables[k].VariableType.MetadataType != MetadataType.Boolean)
                throw new InvalidOperationException($"a probe added a local of type {body.Variables[k].VariableType} to {body.Method.FullName}");
        return body.Variables.Count - originalLocals;
    }
}
