using FlowCover.Data;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Probes;

/// <summary>
/// Writes probes into a method body. A probe is stack-neutral IL, so it may stand anywhere a
/// statement or branch edge begins, even with values on the evaluation stack, held as one
/// <see cref="ProbeCode"/> instruction until the body is encoded. Set mode stores
/// <c>Hits[i] = 1</c> (five instructions, no call). Count mode and contexts store through the
/// thread's block (docs/per-thread-blocks.md), which a body reads once, at its start, into a
/// local of its own (<see cref="For"/>, <see cref="ReadBlock"/>): count mode increments
/// <c>((long*)block)[i]</c>, contexts store <c>block[i] = 1</c> and read the block again after
/// whatever may have changed the thread's context (<see cref="BlockReloads"/>). In count mode, a
/// body that calls methods of its own module reads the block at each probe instead (see
/// <see cref="KeepsBlock"/>).
/// </summary>
/// <param name="block">The body's copy of the thread's block; null on the emitter shared by the
/// module's bodies, which <see cref="For"/> gives one per body, and in a body that keeps none.</param>
/// <param name="forBody">Whether this is a body's emitter (made by <see cref="For"/>).</param>
internal sealed class ProbeEmitter(InjectedTracker tracker, CoverageMode mode, bool contexts = false, VariableDefinition? block = null, bool forBody = false)
{
    private readonly bool _throughBlock = mode == CoverageMode.Count || contexts;

    /// <summary>The emitter of one body's probes: in count mode and with contexts, with a local of
    /// its own to hold the thread's block (a native int, added to <paramref name="body"/>) where
    /// it keeps one.</summary>
    public ProbeEmitter For(MethodBody body)
    {
        if (!_throughBlock)
            return this;
        if (!KeepsBlock(body))
            return new ProbeEmitter(tracker, mode, contexts, null, forBody: true);
        var local = new VariableDefinition(body.Method.Module.TypeSystem.IntPtr);
        body.Variables.Add(local);
        return new ProbeEmitter(tracker, mode, contexts, local, forBody: true);
    }

    /// <summary>
    /// Whether the body keeps the thread's block in a local. With contexts, always. In count mode,
    /// unless it calls a method of its own module: the JIT inlines the small ones, each reading
    /// the block at its start and falling back on a call when the thread has none yet, so in a
    /// loop over such calls the caller's copy is one more register held across those calls, and
    /// the JIT spilled the loop's own variables to the stack for it (bench: Adler-32 1.3 times
    /// slower than a read per probe, Collatz, whose loops call nothing, 1.2 times faster).
    /// </summary>
    private bool KeepsBlock(MethodBody body) =>
        contexts || !body.Instructions.Any(i => i.OpCode.FlowControl == FlowControl.Call
            && i.Operand is MethodReference { DeclaringType: { } type } && type.Scope == body.Method.Module);

    /// <summary>
    /// Set mode <c>Hits[i] = 1</c>, one byte store: a set-mode probe loads <c>Hits</c> itself, a
    /// static readonly field of a class that is initialised by the time a method is optimised, so
    /// the JIT turns every probe into one store to a constant address, with no register to keep
    /// and nothing to reload after a store that might alias it (inlined callees included). Count
    /// mode and contexts: the store through the body's local, which the JIT keeps in a register.
    /// </summary>
    public IReadOnlyList<Instruction> Create(int probe) =>
        [!_throughBlock ? ProbeCode.Create(tracker.Tokens[tracker.Hits], probe)
            : forBody ? ProbeCode.Through(block, mode == CoverageMode.Count, tracker.Tokens[tracker.Block], probe)
            : throw new InvalidOperationException("a probe through the block needs the body's emitter (For)")];

    /// <summary>Once the probes are laid out: reads the thread's block into the body's local at its
    /// start (<c>call Block; stloc block</c>, before anything a branch can reach), and with contexts
    /// marks the probes that must read it again.</summary>
    public void ReadBlock(MethodBody body)
    {
        if (block is null)
            return;
        body.Instructions.Insert(0, Instruction.Create(OpCodes.Call, tracker.Block));
        body.Instructions.Insert(1, ShortForms.StoreLocal(block));
        if (contexts)
            BlockReloads.Mark(body, tracker.Block);
    }

    /// <summary>Runs a probe whenever <paramref name="at"/> is reached, however it is reached.</summary>
    public void InsertBefore(BodyEdits edits, Instruction at, int probe) => edits.InsertBefore(at, Create(probe));

    /// <summary>Runs a probe on each way into a loop instead of at its header.</summary>
    public void InsertAtEntries(BodyEdits edits, IReadOnlyList<EntryPlacement> entries, int probe)
    {
        foreach (var entry in entries)
        {
            if (entry.OnFallThrough)
                edits.InsertOnFallThrough(entry.At, Create(probe));
            else
                edits.InsertBefore(entry.At, Create(probe));
        }
    }

    /// <summary>Writes a value probe; <paramref name="probes"/> follow its label order.</summary>
    public void Insert(BodyEdits edits, ValueProbe value, IReadOnlyList<int> probes)
    {
        switch (value)
        {
            case StackValueProbe:
                // The boolean on the stack, however control gets to At.
                edits.InsertBefore(value.At, BooleanProbe(probes[0], probes[1]));
                break;
            case FallThroughValueProbe:
                edits.InsertOnFallThrough(value.At, BooleanProbe(probes[0], probes[1]));
                break;
            case ComputedValueProbe computed:
                // Push the value, probe it, pop it.
                edits.InsertBefore(value.At, [.. computed.Compute, .. BooleanProbe(probes[0], probes[1]), Instruction.Create(OpCodes.Pop)]);
                break;
            case ArmValuesProbe arms:
                // The same probes at the end of each arm.
                edits.InsertBefore(arms.At, BooleanProbe(probes[0], probes[1]));
                if (arms.OtherFallsInto)
                    edits.InsertOnFallThrough(arms.Other, BooleanProbe(probes[0], probes[1]));
                else
                    edits.InsertBefore(arms.Other, BooleanProbe(probes[0], probes[1]));
                break;
            case EagerChainProbe chain:
                InsertEagerChainProbe(edits, chain, probes);
                break;
            case RangeLabelsProbe range:
                InsertRangeLabelsProbe(edits, range, probes);
                break;
        }
    }

    /// <summary>
    /// Records the operands of an eager <c>and</c>/<c>or</c> chain as short-circuit evaluation
    /// would have met them. Each operand's value is kept as it is pushed (<c>dup; stloc t</c>), or,
    /// for one already on the stack (<see cref="EagerChainProbe.Entered"/>), as control enters
    /// its instruction; after the chain, the short-circuit evaluation is replayed over the copies
    /// with a probe on each operand it reaches (but those only read to steer it,
    /// <see cref="EagerChainProbe.Unprobed"/>), and leaves the stack as it found it. For
    /// <c>a &amp;&amp; b || c</c>:
    /// <code>
    /// ldloc ta; [probe]; brfalse C; ldloc tb; [probe]; brtrue DONE;
    /// C: ldloc tc; [probe]; brtrue DONE; br DONE; DONE: nop
    /// </code>
    /// </summary>
    private void InsertEagerChainProbe(BodyEdits edits, EagerChainProbe chain, IReadOnlyList<int> probes)
    {
        var copies = new VariableDefinition[chain.Leaves.Count];
        for (var k = 0; k < copies.Length; k++)
        {
            copies[k] = new VariableDefinition(edits.Body.Method.Module.TypeSystem.Boolean);
            edits.Body.Variables.Add(copies[k]);
        }
        // Copies after a push first: a copy on entry takes over its instruction's object
        // (BodyEdits.InsertBefore), which may also push another leaf (`!(a() || b()) && c`: `c`).
        for (var k = 0; k < copies.Length; k++)
            if (!chain.Entered.Contains(k))
                edits.InsertAfter(chain.Leaves[k], [Instruction.Create(OpCodes.Dup), ShortForms.StoreLocal(copies[k])]);
        for (var k = 0; k < copies.Length; k++)
            if (chain.Entered.Contains(k))
                edits.InsertBefore(chain.Leaves[k], [Instruction.Create(OpCodes.Dup), ShortForms.StoreLocal(copies[k])]);
        var probeOf = new int[copies.Length];
        var next = 0;
        for (var k = 0; k < copies.Length; k++)
            probeOf[k] = chain.Unprobed.Contains(k) ? -1 : next++;
        var done = Instruction.Create(OpCodes.Nop);
        var replay = new List<Instruction>();
        Replay(chain.Tree, done, done, copies, probeOf, probes, replay);
        replay.Add(done);
        edits.InsertAfter(chain.At, replay);
    }

    /// <summary>Short-circuit evaluation of <paramref name="node"/>: jumps to
    /// <paramref name="whenTrue"/> or <paramref name="whenFalse"/>, probing each operand it reads
    /// whose probe pair <paramref name="probeOf"/> gives (its index among the probed leaves; -1 for none).</summary>
    private void Replay(EagerOperand node, Instruction whenTrue, Instruction whenFalse, VariableDefinition[] copies, int[] probeOf, IReadOnlyList<int> probes, List<Instruction> code)
    {
        switch (node)
        {
            case EagerLeaf leaf:
                code.Add(ShortForms.LoadLocal(copies[leaf.Index]));
                if (probeOf[leaf.Index] is var pair and >= 0)
                    code.AddRange(BooleanProbe(probes[2 * pair], probes[2 * pair + 1]));
                code.Add(Instruction.Create(OpCodes.Brtrue, whenTrue));
                code.Add(Instruction.Create(OpCodes.Br, whenFalse));
                break;
            case EagerCombination { IsOr: false } and:
                var right = new List<Instruction>();
                Replay(and.Right, whenTrue, whenFalse, copies, probeOf, probes, right);
                Replay(and.Left, right[0], whenFalse, copies, probeOf, probes, code);
                code.AddRange(right);
                break;
            case EagerCombination or:
                var rest = new List<Instruction>();
                Replay(or.Right, whenTrue, whenFalse, copies, probeOf, probes, rest);
                Replay(or.Left, whenTrue, rest[0], copies, probeOf, probes, code);
                code.AddRange(rest);
                break;
        }
    }

    /// <summary>
    /// Before a folded range check, records which value in the range matched:
    /// <code>
    /// v; ldc first; sub; ldc count-1; ble.un IN; br SKIP
    /// IN: v; ldc first; beq P0; v; ldc first+1; beq P1; ...; br SKIP
    /// P0: probe; br SKIP ...   SKIP: (the range check itself)
    /// </code>
    /// </summary>
    private void InsertRangeLabelsProbe(BodyEdits edits, RangeLabelsProbe range, IReadOnlyList<int> probes)
    {
        Instruction Load() => InstructionCopy.Of(range.Load);
        var skip = Instruction.Create(OpCodes.Nop);
        var inRange = Load();
        var code = new List<Instruction>
        {
            Load(), ShortForms.LoadConstant(range.First), Instruction.Create(OpCodes.Sub),
            ShortForms.LoadConstant(range.Count - 1), Instruction.Create(OpCodes.Ble_Un, inRange),
            Instruction.Create(OpCodes.Br, skip),
        };
        var stubs = new List<Instruction>();
        for (var k = 0; k < range.Count; k++)
        {
            var probe = Create(probes[k]);
            code.AddRange([k == 0 ? inRange : Load(), ShortForms.LoadConstant(range.First + k), Instruction.Create(OpCodes.Beq, probe[0])]);
            stubs.AddRange(probe);
            stubs.Add(Instruction.Create(OpCodes.Br, skip));
        }
        code.Add(Instruction.Create(OpCodes.Br, skip));
        code.AddRange(stubs);
        code.Add(skip);
        edits.InsertBefore(range.At, code);
    }

    /// <summary>Records which way the boolean on top of the stack goes and leaves it there:
    /// <c>dup; brtrue T; probe(false); br J; T: probe(true); J: nop</c>.</summary>
    private List<Instruction> BooleanProbe(int probeTrue, int probeFalse)
    {
        var whenTrue = Create(probeTrue);
        var join = Instruction.Create(OpCodes.Nop);
        var code = new List<Instruction> { Instruction.Create(OpCodes.Dup), Instruction.Create(OpCodes.Brtrue, whenTrue[0]) };
        code.AddRange(Create(probeFalse));
        code.Add(Instruction.Create(OpCodes.Br, join));
        code.AddRange(whenTrue);
        code.Add(join);
        return code;
    }

    /// <summary>
    /// Probes the outcomes of a conditional branch or switch. Each outcome edge gets a stub
    /// placed right after the branch (so it stays in the same protected region):
    /// <code>
    ///     brX   stub_taken            switch (stub_1 .. stub_n)
    ///     probe(fall-through)         probe(default)
    ///     br    next                  br next
    /// stub_taken: probe; br target    stub_k: probe; br target_k
    /// next: ...
    /// </code>
    /// <paramref name="probes"/> has one entry per edge: index 0 is the fall-through, then the
    /// taken edge (or each switch table entry in order); -1 leaves an edge unprobed (null: all);
    /// <paramref name="also"/>, per edge, the statements' probes counted there too.
    /// </summary>
    public void InsertOnEdges(BodyEdits edits, Instruction branch, IReadOnlyList<int>? probes, IReadOnlyList<int[]>? also = null)
    {
        var next = branch.Next;
        var targets = branch.Operand is Instruction[] table ? table : [(Instruction)branch.Operand];
        var emitted = new List<Instruction>();
        emitted.AddRange(OnEdge(probes, also, 0));
        emitted.Add(Instruction.Create(OpCodes.Br, next));
        var stubs = new Instruction[targets.Length];
        for (var k = 0; k < targets.Length; k++)
        {
            var stub = OnEdge(probes, also, k + 1);
            if (stub.Count == 0)
            {
                stubs[k] = targets[k];
                continue;
            }
            stubs[k] = stub[0];
            emitted.AddRange(stub);
            emitted.Add(Instruction.Create(OpCodes.Br, targets[k]));
        }
        edits.InsertAfter(branch, emitted);
        var isSwitch = branch.Operand is Instruction[];
        branch.Operand = isSwitch ? stubs : stubs[0];
    }

    /// <summary>The probes on edge <paramref name="edge"/>: an outcome's (none is -1), then those
    /// of the statements counted on that edge (<see cref="LineSite.Through"/>).</summary>
    private List<Instruction> OnEdge(IReadOnlyList<int>? probes, IReadOnlyList<int[]>? also, int edge)
    {
        var code = new List<Instruction>();
        if (probes is not null && probes[edge] >= 0)
            code.AddRange(Create(probes[edge]));
        if (also is not null)
            foreach (var probe in also[edge])
                code.AddRange(Create(probe));
        return code;
    }
}
