using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// What a filter sees of one method body before any probe is written: its instructions in
/// order, the sequence points that start at them, and what kind of compiler-generated body it is.
/// </summary>
public sealed class MethodContext
{
    private readonly Instruction[] _instructions;
    // The tables below, in arrays reused by the thread's next context (ThreadScratch).
    private readonly Tables _tables;
    // One past each instruction's index, at its IL offset (0 elsewhere), for offsets below _offsets.
    private readonly int[] _indexAtOffset;
    private readonly int _offsets;
    // By instruction index, for the first _instructions.Length entries.
    private readonly SequencePoint?[] _pointAt;
    private readonly SequencePoint?[] _covering;

    public MethodContext(MethodDefinition method, SourceFiles? sources = null)
    {
        Method = method;
        Sources = sources ?? new SourceFiles();
        // The IL offsets Cecil read are unique and ascending: an instruction's position is
        // found in a table by its offset, rather than in a per-method dictionary (garbage for
        // every body) or by binary search (a log factor on every lookup).
        _instructions = method.Body.Instructions.ToArray();
        Instructions = ImmutableCollectionsMarshal.AsImmutableArray(_instructions);
        var count = _instructions.Length;
        _offsets = count == 0 ? 0 : _instructions[^1].Offset + 1;
        _tables = ThreadScratch<Tables>.Take();
        _tables.Fit(count, _offsets);
        (_indexAtOffset, _pointAt, _covering) = (_tables.IndexAtOffset, _tables.PointAt, _tables.Covering);
        Array.Clear(_indexAtOffset, 0, _offsets);
        for (var i = 0; i < count; i++)
            _indexAtOffset[_instructions[i].Offset] = i + 1;
        Array.Clear(_pointAt, 0, count);
        foreach (var point in method.DebugInformation.SequencePoints)
            if (IndexAtOffset(point.Offset) is var i and >= 0)
                _pointAt[i] = point;
        SequencePoint? current = null;
        for (var i = 0; i < count; i++)
            _covering[i] = current = _pointAt[i] ?? current;
        Kickoff = method.DebugInformation.StateMachineKickOffMethod;
    }

    /// <summary>Gives this context's tables to the thread's next one. Nothing may be asked of
    /// this context after; its <see cref="Instructions"/> stay the caller's.</summary>
    public void Release()
    {
        Array.Clear(_tables.PointAt, 0, _instructions.Length); // Not to keep the points alive.
        Array.Clear(_tables.Covering, 0, _instructions.Length);
        ThreadScratch<Tables>.Give(_tables);
    }

    /// <summary>The arrays a context works in, grown to the largest body seen.</summary>
    private sealed class Tables
    {
        public int[] IndexAtOffset = [];
        public SequencePoint?[] PointAt = [], Covering = [];

        public void Fit(int count, int offsets)
        {
            if (IndexAtOffset.Length < offsets)
                IndexAtOffset = new int[Math.Max(offsets, 2 * IndexAtOffset.Length)];
            if (PointAt.Length < count)
                (PointAt, Covering) = (new SequencePoint?[Math.Max(count, 2 * PointAt.Length)], new SequencePoint?[Math.Max(count, 2 * PointAt.Length)]);
        }
    }

    public MethodDefinition Method { get; }

    /// <summary>The method's source text, for filters that need it.</summary>
    public SourceFiles Sources { get; }
    /// <summary>The body's instructions in order. An immutable array rather than a read-only
    /// list: filters walk every body many times, and a list's indexer and enumerator are
    /// interface calls.</summary>
    public ImmutableArray<Instruction> Instructions { get; }

    /// <summary>The user's method when this body is a state machine's MoveNext.</summary>
    public MethodDefinition? Kickoff { get; }

    public bool IsAsyncStateMachine => Kickoff is not null && HasAttribute(Kickoff, "AsyncStateMachineAttribute");
    public bool IsIteratorStateMachine => Kickoff is not null && HasAttribute(Kickoff, "IteratorStateMachineAttribute");
    public bool IsAsyncIteratorStateMachine => Kickoff is not null && HasAttribute(Kickoff, "AsyncIteratorStateMachineAttribute");

    public int IndexOf(Instruction instruction)
    {
        var index = IndexAtOffset(instruction.Offset);
        return index >= 0 && _instructions[index] == instruction
            ? index
            : throw new ArgumentException($"IL_{instruction.Offset:x4} is not an instruction of {Method.FullName}", nameof(instruction));
    }

    private int IndexAtOffset(int offset) => (uint)offset < (uint)_offsets ? _indexAtOffset[offset] - 1 : -1;

    /// <summary>Instructions control can jump to (branch targets, switch entries, handler
    /// starts): where straight-line reasoning about the stack must stop.</summary>
    public IReadOnlySet<Instruction> JumpTargets => _jumpTargets ??= new JumpTargetSet(this);

    private JumpTargetSet? _jumpTargets;

    /// <summary>The index of <paramref name="instruction"/> in this body, or -1 when it is not
    /// one of its instructions.</summary>
    internal int IndexOrMinusOne(Instruction instruction) =>
        IndexAtOffset(instruction.Offset) is var index and >= 0 && _instructions[index] == instruction ? index : -1;

    /// <summary>The sequence point that starts at an instruction, if one does.</summary>
    public SequencePoint? PointAt(Instruction instruction) => _pointAt[IndexOf(instruction)];

    /// <summary>The sequence point an instruction belongs to: the last one starting at or before
    /// it in IL order (possibly hidden).</summary>
    public SequencePoint? CoveringPoint(Instruction instruction) => _covering[IndexOf(instruction)];

    /// <summary>The statement an instruction belongs to for attributing a branch: the last
    /// visible sequence point at or before it in IL order. Code the compiler hides after a
    /// statement (a Debug condition temp reloaded, an await's resume, a switch dispatch) is
    /// still that statement's.</summary>
    public SequencePoint? StatementOf(Instruction instruction)
    {
        for (var i = IndexOf(instruction); i >= 0; i--)
            if (_covering[i] is { IsHidden: false } point)
                return point;
            else if (_covering[i] is null)
                return null;
        return null;
    }

    /// <summary>The sequence points in IL order, each with the instruction it starts at.</summary>
    public IReadOnlyList<(Instruction At, SequencePoint Point)> SequencePoints => _sequencePoints ??= ListSequencePoints();

    private List<(Instruction At, SequencePoint Point)>? _sequencePoints;

    private List<(Instruction At, SequencePoint Point)> ListSequencePoints()
    {
        var count = 0;
        for (var i = 0; i < _instructions.Length; i++)
            count += _pointAt[i] is null ? 0 : 1;
        var points = new List<(Instruction, SequencePoint)>(count);
        for (var i = 0; i < _instructions.Length; i++)
            if (_pointAt[i] is { } point)
                points.Add((_instructions[i], point));
        return points;
    }

    /// <summary>The unconditional jumps (<c>br</c>) to <paramref name="target"/>. A scan: it is
    /// asked only about the few branches filters look closer at.</summary>
    public IEnumerable<Instruction> JumpsTo(Instruction target)
    {
        foreach (var instruction in _instructions)
            if (instruction.OpCode.Code is Code.Br or Code.Br_S && instruction.Operand == target)
                yield return instruction;
    }

    /// <summary>The instructions from <paramref name="start"/> up to (not including) the next
    /// sequence point.</summary>
    public IEnumerable<Instruction> StatementFrom(Instruction start)
    {
        yield return start;
        for (var i = IndexOf(start) + 1; i < _instructions.Length && _pointAt[i] is null; i++)
            yield return _instructions[i];
    }

    internal static bool HasAttribute(ICustomAttributeProvider provider, string name) =>
        provider.HasCustomAttributes && provider.CustomAttributes.Any(a => a.AttributeType.Name == name);
}
