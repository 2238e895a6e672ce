using System.Security.Cryptography;
using FlowCover.Data;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Filters;
using FlowCover.Instrumentation.Model;
using FlowCover.Instrumentation.Probes;
using FlowCover.Instrumentation.Sharing;
using FlowCover.Instrumentation.Writing;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Instruments one assembly in two steps so a batch can be validated before any file changes:
/// <see cref="Prepare"/> reads and plans in memory, <see cref="PreparedAssembly.Write"/> injects
/// the tracker, inserts probes and rewrites the assembly and its PDB in place.
/// </summary>
public sealed class AssemblyInstrumenter(InstrumentOptions options)
{
    private readonly MethodPlanner _planner = new(options, CompilerPatternFilters.All);
    private readonly MethodSelection _selection = new(options.ExcludeByAttribute);

    /// <summary>Reads and plans; returns null with a reason when the assembly is skipped. A
    /// damaged assembly or PDB, which Cecil may trip on anywhere in the reading, is a
    /// <see cref="UserError"/> naming the file.</summary>
    public (PreparedAssembly? Prepared, string? Skip) Prepare(string assemblyPath)
    {
        try
        {
            return ReadAndPlan(assemblyPath);
        }
        catch (Exception e) when (e is not UserError)
        {
            throw DamagedInput.Explain(assemblyPath, e);
        }
    }

    private (PreparedAssembly? Prepared, string? Skip) ReadAndPlan(string assemblyPath)
    {
        var resolver = AssemblyResolution.For(assemblyPath);
        // The first body waits for its file's parse: it starts here, beside the check and the reading.
        var (defines, firstFile) = PdbFirstLook.Of(assemblyPath, options.SkipReferencing);
        // Disposed when this assembly's lookups are over: a large file stops being parsed ahead.
        using var sources = new SourceFiles(defines);
        if (firstFile is var (path, algorithm, hash))
            sources.StartParsing(path, algorithm, hash);
        var (module, skip) = AssemblyReader.Read(assemblyPath, resolver);
        if (module is null)
            return (null, skip);
        var framework = module.AssemblyReferences.FirstOrDefault(r => options.SkipReferencing.Contains(r.Name, StringComparer.OrdinalIgnoreCase));
        if (framework is not null && !options.Contexts)
        {
            module.Dispose();
            return (null, $"a test assembly (references {framework.Name})");
        }
        if (TrackerInjector.IsInstrumented(module))
            return (null, "already instrumented by FlowCover (run 'flowcover restore' if a run was interrupted)");
        if (framework is not null)
            return MarkTests(assemblyPath, module);
        // The first body's file parses while the files are read, hashed and the tracker added.
        Document? parsing = null;
        if (module.Types.SelectMany(AllTypes).SelectMany(t => t.Methods).FirstOrDefault(m => m.HasBody && _selection.IsUserCode(m)) is { } first)
            BodyPipeline.StartParsing(first, sources, ref parsing);
        var writer = PatchingWriter.Open(assemblyPath);
        var key = module.Assembly.Name.Name + "." + HashOf(writer.AssemblyBytes, writer.SideBySidePdb);
        var builder = new ModuleModelBuilder(key, module.Assembly.Name.Name, key[(key.LastIndexOf('.') + 1)..], options.Mode);
        var methods = module.Types.SelectMany(AllTypes).SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
        var tracker = TrackerInjector.Inject(module, writer);
        _ = module.TypeSystem.Boolean; // Cecil creates it on first use: not while methods share it.
        PhaseClock.Lap("read metadata, hash, open writer, inject tracker");

        var bodies = methods.ConvertAll(m => new BodyInProgress(m));
        var pipeline = new BodyPipeline(_selection, _planner, options, builder, new ProbeEmitter(tracker, options.Mode, options.Contexts), writer, tracker,
            LambdaAnchors.WhoseStatementsAreAsked(methods), sources);
        MethodWork.ForEachReadInOrder(bodies, pipeline.Read, pipeline.Plan, pipeline.Number, pipeline.Encode);
        PhaseClock.Lap("read, plan, number, probe and encode bodies");

        if (bodies.All(b => b.Rewritten is null))
        {
            module.Dispose();
            return (null, "no measured source files (see --source/--omit)");
        }
        var model = BuildModel(builder, bodies);
        TrackerInjector.EncodeBodies(tracker.Import, writer.IL, key, model.ProbeCount, options.Mode, options.DataDirectory, options.Contexts);
        PhaseClock.Lap("lambda anchors, model");
        module.Dispose();
        return (new PreparedAssembly(assemblyPath, module, model, writer, [.. bodies.Select(b => b.Rewritten).OfType<RewrittenMethod>()]), null);
    }

    /// <summary>A test assembly with contexts: not measured (its model has no probes), only
    /// its tests and setup marked so each enters its context (<see cref="TestMarks"/>).</summary>
    private (PreparedAssembly? Prepared, string? Skip) MarkTests(string assemblyPath, ModuleDefinition module)
    {
        var marks = TestMarks.Find(module.Types.SelectMany(AllTypes).ToList());
        if (marks.Count == 0)
        {
            module.Dispose();
            return (null, "a test assembly with no test methods to mark");
        }
        var writer = PatchingWriter.Open(assemblyPath);
        var key = module.Assembly.Name.Name + "." + HashOf(writer.AssemblyBytes, writer.SideBySidePdb);
        var tracker = TrackerInjector.Inject(module, writer);
        var rewritten = marks.ConvertAll(m => TestMarks.Rewrite(writer, tracker, m.Method, m.Context));
        var model = new ModuleModelBuilder(key, module.Assembly.Name.Name, key[(key.LastIndexOf('.') + 1)..], options.Mode).Build();
        TrackerInjector.EncodeBodies(tracker.Import, writer.IL, key, 0, options.Mode, options.DataDirectory, contexts: true);
        module.Dispose();
        return (new PreparedAssembly(assemblyPath, module, model, writer, rewritten), null);
    }

    /// <summary>The module's model from its numbered bodies, each recorded under the user's
    /// method it belongs to (lambdas at the line they are written on).</summary>
    private static ModuleModel BuildModel(ModuleModelBuilder builder, List<BodyInProgress> bodies)
    {
        var kept = new Dictionary<MethodDefinition, (MethodDefinition, StatementSpan[])>(bodies.Count);
        foreach (var body in bodies)
            if (body.Released is { } what)
                kept[body.Method] = what;
        var released = new ReleasedBodies(kept);
        var anchors = new LambdaAnchors(bodies.ConvertAll(b => b.Method), released);
        foreach (var body in bodies)
            if (body.Numbered is { } numbered)
                builder.Add(numbered, released, anchors);
        return builder.Build();
    }

    private static IEnumerable<TypeDefinition> AllTypes(TypeDefinition type) =>
        type.NestedTypes.SelectMany(AllTypes).Prepend(type);

    /// <summary>First 16 hex digits of SHA-256 over the assembly and its side-by-side PDB, as
    /// the writer read them (the files are read once).</summary>
    private static string HashOf(byte[] assembly, byte[]? sideBySidePdb)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(assembly);
        if (sideBySidePdb is not null)
            sha.AppendData(sideBySidePdb);
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }
}
