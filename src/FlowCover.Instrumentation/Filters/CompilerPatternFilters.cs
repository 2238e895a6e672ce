namespace FlowCover.Instrumentation.Filters;

/// <summary>The filters every method goes through. Each only adds to what is ignored; the
/// switch filter comes last because it groups what the others left.</summary>
public static class CompilerPatternFilters
{
    public static IReadOnlyList<ICompilerPatternFilter> All { get; } =
    [
        new BraceFilter(),
        new StateMachineStateFilter(),
        new FinallyPlumbingFilter(),
        new AsyncFinallyFilter(),
        new ConstantValueFilter(),
        new NegatedPatternFilter(),
        new OrConstantSearchFilter(),
        // Before the lifted comparison: its HasValue test is every constant's, not the first's.
        new NullableOrPatternFilter(),
        new LiftedNullableFilter(),
        // Before the property pattern filters: a null test whose property test Release dropped.
        new DiscardedPropertyTestFilter(),
        // Before the short-circuit join: a property pattern's null test is no operand's.
        new ConditionalArmPropertyPatternFilter(),
        new PropertyPatternJoinFilter(),
        new KeptPropertyPatternFilter(),
        new CarriedPropertyPatternFilter(),
        new ShortCircuitJoinFilter(),
        new EagerBooleanOperatorFilter(),
        new DoesNotReturnFilter(),
        new ExceptionFilterFilter(),
        new NullableCoalesceFilter(),
        new AwaitInCatchFilter(),
        new AwaitedShortCircuitFilter(),
        new InterpolatedStringHandlerFilter(),
        new OneHoleInterpolationFilter(),
        new GenericReceiverCopyFilter(),
        new PropertyPatternNullTestFilter(),
        // Before the next: the arms of a `?:` that is an operand leave its value, not the last
        // operand's of a chain.
        new ConditionalOperandValueFilter(),
        new PropertyPatternResultFilter(),
        // Before the switch filter: an await or a cached delegate in a switch's header is no
        // branch of its dispatch (`await FindAsync() switch { ... }`).
        new AwaiterIsCompletedFilter(),
        new CachedLambdaFilter(),
        new MethodGroupCacheFilter(),
        new ClosureLambdaCacheFilter(),
        new CachedArrayFilter(),
        // After the cache filters: it probes a statement only when none of its branches is left.
        new PatternValueFilter(),
        new ConstantArmsConditionalFilter(),

        // Last: it groups the branches every filter above left as decisions.
        new SwitchDispatchFilter(),
    ];
}
