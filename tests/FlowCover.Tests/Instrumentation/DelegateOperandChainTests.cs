using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The last operand of a chain kept as a value is probed where it leaves, when it pushes a
/// <c>bool</c>. A delegate's call (<c>f(x)</c>, <c>Func&lt;int, bool&gt;.Invoke</c>) declares its
/// return as the type's parameter <c>!1</c>, which was not read as <c>bool</c>: the chain kept
/// only its first operand's two outcomes, in the jump form, in a lambda and in a method alike
/// (Stateless TransitionGuard.cs:101, <c>Conditions.All(c =&gt; c.Guard == null ||
/// c.Guard(args))</c>; docs/differential.md, "Where FlowCover is wrong", item 8).
/// </summary>
public sealed class DelegateOperandChainTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        public static class Target
        {
            public static void Run()
            {
                var fs = new List<Func<int, bool>?> { null, i => i > 0, i => i > 5 };
                AllOf(fs, 3); NoneOf(fs, 3); Both(fs, 3); Static(fs); Method(null, 1); Method(i => i > 0, 3); Method(i => i > 5, 3);
                Generic(true, false); Generic(false, false);
            }
            public static bool AllOf(List<Func<int, bool>?> fs, int x) => fs.All(f => f == null || f(x));
            public static bool NoneOf(List<Func<int, bool>?> fs, int x) => fs.All(f => !(f == null || f(x)));
            public static bool Both(List<Func<int, bool>?> fs, int x) => fs.Any(f => f != null && f(x));
            public static bool Static(List<Func<int, bool>?> fs) => fs.All(static f => f == null || f(3));
            public static bool Method(Func<int, bool>? f, int x) => f == null || f(x);
            public static bool Generic(bool a, bool b) => a || Same(b);
            static T Same<T>(T value) => value;
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void A_delegates_call_ending_a_kept_chain_is_a_condition_of_its_own(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("delegate-operand-chain", "DelegateChain", Source, CoverageMode.Count, optimization: optimization);
        // null, i > 0 (true for 3), i > 5 (false for 3: All stops there).
        string[] all = ["f == null false=2", "f == null true=1", "f(x) false=1", "f(x) true=1"];
        Assert.Equal(all, run.Outcomes("f => f == null || f(x)"));
        Assert.Equal(["f == null false=2", "f == null true=1", "f(3) false=1", "f(3) true=1"], run.Outcomes("static f => f == null || f(3)"));
        Assert.Equal(["f == null false=2", "f == null true=1", "f(x) false=1", "f(x) true=1"], run.Outcomes("=> f == null || f(x);"));
        // `!(...)`: the first item (null) makes it false, and All stops.
        Assert.Equal(["f == null false=0", "f == null true=1", "f(x) false=0", "f(x) true=0"], run.Outcomes("!(f == null || f(x))"));
        // Any: null, then i > 0 true for 3, and Any stops.
        Assert.Equal(["f != null false=1", "f != null true=1", "f(x) false=0", "f(x) true=1"], run.Outcomes("f != null && f(x)"));
        // A generic method's `!!0` bound to bool.
        Assert.Equal(["Same(b) false=1", "Same(b) true=0", "a false=1", "a true=1"], run.Outcomes("a || Same(b)"));
    }
}
