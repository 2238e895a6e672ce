using System.Runtime.Loader;
using FlowCover.Instrumentation.Source;
using FlowCover.Reporting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowCover.Tests.Validation;

/// <summary>
/// What each operand of a program's decisions evaluated to, counted by the program itself: a copy
/// of the source in which every operand (<c>x &gt; 1</c> in <c>if (x &gt; 1 &amp;&amp; f)</c>, a
/// <c>?:</c>'s condition, a <c>when</c>) is passed through a counter, compiled without
/// instrumentation and run on the same inputs. A named outcome FlowCover reports
/// (<c>x &gt; 1 true</c>) must carry exactly the runs counted here, in either build: the check that
/// sees a wrong count both builds share, which comparing the builds with each other cannot.
/// Operands are found by syntax alone, independent of FlowCover's source model, and a label is
/// checked only where its text is one operand's on its line, unique there.
/// </summary>
internal sealed class OutcomeTruth
{
    private const string CounterClass = "global::FlowCoverOracle.Counter";

    private readonly Dictionary<(int Line, string Text), (long True, long False)> _counts;
    private readonly Dictionary<int, (int Operands, (long True, long False)? Value)> _operandsOnLine;

    private OutcomeTruth(Dictionary<(int Line, string Text), (long True, long False)> counts, Dictionary<int, (int Operands, (long True, long False)? Value)> operandsOnLine) =>
        (_counts, _operandsOnLine) = (counts, operandsOnLine);

    /// <summary>Counts the operands of <paramref name="source"/> (a program with a public static
    /// <c>FlowCover.Targets.Random.Target.Run</c>) by running a counting copy of it, built in
    /// <paramref name="work"/>.</summary>
    public static OutcomeTruth Of(string source, string work)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var model = CSharpCompilation.Create("truth", [tree], TargetCompiler.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)).GetSemanticModel(tree);
        var operands = new List<(ExpressionSyntax Operand, bool Negated)>();
        foreach (var node in tree.GetRoot().DescendantNodes())
            foreach (var condition in ConditionsOf(node))
                Operands(condition, false, operands);
        operands = [.. operands.DistinctBy(o => o.Operand)];
        var counted = operands.Select(o => o.Operand).Where(o => IsCountable(o, model)).ToList();

        var folder = Path.Combine(work, "truth");
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "Random.cs");
        var counter = Path.Combine(folder, "Counter.cs");
        File.WriteAllText(copy, Counting(source, counted));
        File.WriteAllText(counter, $$"""
            namespace FlowCoverOracle;
            public static class Counter
            {
                public static readonly long[] Counts = new long[{{2 * counted.Count}}];
                public static bool T(int id, bool value)
                {
                    System.Threading.Interlocked.Increment(ref Counts[2 * id + (value ? 0 : 1)]);
                    return value;
                }
            }
            """);
        var dll = TargetCompiler.Compile([copy, counter], Path.Combine(folder, "bin"), "FlowCover.Targets.Random", OptimizationLevel.Debug, OutputKind.DynamicallyLinkedLibrary);
        var assembly = new AssemblyLoadContext($"truth-{Guid.NewGuid():N}").LoadFromAssemblyPath(dll);
        assembly.GetType("FlowCover.Targets.Random.Target")!.GetMethod("Run")!.Invoke(null, null);
        var counts = (long[])assembly.GetType("FlowCoverOracle.Counter")!.GetField("Counts")!.GetValue(null)!;

        var byText = new Dictionary<(int, string), (long, long)>();
        var ambiguous = new HashSet<(int, string)>();
        var onLine = new Dictionary<int, (int Operands, (long True, long False)? Value)>();
        foreach (var (operand, negated) in operands)
        {
            var line = operand.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var id = counted.IndexOf(operand);
            (long, long)? value = id < 0 ? null : (counts[2 * id], counts[2 * id + 1]);
            // The condition's own value, where the operand is all of it: under a `!`, the other way round.
            onLine[line] = (onLine.GetValueOrDefault(line).Operands + 1, value is var (t, f) ? negated ? (f, t) : (t, f) : null);
            Add(byText, ambiguous, (line, SourceDocument.Collapse(operand.ToString())), value); // Spaced as labels are.
        }
        foreach (var key in ambiguous)
            byText.Remove(key);
        return new OutcomeTruth(byText, onLine);
    }

    private static void Add(Dictionary<(int, string), (long, long)> byText, HashSet<(int, string)> ambiguous, (int, string) key, (long, long)? value)
    {
        if (value is null || !byText.TryAdd(key, value.Value))
            ambiguous.Add(key);
    }

    /// <summary>Each outcome of <paramref name="file"/> that names an operand whose runs were
    /// counted and carries other runs, as one line of text; <paramref name="build"/> names the
    /// build in it.</summary>
    public IEnumerable<string> Wrong(FileResult file, string build, string[] source)
    {
        foreach (var line in file.Lines)
        {
            var whole = line.Outcomes is [{ Label: "true" or "when true" }, { Label: "false" or "when false" }] or [{ Label: "false" or "when false" }, { Label: "true" or "when true" }];
            foreach (var outcome in line.Outcomes)
            {
                if (Truth(line.Line, outcome.Label, whole) is not { } truth || truth == outcome.Hits)
                    continue;
                yield return $"TRUTH line {line.Line} `{source[line.Line - 1].Trim()}`: {build} `{outcome.Label}` {outcome.Hits}, ran {truth}";
            }
        }
    }

    /// <summary>The runs an outcome's label says it counts, where the label names one counted
    /// operand of its line (or, with <paramref name="whole"/>, is the bare <c>true</c>/<c>false</c>
    /// of a line with one operand); null where it names nothing counted.</summary>
    private long? Truth(int line, string label, bool whole)
    {
        var value = label.EndsWith(" true", StringComparison.Ordinal) || label == "true" ? true
            : label.EndsWith(" false", StringComparison.Ordinal) || label == "false" ? false
            : (bool?)null;
        if (value is null)
            return null;
        var text = label[..label.LastIndexOf(value.Value ? "true" : "false", StringComparison.Ordinal)].TrimEnd();
        if (text is "" or "when")
        {
            if (!whole || _operandsOnLine.GetValueOrDefault(line) is not (1, var (whenTrue, whenFalse)))
                return null;
            return value.Value ? whenTrue : whenFalse;
        }
        if (_counts.TryGetValue((line, text), out var counts))
            return value.Value ? counts.True : counts.False;
        // `!f` named as written: its runs are `f`'s, the other way round.
        if (text.StartsWith('!') && _counts.TryGetValue((line, text[1..].Trim()), out var negated))
            return value.Value ? negated.False : negated.True;
        return null;
    }

    /// <summary>The conditions a node tests: an <c>if</c>'s, a loop's, a <c>when</c>'s, a
    /// <c>?:</c>'s, and a <c>&amp;&amp;</c>/<c>||</c> written anywhere.</summary>
    private static IEnumerable<ExpressionSyntax> ConditionsOf(SyntaxNode node) => node switch
    {
        IfStatementSyntax s => [s.Condition],
        WhileStatementSyntax s => [s.Condition],
        DoStatementSyntax s => [s.Condition],
        ForStatementSyntax { Condition: { } c } => [c],
        WhenClauseSyntax s => [s.Condition],
        CatchFilterClauseSyntax s => [s.FilterExpression],
        ConditionalExpressionSyntax s => [s.Condition],
        BinaryExpressionSyntax s when IsChain(s) && !IsChain(Unwrap(s.Parent)) && s.Parent is not PrefixUnaryExpressionSyntax => [s],
        _ => [],
    };

    /// <summary>The operands of a condition: through parentheses, <c>!</c>, <c>&amp;&amp;</c>,
    /// <c>||</c>, and a <c>?:</c> whose value is the condition (its arms).</summary>
    private static void Operands(ExpressionSyntax condition, bool negated, List<(ExpressionSyntax, bool)> operands)
    {
        switch (condition)
        {
            case ParenthesizedExpressionSyntax p:
                Operands(p.Expression, negated, operands);
                return;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                Operands(not.Operand, !negated, operands);
                return;
            case BinaryExpressionSyntax b when IsChain(b):
                Operands(b.Left, negated, operands);
                Operands(b.Right, negated, operands);
                return;
            case ConditionalExpressionSyntax c:
                Operands(c.WhenTrue, negated, operands);
                Operands(c.WhenFalse, negated, operands);
                return; // Its own condition is one of ConditionsOf's.
            default:
                operands.Add((condition, negated));
                return;
        }
    }

    /// <summary>Whether an operand can be passed through the counter without changing what the
    /// program means: a <c>bool</c> that is no constant (the compiler folds those, and a counted
    /// one would change what is reachable) and declares no variable (one a later operand or
    /// statement reads would no longer be assigned).</summary>
    private static bool IsCountable(ExpressionSyntax operand, SemanticModel model) =>
        model.GetTypeInfo(operand).Type?.SpecialType == SpecialType.System_Boolean
        && !model.GetConstantValue(operand).HasValue
        && !operand.DescendantNodesAndSelf().Any(n => n is SingleVariableDesignationSyntax or DeclarationExpressionSyntax)
        && operand.FirstAncestorOrSelf<SyntaxNode>(n => n is AttributeSyntax or ParameterSyntax || n is LocalDeclarationStatementSyntax { IsConst: true }) is null;

    /// <summary>The source with each counted operand <c>e</c> written <c>T(id, e)</c>, on the same
    /// lines (an operand inside another is wrapped inside the other's call).</summary>
    private static string Counting(string source, List<ExpressionSyntax> counted)
    {
        var edits = new List<(int At, int Order, string Text)>();
        for (var id = 0; id < counted.Count; id++)
        {
            var span = counted[id].Span;
            edits.Add((span.Start, span.Length - 1_000_000_000, $"{CounterClass}.T({id}, "));
            edits.Add((span.End, 1_000_000_000 - span.Length, ")"));
        }
        var text = new System.Text.StringBuilder(source);
        // From the end, so earlier positions stay. At one position each insert lands before the
        // ones made there already: openings inner first then closings outer first give, in the
        // text, the closings inner first and then the openings outer first.
        foreach (var (at, _, insert) in edits.OrderByDescending(e => e.At).ThenBy(e => e.Order))
            text.Insert(at, insert);
        return text.ToString();
    }

    private static bool IsChain(ExpressionSyntax? e) =>
        e is not null && (e.IsKind(SyntaxKind.LogicalAndExpression) || e.IsKind(SyntaxKind.LogicalOrExpression));

    private static ExpressionSyntax? Unwrap(SyntaxNode? node) => node is ParenthesizedExpressionSyntax p ? Unwrap(p.Parent) : node as ExpressionSyntax;
}
