using FlowCover.Instrumentation.Filters;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Filters;

/// <summary>
/// One focused test per compiler-pattern filter: a tiny method that holds the filter's idiom,
/// compiled, and exactly what the filter alone tells its output about it (see
/// <see cref="FilterRun"/>). The validation targets in Targets/ prove the same filters end to
/// end, together, in Debug and Release; these say which filter does what.
/// </summary>
public sealed class FilterTests
{
    private const string Usings = "using System; using System.Collections.Generic; using System.Diagnostics.CodeAnalysis; using System.Threading.Tasks;\n";

    private static IReadOnlyList<string> Run(ICompilerPatternFilter filter, string members, string method, OptimizationLevel optimization) =>
        FilterRun.Apply(filter, Usings + "public static class C\n{\n" + members + "\n}\n", method, optimization);

    [Fact]
    public void Brace_filter_ignores_the_points_of_braces()
    {
        var said = Run(new BraceFilter(), """
            public static int F(int x)
            {
                return x + 1;
            }
            """, "F", OptimizationLevel.Debug);
        Assert.Equal(["ignore line 5", "ignore line 7"], said);
    }

    [Fact]
    public void State_machine_state_filter_ignores_the_resume_dispatch()
    {
        var said = Run(new StateMachineStateFilter(), """
            public static async Task<int> F(Task<int> t)
            {
                return await t + 1;
            }
            """, "F.MoveNext", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 0 brfalse.s"], said);
    }

    [Fact]
    public void Awaiter_is_completed_filter_ignores_the_suspend_test()
    {
        var said = Run(new AwaiterIsCompletedFilter(), """
            public static async Task<int> F(Task<int> t)
            {
                return await t + 1;
            }
            """, "F.MoveNext", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 6 brtrue.s"], said);
    }

    [Fact]
    public void Finally_plumbing_filter_ignores_the_dispose_null_check_of_using()
    {
        var said = Run(new FinallyPlumbingFilter(), """
            public static void F(IDisposable d)
            {
                using (d)
                    Console.WriteLine();
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 7 brfalse.s"], said);
    }

    [Fact]
    public void Async_finally_filter_ignores_the_emulated_finally_of_await_using()
    {
        var said = Run(new AsyncFinallyFilter(), """
            public static async Task F(IAsyncDisposable d)
            {
                await using (d)
                    Console.WriteLine();
            }
            """, "F.MoveNext", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 7 brfalse.s", "ignore branch 7 brfalse.s", "ignore branch 7 brtrue.s"], said);
    }

    [Fact]
    public void Constant_value_filter_ignores_a_branch_on_a_pattern_result()
    {
        var said = Run(new ConstantValueFilter(), """
            public static int F(object o)
            {
                if (o is int or long)
                    return 1;
                return 0;
            }
            """, "F", OptimizationLevel.Debug);
        Assert.Equal(["ignore branch 6 brfalse.s"], said);
    }

    [Fact]
    public void Lifted_nullable_filter_makes_has_value_and_the_comparison_one_decision()
    {
        var said = Run(new LiftedNullableFilter(), """
            public static int F(decimal? rate)
            {
                if (rate is not > 0m)
                    return 0;
                return 1;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 6 brfalse.s", "ignore branch 6 brtrue.s", "decision 6: no jump | jump"], said);
    }

    [Fact]
    public void Short_circuit_join_filter_probes_the_right_operand_where_it_joins()
    {
        var said = Run(new ShortCircuitJoinFilter(), """
            public static int F(bool a, string s)
            {
                if (a || s.Length > 3)
                    return 1;
                return 0;
            }
            """, "F", OptimizationLevel.Debug);
        Assert.Equal(["ignore branch 6 brfalse.s", "value StackValueProbe 6: true, false"], said);
    }

    [Fact]
    public void Eager_boolean_operator_filter_probes_each_operand()
    {
        var said = Run(new EagerBooleanOperatorFilter(), """
            public static int F(bool a, bool b)
            {
                if (a && b)
                    return 1;
                return 0;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 6 brfalse.s", "value EagerChainProbe 6: left true, left false, right true, right false"], said);
    }

    [Fact]
    public void Does_not_return_filter_ignores_what_follows_a_call_that_never_returns()
    {
        var said = Run(new DoesNotReturnFilter(), """
            [DoesNotReturn]
            public static void Fail() => throw new InvalidOperationException();

            public static int F(int x)
            {
                if (x > 0)
                    return x;
                Fail();
                return 0;
            }
            """, "F", OptimizationLevel.Debug);
        Assert.Equal(["ignore line 12"], said);
    }

    [Fact]
    public void Exception_filter_filter_probes_the_when_condition()
    {
        var said = Run(new ExceptionFilterFilter(), """
            public static int F(Action a)
            {
                try
                {
                    a();
                    return 0;
                }
                catch (InvalidOperationException e) when (e.Message.Length > 3)
                {
                    return 1;
                }
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 9 brtrue.s", "value FallThroughValueProbe 11: true, false"], said);
    }

    [Fact]
    public void Nullable_coalesce_filter_probes_has_value()
    {
        var said = Run(new NullableCoalesceFilter(), """
            public static int F(int? page)
            {
                return page ?? 1;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["value ComputedValueProbe 6: not null, null"], said);
    }

    [Fact]
    public void Switch_dispatch_filter_makes_the_dispatch_one_decision_per_arm()
    {
        var said = Run(new SwitchDispatchFilter(), """
            public static string F(int x)
            {
                switch (x)
                {
                    case 1: return "one";
                    case 5: return "five";
                    default: return "other";
                }
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 0 beq.s", "ignore branch 0 beq.s", "decision 6: the arm at line 8 | the arm at line 10 | the arm at line 9", "add line 6"], said);
    }

    [Fact]
    public void Cached_lambda_filter_ignores_the_cache_check()
    {
        var said = Run(new CachedLambdaFilter(), """
            public static Func<int, int> F()
            {
                return x => x + 1;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 6 brtrue.s"], said);
    }

    [Fact]
    public void Cached_lambda_filter_ignores_the_cache_check_of_a_delegate_never_used()
    {
        // Release keeps no copy of a cached delegate nobody reads: no dup before the test.
        var said = Run(new CachedLambdaFilter(), """
            public static int F(int n)
            {
                Func<int, int> a = x => x + 1, b = y => y * 2;
                return a(n);
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 6 brtrue.s", "ignore branch 6 brtrue.s"], said);
    }

    [Fact]
    public void Method_group_cache_filter_ignores_the_cache_check_of_a_delegate_never_used()
    {
        var said = Run(new MethodGroupCacheFilter(), """
            public static int Twice(int v) => v * 2;

            public static int F(int n)
            {
                Func<int, int> unused = Twice;
                return Twice(n);
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 8 brtrue.s"], said);
    }

    [Fact]
    public void Method_group_cache_filter_ignores_the_delegate_cache_check()
    {
        var said = Run(new MethodGroupCacheFilter(), """
            public static int Twice(int v) => v * 2;

            public static Func<int, int> F()
            {
                return Twice;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 8 brtrue.s"], said);
    }

    [Fact]
    public void Closure_lambda_cache_filter_ignores_the_cache_check_on_a_closure_field()
    {
        var said = Run(new ClosureLambdaCacheFilter(), """
            public static Func<int, Func<int, int>> F(int k)
            {
                return x => Same(y => y + k);
            }

            private static Func<int, int> Same(Func<int, int> f) => f;
            """, "<F>b__0", OptimizationLevel.Debug);
        Assert.Equal(["ignore branch 6 brtrue.s"], said);
    }

    [Fact]
    public void Generic_receiver_copy_filter_ignores_the_default_of_type_parameter_test()
    {
        var said = Run(new GenericReceiverCopyFilter(), """
            public interface IBuilder { void Add(Action<int> a); }

            public static TB F<TB>(TB builder, int[] xs) where TB : IBuilder
            {
                builder.Add(v => Console.WriteLine(xs.Length + v));
                return builder;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 8 brtrue.s"], said);
    }

    [Fact]
    public void Interpolated_string_handler_filter_ignores_the_handlers_own_checks()
    {
        var said = Run(new InterpolatedStringHandlerFilter(), """
            public static int F(int a, int b)
            {
                Span<char> span = stackalloc char[8];
                return span.TryWrite($"{a}-{b}", out var n) ? n : -1;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 7 brfalse.s", "ignore branch 7 brfalse.s", "ignore branch 7 brfalse.s"], said);
    }

    [Fact]
    public void Await_in_catch_filter_ignores_the_catch_number_and_the_rethrow_test()
    {
        var said = Run(new AwaitInCatchFilter(), """
            public static async Task<int> F(Func<Task<int>> op)
            {
                try
                {
                    return await op();
                }
                catch (InvalidOperationException e)
                {
                    await Task.Delay(e.Message.Length);
                    throw;
                }
            }
            """, "F.MoveNext", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 10 bne.un", "ignore branch 13 brtrue.s"], said);
    }

    [Fact]
    public void Awaited_short_circuit_filter_probes_the_awaited_right_operand_where_it_is_stored()
    {
        var said = Run(new AwaitedShortCircuitFilter(), """
            public static async Task<int> F(Task<bool> a, Task<bool> b)
            {
                if (await a && await b)
                    return 1;
                return 0;
            }
            """, "F.MoveNext", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 6 brfalse.s", "value StackValueProbe 6: true, false"], said);
    }

    [Fact]
    public void Property_pattern_null_test_filter_folds_the_null_test_into_the_first_property()
    {
        var said = Run(new PropertyPatternNullTestFilter(), """
            public sealed class Shipment { public string Carrier { get; init; } = ""; public double WeightKg { get; init; } }

            public static int F(Shipment s)
            {
                if (s is { Carrier: "DHL", WeightKg: < 30 })
                    return 1;
                return 0;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["ignore branch 8 brfalse.s", "ignore branch 8 brfalse.s", "decision 8: property matched | property not matched"], said);
    }

    [Fact]
    public void Property_pattern_null_test_filter_leaves_a_null_test_the_user_wrote()
    {
        var said = Run(new PropertyPatternNullTestFilter(), """
            public sealed class Shipment { public string Carrier { get; init; } = ""; }

            public static int F(Shipment? s)
            {
                if (s != null && s.Carrier == "DHL")
                    return 1;
                return 0;
            }
            """, "F", OptimizationLevel.Release);
        Assert.Empty(said);
    }

    [Fact]
    public void Switch_dispatch_filter_walks_through_a_when_clause_to_the_arms()
    {
        var said = Run(new SwitchDispatchFilter(), """
            public static string F(int n, int limit) => n switch
            {
                > 0 when n > limit => "above",
                _ => "other",
            };
            """, "F", OptimizationLevel.Release);
        // The when's branch (line 6) is now an edge of the dispatch; its value counts on the switch line.
        Assert.Equal(["ignore branch 4 ble.s", "ignore branch 6 ble.s", "value ComputedValueProbe 4: jump, no jump", "decision 4: the arm at line 7 | the arm at line 6"], said);
    }

    [Fact]
    public void Switch_dispatch_filter_makes_each_operand_of_a_when_a_decision_on_the_switch_line()
    {
        var said = Run(new SwitchDispatchFilter(), """
            public static bool Check(int n) => n % 5 == 0;

            public static string F(int n) => n switch
            {
                > 0 when Check(n) || n == -5 => "special",
                _ => "other",
            };
            """, "F", OptimizationLevel.Release);
        // The operands' branches (line 8) are edges of the dispatch and decisions of their own on
        // the switch line, before it; the arm `n == -5` jumps to is no label match.
        Assert.Equal(["ignore branch 6 ble.s", "ignore branch 8 brtrue.s", "ignore branch 8 bne.un.s", "decision 6: true | false", "decision 6: jump | no jump",
            "decision 6: the arm at line 9 | the arm at line 8"], said);
    }

    [Fact]
    public void Property_pattern_result_filter_probes_the_last_property_when_it_is_the_value()
    {
        var said = Run(new PropertyPatternResultFilter(), """
            public sealed class Shipment { public string Carrier { get; init; } = ""; public double WeightKg { get; init; } }

            public static bool F(Shipment s)
            {
                return s is { Carrier: "DHL", WeightKg: < 30 };
            }
            """, "F", OptimizationLevel.Release);
        Assert.Equal(["value StackValueProbe 8: true, false"], said);
    }
}
