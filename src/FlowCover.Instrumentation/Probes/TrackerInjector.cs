using FlowCover.Data;
using FlowCover.Instrumentation.Writing;
using FlowCover.Runtime;
using Mono.Cecil;

namespace FlowCover.Instrumentation.Probes;

/// <summary>The tracker as probes see it: stand-ins for its <c>Hits</c> field, its <c>Block</c>
/// (the thread's block, which count-mode and contexts probes store through) and the
/// <c>Enter</c>/<c>Leave</c> calls that mark a test, carrying the tokens they have in the
/// rewritten module.</summary>
internal sealed record InjectedTracker(FieldReference Hits, MethodReference Block, MethodReference Enter, MethodReference Leave, TrackerImport Import)
{
    /// <summary>The stand-ins' tokens, for encoding the bodies that use them.</summary>
    public IReadOnlyDictionary<object, int> Tokens { get; } = new Dictionary<object, int>(ReferenceEqualityComparer.Instance)
    {
        [Hits] = Hits.MetadataToken.ToInt32(),
        [Block] = Block.MetadataToken.ToInt32(),
        [Enter] = Enter.MetadataToken.ToInt32(),
        [Leave] = Leave.MetadataToken.ToInt32(),
    };
}

/// <summary>
/// Copies <see cref="ModuleTracker"/> into a module under a name of its own, rewriting its
/// placeholders. The template is plain C# compiled for netstandard2.0; copying its IL and
/// referencing what it uses means the module gains no assembly reference to FlowCover.
/// </summary>
internal static class TrackerInjector
{
    public const string TypeNamePrefix = "<FlowCover>ModuleTracker";

    private static readonly Lazy<TypeDefinition> Template = new(() =>
    {
        // Embedded by the project file (EmbedTrackerTemplate); Cecil reads the stream lazily.
        var stream = typeof(TrackerInjector).Assembly.GetManifestResourceStream("FlowCover.Runtime.dll")
            ?? throw new InvalidOperationException("FlowCover.Runtime.dll is not embedded in " + typeof(TrackerInjector).Assembly.GetName().Name);
        var module = ModuleDefinition.ReadModule(stream);
        return module.GetType(typeof(ModuleTracker).FullName);
    });

    private static readonly Lock TemplateLock = new();

    public static bool IsInstrumented(ModuleDefinition module) =>
        module.Types.Any(t => t.Name.StartsWith(TypeNamePrefix, StringComparison.Ordinal));

    /// <summary>Adds the tracker's rows to the module <paramref name="writer"/> patches; its
    /// bodies are encoded by <see cref="EncodeBodies"/> once the probes are
    /// numbered.</summary>
    public static InjectedTracker Inject(ModuleDefinition module, PatchingWriter writer)
    {
        var import = TrackerImport.Rows(writer, Template.Value, TypeNamePrefix);
        var pointer = new PointerType(module.TypeSystem.Byte);
        var hitsField = new FieldDefinition(nameof(ModuleTracker.Hits), FieldAttributes.Public | FieldAttributes.Static | FieldAttributes.InitOnly, pointer)
        {
            MetadataToken = new MetadataToken((uint)import.Hits),
        };
        return new InjectedTracker(hitsField, StandIn(module, nameof(ModuleTracker.Block), import, null, pointer),
            StandIn(module, nameof(ModuleTracker.Enter), import, module.TypeSystem.String), StandIn(module, nameof(ModuleTracker.Leave), import, null), import);
    }

    /// <summary>A static method of the tracker taking <paramref name="parameter"/> (or nothing)
    /// and returning <paramref name="returns"/> (or nothing).</summary>
    private static MethodDefinition StandIn(ModuleDefinition module, string name, TrackerImport import, TypeReference? parameter, TypeReference? returns = null)
    {
        var method = new MethodDefinition(name, MethodAttributes.Public | MethodAttributes.Static, returns ?? module.TypeSystem.Void)
        {
            MetadataToken = new MetadataToken((uint)import.MethodToken(name)),
        };
        if (parameter is not null)
            method.Parameters.Add(new ParameterDefinition(parameter));
        return method;
    }

    /// <summary>Encodes the tracker's bodies with the module's values in its placeholders.</summary>
    internal static void EncodeBodies(TrackerImport import, ILSection il, string moduleKey, int probeCount, CoverageMode mode, string dataDirectory, bool contexts)
    {
        var placeholders = new Dictionary<object, object>
        {
            [ModuleTracker.ModuleKeyPlaceholder] = moduleKey,
            [ModuleTracker.DataDirectoryPlaceholder] = BakedDirectory.Pad(dataDirectory),
            [ModuleTracker.ProbeCountPlaceholder] = probeCount,
            [ModuleTracker.ModePlaceholder] = (int)mode,
            [ModuleTracker.ContextsPlaceholder] = contexts ? 1 : 0,
        };
        // Encoding sets the offsets of the template's instructions: one module at a time.
        lock (TemplateLock)
            import.EncodeBodies(il, placeholders);
    }
}
