using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>catch (X e) when (c)</c> compiles to a filter block: a type test
/// (<c>isinst X; dup; brtrue</c>) whose failure jumps to <c>endfilter</c> with 0, then the
/// condition, materialized into the value <c>endfilter</c> takes. There is no branch on
/// <c>c</c> at all, and the type test is the runtime's catch matching, not the user's decision.
/// So the type test is dropped and <c>c</c>'s value is probed where it flows into
/// <c>endfilter</c>, not where the type mismatch jumps in.
/// </summary>
public sealed class ExceptionFilterFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var handler in method.Method.Body.ExceptionHandlers.Where(h => h.HandlerType == ExceptionHandlerType.Filter))
        {
            var end = handler.HandlerStart.Previous;
            if (end?.OpCode.Code != Code.Endfilter || end.Previous is not { } condition || !BranchShapes.FallsThrough(condition.OpCode))
                continue;
            for (var at = handler.FilterStart; at != end; at = at.Next)
                if (BranchShapes.IsDecisionOpCode(at.OpCode) && (at.Previous?.OpCode.Code == Code.Isinst || at.Previous is { OpCode.Code: Code.Dup, Previous.OpCode.Code: Code.Isinst }))
                    output.IgnoreBranch(at);
            output.ProbeValue(new FallThroughValueProbe(end));
        }
    }
}
