using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A <c>switch</c> statement or expression compiles to a dispatch: a tree of compare chains,
/// range checks, jump tables or string hashing, with no statement in between, ending in the
/// arms. Each IL branch there is the compiler's way of searching; the user's decision is which
/// arm ran. So the whole tree is one decision on the <c>switch</c> line whose outcomes are its
/// distinct exits (one per arm, section or default), and the throw the compiler adds for a
/// switch expression no arm matched is not an outcome. Release builds may drop the header's
/// sequence point; the header is then found in the source and given a line of its own.
/// Known limit: stacked labels the compiler folds into one range check (<c>case 1: case 2:</c>)
/// reach their section by one edge and count as one outcome.
/// </summary>
public sealed partial class SwitchDispatchFilter : ICompilerPatternFilter
{
    private const int MaxWalk = 512;

    [GeneratedRegex(@"\bswitch\b")]
    private static partial Regex SwitchKeyword();

    public void Apply(MethodContext method, FilterOutput output)
    {
        var keptLineStarts = method.SequencePoints
            .Where(p => !p.Point.IsHidden && !output.IsLineIgnored(p.At)).Select(p => p.At).ToHashSet();
        var visited = new HashSet<Instruction>();
        foreach (var first in method.Instructions)
        {
            if (!IsCandidate(first, output) || visited.Contains(first))
                continue;
            var (tree, exits) = Walk(first, output, keptLineStarts);
            visited.UnionWith(tree);
            var header = HeaderLine(method, first, exits, keptLineStarts);
            if (header is null)
                continue;
            var outcomes = exits
                .Where(e => !ThrowsNoArmMatched(e.Exit))
                .GroupBy(e => e.Exit)
                .Select(g => ((IReadOnlyList<EdgeRef>)g.Select(e => e.Edge).ToList(), Label(method, g.Key)))
                .ToList();
            if (outcomes.Count == 0)
                continue;
            output.AddDecision(header.Value.Line, outcomes, tree);
            if (!header.Value.HasPoint && method.CoveringPoint(first) is { IsHidden: true } hidden)
                output.AddLine(method.Instructions.First(i => method.PointAt(i) == hidden), header.Value.Line);
        }
    }

    private static bool IsCandidate(Instruction instruction, FilterOutput output) =>
        BranchShapes.IsDecisionOpCode(instruction.OpCode) && !output.IsBranchIgnored(instruction);

    /// <summary>The branches reachable from <paramref name="first"/> without passing a
    /// statement, and every edge that leaves them, with the instruction it arrives at.</summary>
    private static (List<Instruction> Tree, List<(EdgeRef Edge, Instruction Exit)> Exits) Walk(
        Instruction first, FilterOutput output, HashSet<Instruction> keptLineStarts)
    {
        var tree = new List<Instruction> { first };
        var exits = new List<(EdgeRef, Instruction)>();
        for (var i = 0; i < tree.Count; i++)
        {
            foreach (var edge in EdgeRef.AllOf(tree[i]))
            {
                var at = edge.Target;
                for (var steps = 0; at is not null && steps < MaxWalk; steps++)
                {
                    if (keptLineStarts.Contains(at) || at.OpCode.FlowControl is FlowControl.Return or FlowControl.Throw
                        || at.OpCode.Code is Code.Leave or Code.Leave_S or Code.Endfinally)
                        break;
                    if (IsCandidate(at, output))
                        break;
                    at = at.OpCode.Code is Code.Br or Code.Br_S ? (Instruction)at.Operand : at.Next;
                }
                if (at is not null && IsCandidate(at, output) && !keptLineStarts.Contains(at))
                {
                    if (!tree.Contains(at))
                        tree.Add(at);
                }
                else if (at is not null)
                {
                    exits.Add((edge, at));
                }
            }
        }
        return (tree, exits);
    }

    /// <summary>The line of the <c>switch</c> this dispatch belongs to, if it is one.</summary>
    private static (int Line, bool HasPoint)? HeaderLine(
        MethodContext method, Instruction first, List<(EdgeRef Edge, Instruction Exit)> exits, HashSet<Instruction> keptLineStarts)
    {
        var statement = method.StatementOf(first);
        if (statement is not null && method.Sources.Text(statement) is { } text && SwitchKeyword().IsMatch(text))
            return (statement.StartLine, true);
        var exitLines = exits.Select(e => method.PointAt(e.Exit)).OfType<SequencePoint>().Where(p => !p.IsHidden).Select(p => p.StartLine).ToList();
        if (exitLines.Count == 0 || method.SequencePoints.FirstOrDefault(p => !p.Point.IsHidden).Point?.Document.Url is not { } document)
            return null;
        var statementLines = method.SequencePoints.Where(p => keptLineStarts.Contains(p.At)).Select(p => p.Point.StartLine).ToHashSet();
        var floor = Math.Max(statement?.EndLine ?? 0, exitLines.Min() - 40);
        for (var line = exitLines.Min() - 1; line > floor && !statementLines.Contains(line); line--)
            if (method.Sources.Line(document, line) is { } source && SwitchKeyword().IsMatch(source))
                return (line, false);
        return null;
    }

    private static string Label(MethodContext method, Instruction exit) =>
        method.PointAt(exit) is { IsHidden: false } point ? $"arm at line {point.StartLine}" : "no arm";

    /// <summary>The compiler's throw when no arm of a switch expression matches.</summary>
    private static bool ThrowsNoArmMatched(Instruction exit)
    {
        for (var at = exit; at is not null && at.OpCode.FlowControl != FlowControl.Throw; at = at.Next)
        {
            if (at.Operand is MemberReference member && member.FullName.Contains("SwitchExpressionException", StringComparison.Ordinal))
                return true;
            if (at.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return)
                return false;
        }
        return false;
    }
}
