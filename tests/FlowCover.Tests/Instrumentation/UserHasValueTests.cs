using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A property of the user's named <c>HasValue</c> is a condition the user wrote, not the
/// compiler's test of a <c>Nullable&lt;T&gt;</c>: CsvHelper's <c>if (HasValue &amp;&amp; Value is
/// IDictionary&lt;string, object?&gt; lookup)</c> (a <c>DynamicMetaObject</c>'s <c>HasValue</c>)
/// has four outcomes by the contract, two for each operand (docs/annotations.md). Read by its name
/// alone as a lifted null test, it was folded away and the line kept two outcomes in the jump form
/// (docs/differential.md, mistake 2), in Debug and Release. A real <c>Nullable&lt;T&gt;</c>'s
/// test is still folded into its comparison.
/// </summary>
public sealed class UserHasValueTests
{
    private const string Source = """
        using System.Collections.Generic;
        public sealed class Dyn
        {
            public bool HasValue { get; init; }
            public object? Value { get; init; }
            public int? Number { get; init; }
            public int Designated() { if (HasValue && Value is string s) { return s.Length; } return -1; }
            public int Generic() { if (HasValue && Value is IDictionary<string, object?> lookup) { return lookup.Count; } return -1; }
            public int Either() { if (HasValue || Value is string) { return 1; } return -1; }
            public bool Kept() => HasValue && Value is string;
            public int PatternFirst() { if (Value is string s && s.Length > 0) { return 1; } return -1; }
            public int Lifted() { if (Number > 0) { return 1; } return -1; }
        }
        public static class Target
        {
            public static void Run()
            {
                var all = new[]
                {
                    new Dyn(),
                    new Dyn { HasValue = true, Value = "x", Number = 1 },
                    new Dyn { HasValue = true, Value = 1 },
                    new Dyn { HasValue = true, Value = new Dictionary<string, object?>() },
                };
                foreach (var d in all)
                {
                    d.Designated(); d.Generic(); d.Either(); d.Kept(); d.PatternFirst(); d.Lifted();
                }
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_users_HasValue_is_an_operand_of_its_own(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("user-hasvalue", "UserHasValue", Source, CoverageMode.Count, optimization: optimization);
        Assert.Equal(["HasValue false=1", "HasValue true=3", "Value is string s false=2", "Value is string s true=1"],
            run.Outcomes("if (HasValue && Value is string s)"));
        Assert.Equal(["HasValue false=1", "HasValue true=3", "operand 2 false=2", "operand 2 true=1"],
            run.Outcomes("if (HasValue && Value is IDictionary"));
        Assert.Equal(["HasValue false=1", "HasValue true=3", "Value is string false=1", "Value is string true=0"],
            run.Outcomes("if (HasValue || Value is string)"));
        Assert.Equal(["HasValue false=1", "HasValue true=3", "Value is string false=2", "Value is string true=1"],
            run.Outcomes("=> HasValue && Value is string"));
        Assert.Equal(["Value is string s false=3", "Value is string s true=1", "s.Length > 0 false=0", "s.Length > 0 true=1"],
            run.Outcomes("if (Value is string s && s.Length > 0)"));
        Assert.Equal(["false=3", "true=1"], run.Outcomes("if (Number > 0)")); // Nullable<int>.HasValue: the compiler's, folded
    }
}
