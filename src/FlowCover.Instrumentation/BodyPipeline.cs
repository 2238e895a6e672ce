using FlowCover.Data;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Model;
using FlowCover.Instrumentation.Probes;
using FlowCover.Instrumentation.Writing;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>One method body on its way through <see cref="BodyPipeline"/>: what each stage
/// leaves for the next.</summary>
internal sealed class BodyInProgress(MethodDefinition method)
{
    public MethodDefinition Method { get; } = method;

    /// <summary>Left by <see cref="BodyPipeline.Plan"/> when the body has anything measured,
    /// numbered within the body; dropped by <see cref="BodyPipeline.Encode"/>.</summary>
    public BodyProbes? Probes { get; set; }

    /// <summary>Left by <see cref="BodyPipeline.Number"/>: the probes in the module's numbering.</summary>
    public NumberedBody? Numbered { get; set; }

    /// <summary>Left by <see cref="BodyPipeline.Encode"/>: the probed body, encoded.</summary>
    public RewrittenMethod? Rewritten { get; set; }

    /// <summary>Left by <see cref="BodyPipeline.Encode"/> for the model, which asks for them after
    /// Cecil let go of the body: the user's method it belongs to, and its statements when a
    /// lambda's line is looked up in them.</summary>
    public (MethodDefinition Kickoff, StatementSpan[] Statements)? Released { get; set; }
}

/// <summary>
/// The stages each method body of one module goes through, named in the order they run
/// (<see cref="MethodWork.ForEachReadInOrder{T}"/> runs them): <see cref="Read"/> in metadata
/// order, <see cref="Plan"/> on any core, <see cref="Number"/> in metadata order (probe numbers
/// are a running total), <see cref="Encode"/> on any core. Cecil reads bodies and debug
/// information lazily, one at a time under a module lock: they are read in order, each is
/// planned on another core while the next is read, and let go once encoded, so Cecil's view of
/// a large assembly never has to be whole in memory.
/// </summary>
internal sealed class BodyPipeline(
    MethodSelection selection, MethodPlanner planner, InstrumentOptions options, ModuleModelBuilder builder,
    ProbeEmitter emitter, PatchingWriter writer, InjectedTracker tracker, Func<MethodDefinition, bool> keepStatements, SourceFiles sources)
{
    private readonly NonThrowingCode _nonThrowing = new();

    // The document whose parse Read started last: the bodies of a file come one after another.
    private Document? _parsing;

    /// <summary>Reads the body (Cecil reads it when asked); whether it is user code with
    /// statements, the bodies the later stages see. A record struct's primary constructor, which
    /// has no sequence point, is given the one its declaration stands for. The body's file starts
    /// being parsed when the body has a decision (whose outcomes the source names), for the
    /// planning of this body and the next. Nothing here waits for a parse but that rare
    /// constructor.</summary>
    public bool Read(BodyInProgress body)
    {
        if (!selection.IsUserCode(body.Method)
            || !body.Method.DebugInformation.HasSequencePoints && !PrimaryConstructorPoints.Give(body.Method, sources))
            return false;
        StartParsing(body.Method, sources, ref _parsing);
        return true;
    }

    /// <summary>Starts parsing the file of the method's first statement, unless it is
    /// <paramref name="last"/>, the one started before, or the method has no decision and so
    /// will not ask for it (a file none of whose bodies has a decision is parsed only if a method
    /// asks for it). Read runs one body at a time.</summary>
    public static void StartParsing(MethodDefinition method, SourceFiles sources, ref Document? last)
    {
        foreach (var point in method.DebugInformation.SequencePoints)
        {
            if (point.IsHidden)
                continue;
            if (point.Document != last && HasDecision(method))
                sources.StartParsing(last = point.Document);
            return;
        }
    }

    private static bool HasDecision(MethodDefinition method)
    {
        foreach (var instruction in method.Body.Instructions)
            if (instruction.OpCode.FlowControl == FlowControl.Cond_Branch)
                return true;
        return false;
    }

    /// <summary>Decides what to probe and numbers the probes within the body. A Release
    /// <c>switch</c> on a local is first given the point of its header, which the source tells:
    /// here, on any core, rather than in the reading, which runs one body at a time and would
    /// wait there for the file's parse.</summary>
    public void Plan(BodyInProgress body)
    {
        _ = SwitchHeaderPoints.Give(body.Method, sources);
        body.Probes = planner.Plan(body.Method, sources, _nonThrowing, out var code) is { } plan
            ? BodyProbes.Number(body.Method, plan, code, options.ShareProbes, options.Mode == CoverageMode.Count)
            : null;
    }

    /// <summary>Moves the body's probes to the module's numbering.</summary>
    public void Number(BodyInProgress body)
    {
        if (body.Probes is { } probes)
            body.Numbered = builder.Number(body.Method, probes);
    }

    /// <summary>Inserts the probes, encodes the body and lets Cecil's view of it go, keeping
    /// what the model asks of it later. Planners of other bodies may still read this one as a
    /// callee: <see cref="NonThrowingCode.DecidedBeforeChanging"/> keeps them off it meanwhile.</summary>
    public void Encode(BodyInProgress body) => _nonThrowing.DecidedBeforeChanging(body.Method, () =>
    {
        var method = body.Method;
        if (body.Probes is { } probes)
            body.Rewritten = BodyRewriter.Rewrite(emitter, writer, tracker, method, probes);
        body.Probes = null;
        body.Released = (SourceNames.KickoffOf(method), keepStatements(method) ? StatementSpan.Of(method) : []);
        BodyRewriter.Release(method);
    });
}
