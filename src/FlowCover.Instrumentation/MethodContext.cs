using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// What a filter sees of one method body before any probe is written: its instructions in
/// order, the sequence points that start at them, and what kind of compiler-generated body it is.
/// </summary>
public sealed class MethodContext
{
    private readonly Dictionary<Instruction, int> _index = [];
    private readonly Dictionary<Instruction, SequencePoint> _pointsAt = [];
    private readonly SequencePoint?[] _covering;

    public MethodContext(MethodDefinition method, SourceFiles? sources = null)
    {
        Method = method;
        Sources = sources ?? new SourceFiles();
        Instructions = method.Body.Instructions.ToList();
        for (var i = 0; i < Instructions.Count; i++)
            _index[Instructions[i]] = i;
        var byOffset = Instructions.ToDictionary(i => i.Offset);
        foreach (var point in method.DebugInformation.SequencePoints)
            if (byOffset.TryGetValue(point.Offset, out var at))
                _pointsAt[at] = point;
        _covering = new SequencePoint?[Instructions.Count];
        SequencePoint? current = null;
        for (var i = 0; i < Instructions.Count; i++)
        {
            if (_pointsAt.TryGetValue(Instructions[i], out var point))
                current = point;
            _covering[i] = current;
        }
        Kickoff = method.DebugInformation.StateMachineKickOffMethod;
    }

    public MethodDefinition Method { get; }

    /// <summary>The method's source text, for filters that need it.</summary>
    public SourceFiles Sources { get; }
    public IReadOnlyList<Instruction> Instructions { get; }

    /// <summary>The user's method when this body is a state machine's MoveNext.</summary>
    public MethodDefinition? Kickoff { get; }

    public bool IsAsyncStateMachine => Kickoff is not null && HasAttribute(Kickoff, "AsyncStateMachineAttribute");
    public bool IsIteratorStateMachine => Kickoff is not null && HasAttribute(Kickoff, "IteratorStateMachineAttribute");
    public bool IsAsyncIteratorStateMachine => Kickoff is not null && HasAttribute(Kickoff, "AsyncIteratorStateMachineAttribute");

    public int IndexOf(Instruction instruction) => _index[instruction];

    /// <summary>Instructions control can jump to (branch targets, switch entries, handler
    /// starts): where straight-line reasoning about the stack must stop.</summary>
    public IReadOnlySet<Instruction> JumpTargets => _jumpTargets ??= FindJumpTargets();

    private HashSet<Instruction>? _jumpTargets;

    private HashSet<Instruction> FindJumpTargets()
    {
        var targets = new HashSet<Instruction>();
        foreach (var instruction in Instructions)
        {
            if (instruction.Operand is Instruction target)
                targets.Add(target);
            else if (instruction.Operand is Instruction[] table)
                targets.UnionWith(table);
        }
        foreach (var handler in Method.Body.ExceptionHandlers)
            targets.UnionWith(new[] { handler.TryStart, handler.HandlerStart, handler.FilterStart, handler.HandlerEnd, handler.TryEnd }.OfType<Instruction>());
        return targets;
    }

    /// <summary>The sequence point that starts at an instruction, if one does.</summary>
    public SequencePoint? PointAt(Instruction instruction) => _pointsAt.GetValueOrDefault(instruction);

    /// <summary>The sequence point an instruction belongs to: the last one starting at or before
    /// it in IL order (possibly hidden).</summary>
    public SequencePoint? CoveringPoint(Instruction instruction) => _covering[_index[instruction]];

    /// <summary>The statement an instruction belongs to for attributing a branch: the last
    /// visible sequence point at or before it in IL order. Code the compiler hides after a
    /// statement (a Debug condition temp reloaded, an await's resume, a switch dispatch) is
    /// still that statement's.</summary>
    public SequencePoint? StatementOf(Instruction instruction)
    {
        for (var i = _index[instruction]; i >= 0; i--)
            if (_covering[i] is { IsHidden: false } point)
                return point;
            else if (_covering[i] is null)
                return null;
        return null;
    }

    public IEnumerable<(Instruction At, SequencePoint Point)> SequencePoints =>
        Instructions.Where(_pointsAt.ContainsKey).Select(i => (i, _pointsAt[i]));

    /// <summary>The instructions from <paramref name="start"/> up to (not including) the next
    /// sequence point.</summary>
    public IEnumerable<Instruction> StatementFrom(Instruction start)
    {
        yield return start;
        for (var i = _index[start] + 1; i < Instructions.Count && !_pointsAt.ContainsKey(Instructions[i]); i++)
            yield return Instructions[i];
    }

    internal static bool HasAttribute(ICustomAttributeProvider provider, string name) =>
        provider.HasCustomAttributes && provider.CustomAttributes.Any(a => a.AttributeType.Name == name);
}
