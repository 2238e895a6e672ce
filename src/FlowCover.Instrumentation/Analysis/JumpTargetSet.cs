using System.Collections;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The instructions of one body that control can jump to (<see cref="MethodContext.JumpTargets"/>),
/// as one flag per instruction index rather than a hash set: every body with a filter asks for
/// them, and a set's entries and buckets, grown as targets are added, were garbage of about 20
/// bytes per target for each. Filters only ask <see cref="Contains"/>; the rest of the set's
/// questions are answered from a copy made when asked.
/// </summary>
internal sealed class JumpTargetSet : IReadOnlySet<Instruction>
{
    private readonly MethodContext _method;
    private readonly bool[] _isTarget;
    private HashSet<Instruction>? _copy;

    public JumpTargetSet(MethodContext method)
    {
        _method = method;
        var instructions = method.Instructions;
        _isTarget = new bool[instructions.Length];
        foreach (var instruction in instructions)
        {
            if (instruction.Operand is Instruction target)
                Mark(target);
            else if (instruction.Operand is Instruction[] table)
                foreach (var entry in table)
                    Mark(entry);
        }
        foreach (var handler in method.Method.Body.ExceptionHandlers)
            foreach (var boundary in (ReadOnlySpan<Instruction?>)[handler.TryStart, handler.HandlerStart, handler.FilterStart, handler.HandlerEnd, handler.TryEnd])
                Mark(boundary);
    }

    private void Mark(Instruction? instruction)
    {
        if (instruction is not null && _method.IndexOrMinusOne(instruction) is var i and >= 0 && !_isTarget[i])
        {
            _isTarget[i] = true;
            Count++;
        }
    }

    public int Count { get; private set; }

    public bool Contains(Instruction item) => item is not null && _method.IndexOrMinusOne(item) is var i and >= 0 && _isTarget[i];

    public IEnumerator<Instruction> GetEnumerator()
    {
        for (var i = 0; i < _isTarget.Length; i++)
            if (_isTarget[i])
                yield return _method.Instructions[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private HashSet<Instruction> Copy() => _copy ??= [.. this];

    public bool IsProperSubsetOf(IEnumerable<Instruction> other) => Copy().IsProperSubsetOf(other);
    public bool IsProperSupersetOf(IEnumerable<Instruction> other) => Copy().IsProperSupersetOf(other);
    public bool IsSubsetOf(IEnumerable<Instruction> other) => Copy().IsSubsetOf(other);
    public bool IsSupersetOf(IEnumerable<Instruction> other) => Copy().IsSupersetOf(other);
    public bool Overlaps(IEnumerable<Instruction> other) => Copy().Overlaps(other);
    public bool SetEquals(IEnumerable<Instruction> other) => Copy().SetEquals(other);
}
