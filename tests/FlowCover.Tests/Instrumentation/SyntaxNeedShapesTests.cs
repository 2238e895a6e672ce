using System.Reflection;
using FlowCover.Instrumentation.Analysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Each Release rule of the source model says when a method may need it (a <c>MayApply</c> or
/// <c>MayApplyAt</c> beside its code), and <see cref="SyntaxNeed"/> asks every one: a rule that
/// says nothing runs only where another rule's shape asks, and keeps the IL's count elsewhere.
/// What the shapes must catch is held by SyntaxLookTests; this holds that none is left out.
/// </summary>
public sealed class SyntaxNeedShapesTests
{
    /// <summary>The rules of <c>SourceStatements.AddHidden</c>: the classes with a static <c>Add</c>.</summary>
    private static IEnumerable<Type> Rules() => typeof(SyntaxNeed).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(SyntaxNeed).Namespace && t.GetMethod("Add", BindingFlags.Public | BindingFlags.Static) is not null);

    /// <summary>The classes whose shapes <see cref="SyntaxNeed"/> asks.</summary>
    private static HashSet<Type> Asked() => typeof(SyntaxNeed).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.FieldType.IsArray && f.FieldType.GetElementType()!.IsSubclassOf(typeof(Delegate)))
        .SelectMany(f => ((Delegate[])f.GetValue(null)!).Select(d => d.Method.DeclaringType!))
        .ToHashSet();

    [Fact]
    public void Every_rule_says_its_shape_and_is_asked()
    {
        var rules = Rules().ToList();
        Assert.True(rules.Count >= 7, $"only {rules.Count} rules found");
        var asked = Asked();
        foreach (var rule in rules)
        {
            Assert.True(rule.GetMethod("MayApply") is not null || rule.GetMethod("MayApplyAt") is not null, $"{rule.Name} says no shape");
            Assert.Contains(rule, asked);
        }
    }
}
