using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// <c>using</c>, <c>foreach</c> and <c>lock</c> end in a finally block the compiler writes and
/// hides: <c>if (resource != null) resource.Dispose()</c>, <c>if (lockTaken)
/// Monitor.Exit(o)</c>. Their null and flag checks are not the user's decisions. A finally the
/// user wrote starts with a visible sequence point and is left alone.
/// </summary>
public sealed class FinallyPlumbingFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var handler in method.Method.Body.ExceptionHandlers)
        {
            if (handler.HandlerType != ExceptionHandlerType.Finally || method.PointAt(handler.HandlerStart) is { IsHidden: false })
                continue;
            var last = handler.HandlerEnd?.Previous ?? method.Instructions[^1];
            for (var i = method.IndexOf(handler.HandlerStart); i <= method.IndexOf(last); i++)
                if (BranchShapes.IsDecisionOpCode(method.Instructions[i].OpCode))
                    output.IgnoreBranch(method.Instructions[i]);
        }
    }
}
