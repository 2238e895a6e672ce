using FlowCover.Instrumentation.Filters;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Decides what to probe in a method: every visible sequence point is a statement and every
/// conditional branch a decision of the statement it follows, until a filter says it is the
/// compiler's (JaCoCo's approach: count everything, subtract known compiler idioms).
/// </summary>
internal sealed class MethodAnalyzer(IReadOnlyList<ICompilerPatternFilter> filters)
{
    public MethodPlan Analyze(MethodContext method)
    {
        var output = new FilterOutput();
        foreach (var filter in filters)
            filter.Apply(method, output);

        var lines = method.SequencePoints
            .Where(p => !p.Point.IsHidden && !output.IsLineIgnored(p.At))
            .Select(p => new LineSite(p.At, p.Point.StartLine, p.Point.Document.Url))
            .ToList();
        var lineStarts = lines.ToDictionary(l => l.At, l => l.Line);
        var branches = method.Instructions
            .Where(i => BranchShapes.IsDecisionOpCode(i.OpCode) && !output.IsBranchIgnored(i))
            .Select(i => Decision(method, i, output.ClaimedLine(i), lineStarts))
            .OfType<BranchSite>()
            .Concat(output.ValueProbes.Select(at => ValueDecision(method, at, lineStarts)).OfType<BranchSite>())
            .ToList();
        return new MethodPlan(lines, branches);
    }

    private static BranchSite? Decision(MethodContext method, Instruction branch, int? claimedLine, IReadOnlyDictionary<Instruction, int> lineStarts)
    {
        var line = claimedLine ?? method.StatementOf(branch)?.StartLine ?? 0;
        if (line == 0)
            return null;
        int TargetLine(Instruction target) => FollowToLine(target, lineStarts);
        if (branch.Operand is Instruction[] table)
        {
            var defaultTarget = branch.Next is { OpCode.Code: Code.Br or Code.Br_S, Operand: Instruction jump } ? jump : branch.Next;
            var defaultEdges = new List<int> { 0 };
            var outcomes = new List<OutcomeSite>();
            for (var k = 0; k < table.Length; k++)
            {
                if (table[k] == defaultTarget)
                    defaultEdges.Add(k + 1);
                else
                    outcomes.Add(new OutcomeSite([k + 1], $"case {k}", TargetLine(table[k])));
            }
            outcomes.Add(new OutcomeSite(defaultEdges, "default", TargetLine(defaultTarget)));
            return new BranchSite(branch, line, outcomes);
        }
        var (taken, notTaken) = Labels(branch.OpCode.Code);
        return new BranchSite(branch, line,
        [
            new OutcomeSite([1], taken, TargetLine((Instruction)branch.Operand)),
            new OutcomeSite([0], notTaken, TargetLine(branch.Next)),
        ]);
    }

    private static BranchSite? ValueDecision(MethodContext method, Instruction at, IReadOnlyDictionary<Instruction, int> lineStarts)
    {
        if (method.StatementOf(at) is not { } statement)
            return null;
        var next = FollowToLine(at, lineStarts);
        return new BranchSite(at, statement.StartLine,
            [new OutcomeSite([1], "true", next), new OutcomeSite([0], "false", next)], IsValue: true);
    }

    /// <summary>What the taken and fall-through edges mean, where the opcode says it.</summary>
    private static (string Taken, string NotTaken) Labels(Code code) => code switch
    {
        Code.Brtrue or Code.Brtrue_S => ("true", "false"),
        Code.Brfalse or Code.Brfalse_S => ("false", "true"),
        _ => ("jump", "no jump"),
    };

    /// <summary>The line execution reaches from an edge target: the next statement in IL order,
    /// following unconditional jumps; 0 when the method returns or throws first.</summary>
    private static int FollowToLine(Instruction? target, IReadOnlyDictionary<Instruction, int> lineStarts)
    {
        for (var steps = 0; target is not null && steps < 64; steps++)
        {
            if (lineStarts.TryGetValue(target, out var line))
                return line;
            switch (target.OpCode.FlowControl)
            {
                case FlowControl.Branch when target.Operand is Instruction jump:
                    target = jump;
                    continue;
                case FlowControl.Return or FlowControl.Throw:
                    return 0;
            }
            target = target.Next;
        }
        return 0;
    }
}
