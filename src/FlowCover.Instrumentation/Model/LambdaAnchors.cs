using FlowCover.Instrumentation.Analysis;
using Mono.Cecil;

namespace FlowCover.Instrumentation.Model;

/// <summary>
/// Finds the line a lambda is written on: the start of the innermost statement, in the method
/// that declares it, whose span contains the lambda's body. That is where a reader looks for
/// <c>app.MapGet("/x", async () =&gt;</c>; the body's own first statement may be lines below, and
/// only Debug builds mark the lambda's opening brace. The statements of a method are gathered
/// the first time one of its lambdas asks, so code without lambdas costs nothing.
/// </summary>
internal sealed class LambdaAnchors(IEnumerable<MethodDefinition> bodies, ReleasedBodies released)
{
    private readonly ILookup<(TypeDefinition Type, string Outer), MethodDefinition> _bodies =
        bodies.Where(b => released.StatementsOf(b).Count > 0).ToLookup(b => KeyOf(released.KickoffOf(b)));

    private readonly Dictionary<(TypeDefinition Type, string Outer), List<(MethodDefinition Body, StatementSpan Point)>> _points = [];

    private List<(MethodDefinition Body, StatementSpan Point)> PointsOf((TypeDefinition, string) key)
    {
        if (!_points.TryGetValue(key, out var points))
            _points[key] = points = _bodies[key].SelectMany(body => released.StatementsOf(body).Select(p => (body, p))).ToList();
        return points;
    }

    /// <summary>The line of the statement that creates the lambda, or <paramref name="fallback"/>.</summary>
    public int LineOf(MethodDefinition lambdaBody, int fallback)
    {
        var statements = released.StatementsOf(lambdaBody);
        if (statements.Count == 0)
            return fallback;
        var first = statements.OrderBy(p => p.StartLine).ThenBy(p => p.StartColumn).First();
        var kickoff = released.KickoffOf(lambdaBody);
        var candidates = PointsOf(KeyOf(kickoff));
        var containing = candidates
            .Where(c => released.KickoffOf(c.Body) != kickoff && Contains(c.Point, first))
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
        return body => keys.Count > 0 && keys.Contains(KeyOf(SourceNames.KickoffOf(body)));
    }

    /// <param name="method">The method a body belongs to (its kickoff, for a MoveNext).</param>
    private static (TypeDefinition, string) KeyOf(MethodDefinition method)
    {
        var name = SourceNames.IsGeneratedName(method.Name) ? SourceNames.OuterName(method.Name) : method.Name;
        return (SourceNames.UserType(method.DeclaringType), name);
    }

    private static bool Contains(StatementSpan outer, StatementSpan inner) =>
        (outer.StartLine, outer.StartColumn).CompareTo((inner.StartLine, inner.StartColumn)) <= 0
        && (outer.EndLine, outer.EndColumn).CompareTo((inner.EndLine, inner.EndColumn)) >= 0
        && outer.Document == inner.Document;
}
