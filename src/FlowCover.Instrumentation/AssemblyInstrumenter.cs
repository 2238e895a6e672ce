using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FlowCover.Data;
using FlowCover.Instrumentation.Filters;
using FlowCover.Instrumentation.Writing;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Instruments one assembly in two steps so a batch can be validated before any file changes:
/// <see cref="Prepare"/> reads and plans in memory, <see cref="PreparedAssembly.Write"/> injects
/// the tracker, inserts probes and rewrites the assembly and its PDB in place.
/// </summary>
public sealed class AssemblyInstrumenter(InstrumentOptions options, IReadOnlyList<ICompilerPatternFilter>? filters = null)
{
    private readonly MethodAnalyzer _analyzer = new(filters ?? CompilerPatternFilters.All);
    private readonly MethodSelection _selection = new(options.ExcludeByAttribute);
    private readonly SourceFilter _sources = new(options);

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
        var (module, skip) = AssemblyReader.Read(assemblyPath, resolver);
        if (module is null)
            return (null, skip);
        if (module.AssemblyReferences.FirstOrDefault(r => options.SkipReferencing.Contains(r.Name, StringComparer.OrdinalIgnoreCase)) is { } framework)
        {
            module.Dispose();
            return (null, $"a test assembly (references {framework.Name})");
        }
        if (TrackerInjector.IsInstrumented(module))
            return (null, "already instrumented by FlowCover (run 'flowcover restore' if a run was interrupted)");
        var writer = PatchingWriter.Open(assemblyPath);
        var key = module.Assembly.Name.Name + "." + HashOf(writer.AssemblyBytes, writer.SideBySidePdb);
        var builder = new ModuleModelBuilder(key, module.Assembly.Name.Name, key[(key.LastIndexOf('.') + 1)..], options.Mode);
        var bodies = module.Types.SelectMany(AllTypes).SelectMany(t => t.Methods).Where(m => m.HasBody).ToList();
        var sources = new SourceFiles();
        var tracker = TrackerInjector.Inject(module, writer);
        var emitter = new ProbeEmitter(tracker, options.Mode);
        _ = module.TypeSystem.Boolean; // Cecil creates it on first use: not while methods share it.
        PhaseClock.Lap("read metadata, hash, open writer, inject tracker");
        var bodyProbes = new BodyProbes?[bodies.Count];
        var numbered = new NumberedBody?[bodies.Count];
        var rewritten = new RewrittenMethod?[bodies.Count];
        var letGo = new (MethodDefinition Kickoff, StatementSpan[] Statements)?[bodies.Count];
        var keepStatements = LambdaAnchors.WhoseStatementsAreAsked(bodies);
        // Cecil reads bodies and debug information lazily, one at a time under a module lock:
        // they are read here in order, and each is planned on another core while the next is
        // read, numbered in order, then probed, encoded and let go: Cecil's view of a large
        // assembly never has to be whole in memory.
        MethodWork.ForEachReadInOrder(bodies, m => _selection.IsUserCode(m) && m.DebugInformation.HasSequencePoints,
            i => bodyProbes[i] = Plan(bodies[i], sources, out var code) is { } plan ? BodyProbes.Number(bodies[i], plan, code, options.ShareProbes) : null,
            i =>
            {
                if (bodyProbes[i] is { } probes)
                    numbered[i] = builder.Number(bodies[i], probes);
            },
            i => NonThrowingCode.DecidedBeforeChanging(bodies[i], () =>
            {
                var method = bodies[i];
                if (bodyProbes[i] is { } probes)
                    rewritten[i] = BodyRewriter.Rewrite(emitter, writer, tracker, method, probes);
                bodyProbes[i] = null;
                letGo[i] = (SourceNames.KickoffOf(method), keepStatements(method) ? StatementSpan.Of(method) : []);
                BodyRewriter.Release(method);
            }));
        PhaseClock.Lap("read, plan, number, probe and encode bodies");
        var kept = new Dictionary<MethodDefinition, (MethodDefinition, StatementSpan[])>(bodies.Count);
        for (var i = 0; i < bodies.Count; i++)
            if (letGo[i] is { } what)
                kept[bodies[i]] = what;
        var released = new ReleasedBodies(kept);
        var anchors = new LambdaAnchors(bodies, released);
        foreach (var body in numbered)
            if (body is not null)
                builder.Add(body, released, anchors);
        if (rewritten.All(r => r is null))
        {
            module.Dispose();
            return (null, "no measured source files (see --source/--omit)");
        }
        var model = builder.Build();
        TrackerInjector.EncodeBodies(tracker.Import, writer.IL, key, model.ProbeCount, options.Mode, options.DataDirectory);
        PhaseClock.Lap("lambda anchors, model");
        module.Dispose();
        return (new PreparedAssembly(assemblyPath, module, model, writer, [.. rewritten.OfType<RewrittenMethod>()]), null);
    }

    /// <summary>What to probe in one body, limited to measured source files; null when nothing.
    /// Runs on any thread: it reads the method and the shared caches, and writes nothing shared
    /// but what is decided about the method itself (<see cref="NonThrowingCode.DecideFrom"/>).
    /// <paramref name="code"/> is the body's instructions as planned.</summary>
    private MethodPlan? Plan(MethodDefinition method, SourceFiles sources, out Instruction[] code)
    {
        var context = new MethodContext(method, sources);
        try
        {
            code = ImmutableCollectionsMarshal.AsArray(context.Instructions)!;
            NonThrowingCode.DecideFrom(context);
            return Plan(context);
        }
        finally
        {
            context.Release();
        }
    }

    private MethodPlan? Plan(MethodContext context)
    {
        var plan = _analyzer.Analyze(context);
        var measured = MeasuredPart(plan);
        if (measured.Lines.Count == 0)
            return null;
        var lines = measured.Lines;
        if (options.Mode != CoverageMode.Set || !options.ShareProbes)
            return measured;
        var (impliedLines, impliedOutcomes) = ImpliedLineProbes.Find(context, measured);
        return measured with
        {
            LoopEntries = LoopEntryProbes.Find(context, lines.Select(l => l.At)),
            ImpliedLines = impliedLines,
            ImpliedOutcomes = impliedOutcomes,
        };
    }

    /// <summary>The plan's statements in measured files, and its decisions on their lines. A
    /// body's statements are nearly always in one file and its decisions on its statements'
    /// lines: the plan is then kept whole, without copying it (this runs for every body).</summary>
    private MethodPlan MeasuredPart(MethodPlan plan)
    {
        var whole = true;
        foreach (var line in plan.Lines)
            whole &= _sources.Includes(line.Document);
        foreach (var branch in plan.Branches)
            whole &= HasLine(plan.Lines, branch.Line);
        if (whole)
            return plan;
        var lines = plan.Lines.Where(l => _sources.Includes(l.Document)).ToList();
        var measuredLines = lines.Select(l => l.Line).ToHashSet();
        return plan with { Lines = lines, Branches = plan.Branches.Where(b => measuredLines.Contains(b.Line)).ToList() };
    }

    private static bool HasLine(IReadOnlyList<LineSite> lines, int line)
    {
        foreach (var site in lines)
            if (site.Line == line)
                return true;
        return false;
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
