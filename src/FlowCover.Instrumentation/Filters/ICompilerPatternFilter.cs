using FlowCover.Instrumentation.Analysis;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// Recognizes one thing the C# compiler emits that is not the user's code (a state dispatch,
/// an awaiter check, a cached lambda, a dispose null check...) and tells the output what to
/// ignore. One class per compiler idiom, each proven by its own annotated target in
/// tests/FlowCover.Tests/Targets, so each stays small enough to reason about.
/// </summary>
public interface ICompilerPatternFilter
{
    void Apply(MethodContext method, FilterOutput output);
}
