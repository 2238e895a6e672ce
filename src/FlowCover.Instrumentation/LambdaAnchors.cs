using Mono.Cecil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Finds the line a lambda is written on: the start of the innermost statement, in the method
/// that declares it, whose span contains the lambda's body. That is where a reader looks for
/// <c>app.MapGet("/x", async () =&gt;</c>; the body's own first statement may be lines below, and
/// only Debug builds mark the lambda's opening brace. The statements of a method are gathered
/// the first time one of its lambdas asks, so code without lambdas costs nothing.
/// </summary>
internal sealed class LambdaAnchors(IEnumerable<MethodDefinition> bodies, Func<MethodDefinition, IReadOnlyList<StatementSpan>> statementsOf)
{
    private readonly ILookup<(TypeDefinition Type, string Outer), MethodDefinition> _bodies =
        bodies.Where(b => statementsOf(b).Count > 0).ToLookup(KeyOf);

    private readonly Dictionary<(TypeDefinition Type, string Outer), List<(MethodDefinition Body, StatementSpan Point)>> _points = [];

    private List<(MethodDefinition Body, StatementSpan Point)> PointsOf((TypeDefinition, string) key)
    {
        if (!_points.TryGetValue(key, out var points))
            _points[key] = points = _bodies[key].SelectMany(body => statementsOf(body).Select(p => (body, p))).ToList();
        return points;
    }

    /// <summary>The line of the statement that creates the lambda, or <paramref name="fallback"/>.</summary>
    public int LineOf(MethodDefinition lambdaBody, int fallback)
    {
        var statements = statementsOf(lambdaBody);
        if (statements.Count == 0)
            return fallback;
        var first = statements.OrderBy(p => p.StartLine).ThenBy(p => p.StartColumn).First();
        var candidates = PointsOf(KeyOf(lambdaBody));
        var kickoff = SourceNames.KickoffOf(lambdaBody);
        var containing = candidates
            .Where(c => SourceNames.KickoffOf(c.Body) != kickoff && Contains(c.Point, first))
            .OrderByDescending(c => (c.Point.StartLine, c.Point.StartColumn))
            .FirstOrDefault();
        return containing.Body is null ? fallback : containing.Point.StartLine;
    }

    /// <summary>The bodies whose statements a lambda's line may be looked up in: the lambdas
    /// themselves and every body of a method that declares one. Found from the methods' names
    /// alone, before any body is read, so that the statements of the others need not be kept.</summary>
    public static Func<MethodDefinition, bool> WhoseStatementsAreAsked(IEnumerable<MethodDefinition> methods)
    {
        var keys = methods.Where(m => SourceNames.IsLambda(m.Name))
            .Select(m => (SourceNames.UserType(m.DeclaringType), SourceNames.OuterName(m.Name))).ToHashSet();
        return body => keys.Count > 0 && keys.Contains(KeyOf(body));
    }

    private static (TypeDefinition, string) KeyOf(MethodDefinition body)
    {
        var method = SourceNames.KickoffOf(body);
        var name = SourceNames.IsGeneratedName(method.Name) ? SourceNames.OuterName(method.Name) : method.Name;
        return (SourceNames.UserType(method.DeclaringType), name);
    }

    private static bool Contains(StatementSpan outer, StatementSpan inner) =>
        (outer.StartLine, outer.StartColumn).CompareTo((inner.StartLine, inner.StartColumn)) <= 0
        && (outer.EndLine, outer.EndColumn).CompareTo((inner.EndLine, inner.EndColumn)) >= 0
        && outer.Document == inner.Document;
}
