using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Every <c>await</c> compiles to <c>awaiter.IsCompleted</c> and a branch that either continues
/// synchronously or suspends. Which way it goes depends on timing, not on the user's code; the
/// user's own condition on an await line (<c>if (await IsAllowedAsync())</c>) is a separate
/// branch on the <c>GetResult</c> value and is kept.
/// </summary>
public sealed class AwaiterIsCompletedFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var instruction in method.Instructions)
            if (BranchShapes.IsDecisionOpCode(instruction.OpCode)
                && instruction.Previous?.Operand is MethodReference { Name: "get_IsCompleted" })
                output.IgnoreBranch(instruction);
    }
}
