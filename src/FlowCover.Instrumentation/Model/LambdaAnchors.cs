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

    private readonly Dictionary<(TypeDefinition Type, string Outer), Dictionary<MethodDefinition, string>> _places = [];

    private List<(MethodDefinition Body, StatementSpan Point)> PointsOf((TypeDefinition, string) key)
    {
        if (!_points.TryGetValue(key, out var points))
            _points[key] = points = _bodies[key].SelectMany(body => released.StatementsOf(body).Select(p => (body, p))).ToList();
        return points;
    }

    /// <summary>
    /// Where a lambda is written, as its name says it: <c>at line 23</c>, the line of the
    /// statement that creates it (or <paramref name="fallback"/> when none is found). Several
    /// lambdas of one method created by statements that start on the same line
    /// (<c>.Where(x =&gt; ...).Select(x =&gt; ...)</c>, a chain over several lines, a lambda in a
    /// lambda) are told apart by their order in the source: <c>#1 at line 23</c>,
    /// <c>#2 at line 23</c>. Without it they had one name, and the model, which merges the bodies
    /// of one name (a kickoff and its <c>MoveNext</c>), merged them into one method.
    /// </summary>
    public string PlaceOf(MethodDefinition lambdaBody, int fallback)
    {
        var kickoff = released.KickoffOf(lambdaBody);
        var key = KeyOf(kickoff);
        if (!_places.TryGetValue(key, out var places))
            _places[key] = places = PlacesOf(key);
        return places.TryGetValue(kickoff, out var place) ? place : $"at line {fallback}";
    }

    /// <summary>The place of every lambda of a method whose creating statement is found: each
    /// lambda (its kickoff, for an async one) at the line of its first body's statement.</summary>
    private Dictionary<MethodDefinition, string> PlacesOf((TypeDefinition, string) key)
    {
        var lambdas = _bodies[key]
            .Where(b => SourceNames.IsLambda(released.KickoffOf(b).Name))
            .GroupBy(b => released.KickoffOf(b))
            .Select(g => g.Select(b => (Kickoff: g.Key, Body: b, First: released.StatementsOf(b).MinBy(p => (p.StartLine, p.StartColumn)))).MinBy(l => (l.First.StartLine, l.First.StartColumn)))
            .Select(l => (l.Kickoff, l.First, Line: LineOf(l.Body)))
            .Where(l => l.Line is not null);
        var places = new Dictionary<MethodDefinition, string>();
        // By document too: a partial type's methods of one name may lie in several files.
        foreach (var sameLine in lambdas.GroupBy(l => (l.First.Document, Line: l.Line!.Value)))
        {
            var ordered = sameLine.OrderBy(l => (l.First.StartLine, l.First.StartColumn)).ToList();
            for (var k = 0; k < ordered.Count; k++)
                places[ordered[k].Kickoff] = ordered.Count == 1 ? $"at line {sameLine.Key.Line}" : $"#{k + 1} at line {sameLine.Key.Line}";
        }
        return places;
    }

    /// <summary>The line of the statement that creates the lambda; null when none is found.</summary>
    private int? LineOf(MethodDefinition lambdaBody)
    {
        var statements = released.StatementsOf(lambdaBody);
        if (statements.Count == 0)
            return null;
        var first = statements.OrderBy(p => p.StartLine).ThenBy(p => p.StartColumn).First();
        var kickoff = released.KickoffOf(lambdaBody);
        var candidates = PointsOf(KeyOf(kickoff));
        var containing = candidates
            .Where(c => released.KickoffOf(c.Body) != kickoff && Contains(c.Point, first))
            .OrderByDescending(c => (c.Point.StartLine, c.Point.StartColumn))
            .FirstOrDefault();
        return containing.Body is null ? null : containing.Point.StartLine;
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

    /// <param name="method">The method a body belongs to (its kickoff, for a MoveNext). A lambda
    /// or local function goes by its outer method's name, as that method itself does (the
    /// top-level statements' <c>&lt;Main&gt;$</c> included).</param>
    private static (TypeDefinition, string) KeyOf(MethodDefinition method)
    {
        var name = SourceNames.IsGeneratedName(method.Name) && method.Name != SourceNames.TopLevelMain ? SourceNames.OuterName(method.Name) : method.Name;
        return (SourceNames.UserType(method.DeclaringType), name);
    }

    private static bool Contains(StatementSpan outer, StatementSpan inner) =>
        (outer.StartLine, outer.StartColumn).CompareTo((inner.StartLine, inner.StartColumn)) <= 0
        && (outer.EndLine, outer.EndColumn).CompareTo((inner.EndLine, inner.EndColumn)) >= 0
        && outer.Document == inner.Document;
}
