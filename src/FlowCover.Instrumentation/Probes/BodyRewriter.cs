using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Writing;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Probes;

/// <summary>
/// Puts a body's probes in and encodes it for the patching writer, keeping where each of its
/// original instructions went so the PDB can follow them.
/// </summary>
internal static class BodyRewriter
{
    public static RewrittenMethod Rewrite(ProbeEmitter emitter, PatchingWriter writer, InjectedTracker tracker, MethodDefinition method, BodyProbes probes)
    {
        var body = method.Body;
        var originalSize = body.CodeSize;
        // The planner's copy of the list, which nothing has changed since.
        var originals = probes.Original.Length == body.Instructions.Count
            ? probes.Original
            : throw new InvalidOperationException($"{method.FullName} changed between planning and probing");
        var oldOffsets = Array.ConvertAll(originals, i => i.Offset);
        var originalLocals = body.Variables.Count;
        var tokens = OperandTokens.Read(body, writer.OriginalBody(method.RVA), tracker.Tokens, deferred: writer.DeferredReferenceTo);
        ShortForms.WidenBranches(body);
        if (probes.Count > 0)
            emitter = emitter.For(body);
        var edits = new BodyEdits(body, originals, oldOffsets);
        foreach (var (branch, edges) in probes.EdgeProbes)
            emitter.InsertOnEdges(edits, branch, edges, probes.LineEdgeProbes.GetValueOrDefault(branch));
        foreach (var (branch, edges) in probes.LineEdgeProbes)
            if (!probes.EdgeProbes.ContainsKey(branch))
                emitter.InsertOnEdges(edits, branch, null, edges);
        foreach (var (value, outcomes) in probes.ValueProbes)
            emitter.Insert(edits, value, outcomes);
        for (var l = 0; l < probes.LineStarts.Length; l++)
        {
            if (probes.LineProbes[l] < 0)
                continue; // Implied by other probes (see ImpliedLineProbes).
            if (probes.OnFallThrough?[l] == true)
                emitter.InsertAtEntries(edits, [new EntryPlacement(probes.LineStarts[l], OnFallThrough: true)], probes.LineProbes[l]);
            else if (probes.LoopEntries.TryGetValue(probes.LineStarts[l], out var entries))
                emitter.InsertAtEntries(edits, entries, probes.LineProbes[l]);
            else
                emitter.InsertBefore(edits, probes.LineStarts[l], probes.LineProbes[l]);
        }
        edits.Apply();
        emitter.ReadBlock(body);
        var size = ShortForms.NarrowBranches(body);
        if (InliningHint.ShouldAsk(method, originalSize, size))
            method.AggressiveInlining = true;
        // Rows this body adds wait for the writer to finish, so they are numbered in the order of
        // the bodies, not of the threads (see DeferredRow); a placeholder token holds their place.
        var added = AddedLocals(body, originalLocals);
        var newLocals = added.Length == 0 ? null : writer.DeferredLocals(body.LocalVarToken.ToInt32(), added.Length, added);
        var locals = newLocals is null ? body.LocalVarToken.ToInt32() : 0x11000000;
        var encoded = BodyEncoder.Encode(body, tokens, locals);
        var offsets = new MethodOffsets(oldOffsets, Array.ConvertAll(originals, i => i.Offset), originalSize, size, locals & 0xFFFFFF);
        return new RewrittenMethod((int)method.MetadataToken.RID, encoded, offsets, (ushort)method.ImplAttributes)
        {
            Locals = newLocals,
            Fixups = tokens.Fixups(body, encoded),
        };
    }

    /// <summary>Lets go of Cecil's view of a body once it is encoded: its instructions, locals,
    /// handlers and debug information (Cecil drops the last with the body). Emptying them
    /// instead would keep a few dozen objects a body alive to the end. What
    /// is asked of the body later is kept first (<see cref="Model.ReleasedBodies"/>): asking Cecil for
    /// a dropped body's debug information reads the body again.</summary>
    public static void Release(MethodDefinition method) => method.Body = null;

    /// <summary>The element types (ECMA-335 II.23.1.16) of the locals probes added: booleans
    /// (see ProbeEmitter) and the native int that holds the thread's block.</summary>
    private static byte[] AddedLocals(MethodBody body, int originalLocals)
    {
        var added = new byte[body.Variables.Count - originalLocals];
        for (var k = 0; k < added.Length; k++)
        {
            var type = body.Variables[originalLocals + k].VariableType;
            added[k] = type.MetadataType switch
            {
                MetadataType.Boolean => 0x02,
                MetadataType.IntPtr => 0x18,
                _ => throw new InvalidOperationException($"a probe added a local of type {type} to {body.Method.FullName}"),
            };
        }
        return added;
    }
}
