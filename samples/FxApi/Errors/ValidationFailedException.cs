namespace FxApi.Errors;

/// <summary>A request value the API cannot accept; answered 400 with the field named in <c>errors</c>.</summary>
public sealed class ValidationFailedException(string field, string problem) : Exception($"{field} {problem}")
{
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
