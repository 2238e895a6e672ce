using FlowCover.Data;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Writes probes into a method body. A probe is stack-neutral IL, so it may stand anywhere a
/// statement or branch edge begins, even with values on the evaluation stack:
/// set mode <c>Hits[i] = 1</c> (five instructions, no call), count mode <c>Count(i)</c>.
/// </summary>
internal sealed class ProbeEmitter(InjectedTracker tracker, CoverageMode mode)
{
    private VariableDefinition? _hits;

    /// <summary>
    /// Starts a method: the counters' address is loaded from the tracker once, into a local, by
    /// code put ahead of the first instruction (nothing jumps to it). Reloading the static field
    /// at every probe would cost a second memory access each time, since a store through the
    /// pointer could alias it and the JIT must assume it does.
    /// </summary>
    public void BeginMethod(MethodBody body)
    {
        _hits = new VariableDefinition(tracker.Hits.FieldType);
        body.Variables.Add(_hits);
        var first = body.Instructions[0];
        var il = body.GetILProcessor();
        il.InsertBefore(first, Instruction.Create(OpCodes.Ldsfld, tracker.Hits));
        il.InsertBefore(first, Instruction.Create(OpCodes.Stloc, _hits));
    }

    /// <summary>Set mode <c>hits[i] = 1</c>, one byte store; count mode <c>Count(hits, i)</c>.</summary>
    public IReadOnlyList<Instruction> Create(int probe)
    {
        var hits = _hits ?? throw new InvalidOperationException("BeginMethod first");
        return mode == CoverageMode.Count
            ? [Instruction.Create(OpCodes.Ldloc, hits), Instruction.Create(OpCodes.Ldc_I4, probe), Instruction.Create(OpCodes.Call, tracker.Count)]
            :
            [
                Instruction.Create(OpCodes.Ldloc, hits),
                Instruction.Create(OpCodes.Ldc_I4, probe),
                Instruction.Create(OpCodes.Add),
                Instruction.Create(OpCodes.Ldc_I4_1),
                Instruction.Create(OpCodes.Stind_I1),
            ];
    }

    /// <summary>Runs a probe whenever <paramref name="at"/> is reached, however it is reached.</summary>
    public void InsertBefore(MethodBody body, Instruction at, int probe) => InsertCodeBefore(body, at, Create(probe));

    /// <summary>Writes a value probe; <paramref name="probes"/> follow its label order.</summary>
    public void Insert(MethodBody body, ValueProbe value, IReadOnlyList<int> probes)
    {
        switch (value)
        {
            case StackValueProbe:
                InsertValueProbe(body, value.At, probes[0], probes[1]);
                break;
            case FallThroughValueProbe:
                InsertValueProbeOnFallThrough(body, value.At, probes[0], probes[1]);
                break;
            case ComputedValueProbe computed:
                InsertComputedValueProbe(body, value.At, computed.Compute, probes[0], probes[1]);
                break;
            case OperandsProbe operands:
                InsertOperandsProbe(body, operands, probes);
                break;
            case RangeLabelsProbe range:
                InsertRangeLabelsProbe(body, range, probes);
                break;
        }
    }

    /// <summary>
    /// Records which way a boolean on top of the stack at <paramref name="at"/> goes, leaving it
    /// there: <c>dup; brtrue T; probe(false); br at; T: probe(true); at: ...</c>.
    /// </summary>
    private void InsertValueProbe(MethodBody body, Instruction at, int probeTrue, int probeFalse)
    {
        var whenTrue = Create(probeTrue);
        var code = new List<Instruction> { Instruction.Create(OpCodes.Dup), Instruction.Create(OpCodes.Brtrue, whenTrue[0]) };
        code.AddRange(Create(probeFalse));
        var rejoin = Instruction.Create(OpCodes.Br, at); // retargeted below to the moved original
        code.Add(rejoin);
        code.AddRange(whenTrue);
        var original = InsertCodeBefore(body, at, code);
        rejoin.Operand = original;
    }

    /// <summary>
    /// Runs <paramref name="compute"/> (which pushes one boolean) before <paramref name="at"/>,
    /// records which way it went and pops it: <c>compute; dup; brtrue T; probe(false); br J;
    /// T: probe(true); J: pop; at: ...</c>.
    /// </summary>
    private void InsertComputedValueProbe(MethodBody body, Instruction at, IReadOnlyList<Instruction> compute, int probeTrue, int probeFalse)
    {
        var whenTrue = Create(probeTrue);
        var join = Instruction.Create(OpCodes.Pop);
        var code = new List<Instruction>(compute) { Instruction.Create(OpCodes.Dup), Instruction.Create(OpCodes.Brtrue, whenTrue[0]) };
        code.AddRange(Create(probeFalse));
        code.Add(Instruction.Create(OpCodes.Br, join));
        code.AddRange(whenTrue);
        code.Add(join);
        InsertCodeBefore(body, at, code);
    }

    /// <summary>
    /// Like <see cref="InsertValueProbe"/>, but only on the path that falls into
    /// <paramref name="at"/> from the instruction before it; jumps to <paramref name="at"/> skip it.
    /// </summary>
    private void InsertValueProbeOnFallThrough(MethodBody body, Instruction at, int probeTrue, int probeFalse)
    {
        var whenTrue = Create(probeTrue);
        var code = new List<Instruction> { Instruction.Create(OpCodes.Dup), Instruction.Create(OpCodes.Brtrue, whenTrue[0]) };
        code.AddRange(Create(probeFalse));
        code.Add(Instruction.Create(OpCodes.Br, at));
        code.AddRange(whenTrue);
        var il = body.GetILProcessor();
        var last = at.Previous;
        foreach (var instruction in code)
        {
            il.InsertAfter(last, instruction);
            last = instruction;
        }
    }

    /// <summary>
    /// Records the operands of an eager <c>and</c>/<c>or</c> as two conditions, the right one
    /// only when short-circuiting would have evaluated it, and leaves both for the operator:
    /// <code>
    /// stloc r; stloc l; ldloc l; [probe l]; dup; brtrue|brfalse SKIP (|| / &amp;&amp;);
    /// ldloc r; [probe r]; pop; SKIP: ldloc r; and|or
    /// </code>
    /// </summary>
    private void InsertOperandsProbe(MethodBody body, OperandsProbe operands, IReadOnlyList<int> probes)
    {
        var boolean = body.Method.Module.TypeSystem.Boolean;
        var left = new VariableDefinition(boolean);
        var right = new VariableDefinition(boolean);
        body.Variables.Add(left);
        body.Variables.Add(right);
        var skip = Instruction.Create(OpCodes.Ldloc, right);
        var code = new List<Instruction> { Instruction.Create(OpCodes.Stloc, right), Instruction.Create(OpCodes.Stloc, left), Instruction.Create(OpCodes.Ldloc, left) };
        code.AddRange(BooleanProbe(probes[0], probes[1]));
        code.Add(Instruction.Create(OpCodes.Dup));
        code.Add(Instruction.Create(operands.IsOr ? OpCodes.Brtrue : OpCodes.Brfalse, skip));
        code.Add(Instruction.Create(OpCodes.Ldloc, right));
        code.AddRange(BooleanProbe(probes[2], probes[3]));
        code.Add(Instruction.Create(OpCodes.Pop));
        code.Add(skip);
        InsertCodeBefore(body, operands.At, code);
    }

    /// <summary>
    /// Before a folded range check, records which value in the range matched:
    /// <code>
    /// v; ldc first; sub; ldc count-1; ble.un IN; br SKIP
    /// IN: v; ldc first; beq P0; v; ldc first+1; beq P1; ...; br SKIP
    /// P0: probe; br SKIP ...   SKIP: (the range check itself)
    /// </code>
    /// </summary>
    private void InsertRangeLabelsProbe(MethodBody body, RangeLabelsProbe range, IReadOnlyList<int> probes)
    {
        Instruction Load() => InstructionCopy.Of(range.Load);
        var skip = Instruction.Create(OpCodes.Nop);
        var inRange = Load();
        var code = new List<Instruction>
        {
            Load(), Instruction.Create(OpCodes.Ldc_I4, range.First), Instruction.Create(OpCodes.Sub),
            Instruction.Create(OpCodes.Ldc_I4, range.Count - 1), Instruction.Create(OpCodes.Ble_Un, inRange),
            Instruction.Create(OpCodes.Br, skip),
        };
        var stubs = new List<Instruction>();
        for (var k = 0; k < range.Count; k++)
        {
            var probe = Create(probes[k]);
            code.AddRange([k == 0 ? inRange : Load(), Instruction.Create(OpCodes.Ldc_I4, range.First + k), Instruction.Create(OpCodes.Beq, probe[0])]);
            stubs.AddRange(probe);
            stubs.Add(Instruction.Create(OpCodes.Br, skip));
        }
        code.Add(Instruction.Create(OpCodes.Br, skip));
        code.AddRange(stubs);
        code.Add(skip);
        InsertCodeBefore(body, range.At, code);
    }

    /// <summary><c>dup; brtrue T; probe(false); br J; T: probe(true); J:</c> — leaves the
    /// boolean on the stack.</summary>
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
    /// Puts <paramref name="code"/> in front of <paramref name="at"/> so it runs however
    /// <paramref name="at"/> is reached: the code's first instruction takes over the instruction
    /// object itself (which every branch, handler boundary and sequence point already
    /// references) and the original instruction moves after the code. Returns the moved original.
    /// </summary>
    private static Instruction InsertCodeBefore(MethodBody body, Instruction at, IReadOnlyList<Instruction> code)
    {
        var moved = InstructionCopy.Of(at);
        at.OpCode = code[0].OpCode;
        at.Operand = code[0].Operand;
        foreach (var instruction in code.Where(i => i.Operand == code[0]))
            instruction.Operand = at;
        var il = body.GetILProcessor();
        var last = at;
        foreach (var instruction in code.Skip(1).Append(moved))
        {
            il.InsertAfter(last, instruction);
            last = instruction;
        }
        return moved;
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
    /// taken edge (or each switch table entry in order); -1 leaves an edge unprobed.
    /// </summary>
    public void InsertOnEdges(MethodBody body, Instruction branch, IReadOnlyList<int> probes)
    {
        var il = body.GetILProcessor();
        var next = branch.Next;
        var targets = branch.Operand is Instruction[] table ? table : [(Instruction)branch.Operand];
        var emitted = new List<Instruction>();
        if (probes[0] >= 0)
            emitted.AddRange(Create(probes[0]));
        emitted.Add(Instruction.Create(OpCodes.Br, next));
        var stubs = new Instruction[targets.Length];
        for (var k = 0; k < targets.Length; k++)
        {
            if (probes[k + 1] < 0)
            {
                stubs[k] = targets[k];
                continue;
            }
            var stub = Create(probes[k + 1]);
            stubs[k] = stub[0];
            emitted.AddRange(stub);
            emitted.Add(Instruction.Create(OpCodes.Br, targets[k]));
        }
        var last = branch;
        foreach (var instruction in emitted)
        {
            il.InsertAfter(last, instruction);
            last = instruction;
        }
        branch.Operand = branch.Operand is Instruction[] ? stubs : stubs[0];
    }
}
