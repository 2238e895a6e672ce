namespace FlowCover.Instrumentation.Filters;

/// <summary>The filters every method goes through, in no particular order (each only adds
/// to what is ignored).</summary>
public static class CompilerPatternFilters
{
    public static IReadOnlyList<ICompilerPatternFilter> All { get; } =
    [
        new BraceFilter(),
        new StateMachineStateFilter(),
        new FinallyPlumbingFilter(),
        new ConstantConditionFilter(),
        new ShortCircuitJoinFilter(),
        new AwaiterIsCompletedFilter(),
        new CachedLambdaFilter(),
    ];
}
