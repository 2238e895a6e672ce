using FlowCover.Data;
using FlowCover.Instrumentation;
using FlowCover.Instrumentation.Probes;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// The shape of instrumented IL where it decides run-time cost: which statements carry their
/// probe in place, and which methods keep the inlining the JIT gave them. (Coverage itself is
/// asserted by the validation suite; these would regress silently into a slower tool.)
/// </summary>
public sealed class InstrumentedShapeTests
{
    private const string Source = """
        using System.Runtime.CompilerServices;
        public static class Shapes
        {
            public static int Sum(int n)
            {
                var sum = 0;
                while (n > 0)
                {
                    sum += n;
                    n--;
                }
                return sum;
            }

            public static int Straight(int[] items, int i)
            {
                var a = i + 1;
                var b = a * 2;
                var c = items[b];
                var d = c + 1;
                return d;
            }

            public static bool IsSmall(int x) => x < 10;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public static bool IsLarge(int x) => x > 10;

            // About 40 bytes of IL in one statement: one probe keeps it well under the JIT's limit.
            public static int OneStatement(int x) => (x * 3 ^ x >> 2) + (x * 7 ^ x << 3) - (x * 11 ^ x >> 5) + (x * 17 ^ x << 7);

            // Under the JIT's limit before probes, over it after: every statement follows a
            // call that may throw, so each keeps a probe of its own.
            public static int Chain(int x)
            {
                var a = Step(x);
                var b = Step(a) + a;
                var c = Step(b) ^ b;
                var d = Step(c) - c;
                var e = Step(d) + d;
                return Step(e) * 3 + a + b + c + d + e;
            }

            private static int Step(int x) => checked(x * 3 + 1);

            public static int AfterLeafCall(int x)
            {
                var a = Twice(x);
                var b = a + 1;
                return b;
            }

            private static int Twice(int x) => x * 2;

            public static int Guarded(int x)
            {
                var y = x + 1;
                try
                {
                    y = Step(y);
                }
                catch (System.OverflowException)
                {
                    y = 0;
                }
                return y;
            }

            public static uint Mod(uint value) => value >= 65521 ? value - 65521 : value;

            public static int FirstOrZero(int[] items) => items[0] > 0 ? items[0] : 0;

            public static uint Checksum(byte[] data)
            {
                uint a = 1;
                foreach (var value in data)
                {
                    a += value;
                }
                return a;
            }

            public static int Letters(string text)
            {
                var letters = 0;
                foreach (var c in text)
                {
                    letters += c;
                }
                return letters;
            }

            // Small enough to be inlined in a loop before probes, not after them (the CPU
            // benchmark's kernel, whose test took twice as long when it stopped being inlined).
            public static int Collatz(long n)
            {
                var steps = 0;
                while (n != 1)
                {
                    n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
                    steps++;
                }
                return steps;
            }

            // Over the JIT's limit already.
            public static int Big(int x)
            {
                var t = x * 3;
                t ^= t >> 2;
                t += x * 7;
                t ^= t << 3;
                t -= x * 11;
                t ^= t >> 5;
                t += x * 17;
                t ^= t << 7;
                t -= x * 19;
                t ^= t >> 11;
                t += x * 29;
                t ^= t << 13;
                t -= x * 31;
                t ^= t >> 17;
                t += x * 37;
                t ^= t << 19;
                t -= x * 41;
                t ^= t >> 23;
                t += x * 43;
                t ^= t << 29;
                t -= x * 47;
                t ^= t >> 3;
                t += x * 53;
                t ^= t << 5;
                t -= x * 59;
                t ^= t >> 7;
                return t + x * 23;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Set, false)]
    [InlineData(CoverageMode.Count, true)]
    public void A_loop_header_is_probed_in_place_only_when_counting(CoverageMode mode, bool headerProbedInPlace)
    {
        var method = Instrument(mode).Types.Single(t => t.Name == "Shapes").Methods.Single(m => m.Name == "Sum");
        Assert.Equal(headerProbedInPlace, StartsWithProbe(method, "while (n > 0)"));
        Assert.True(StartsWithProbe(method, "sum += n;"));
    }

    [Theory]
    [InlineData(CoverageMode.Set, false)]
    [InlineData(CoverageMode.Count, true)]
    public void A_statement_reached_straight_from_a_probe_shares_it_only_when_not_counting(CoverageMode mode, bool everyStatementProbed)
    {
        var shapes = Instrument(mode).Types.Single(t => t.Name == "Shapes");
        var sum = shapes.Methods.Single(m => m.Name == "Sum");
        Assert.Equal(everyStatementProbed, StartsWithProbe(sum, "n--;"));
        var straight = shapes.Methods.Single(m => m.Name == "Straight");
        Assert.True(StartsWithProbe(straight, "var a = i + 1;"));
        Assert.Equal(everyStatementProbed, StartsWithProbe(straight, "var b = a * 2;"));
        Assert.Equal(everyStatementProbed, StartsWithProbe(straight, "var c = items[b];"));
        Assert.True(StartsWithProbe(straight, "var d = c + 1;")); // items[b] can throw
        Assert.Equal(everyStatementProbed, StartsWithProbe(straight, "return d;"));
        // Twice cannot throw; Step can (checked arithmetic).
        Assert.Equal(everyStatementProbed, StartsWithProbe(shapes.Methods.Single(m => m.Name == "AfterLeafCall"), "var b = a + 1;"));
        Assert.True(StartsWithProbe(shapes.Methods.Single(m => m.Name == "Chain"), "var b = Step(a) + a;"));
        // n / 2 on a long: the constant is widened by conv.i8, and still cannot be 0.
        Assert.Equal(everyStatementProbed, StartsWithProbe(shapes.Methods.Single(m => m.Name == "Collatz"), "steps++;"));
        // foreach's element load was checked by its loop.
        Assert.Equal(everyStatementProbed, StartsWithProbe(shapes.Methods.Single(m => m.Name == "Checksum"), "a += value;"));
        Assert.Equal(everyStatementProbed, StartsWithProbe(shapes.Methods.Single(m => m.Name == "Letters"), "letters += c;"));
    }

    [Theory]
    [InlineData(CoverageMode.Set, false)]
    [InlineData(CoverageMode.Count, true)]
    public void A_statement_running_straight_into_a_probed_decision_is_counted_by_its_outcomes_only_when_not_counting(CoverageMode mode, bool probed)
    {
        var shapes = Instrument(mode).Types.Single(t => t.Name == "Shapes");
        Assert.Equal(probed, StartsWithProbe(shapes.Methods.Single(m => m.Name == "Mod"), "public static uint Mod(uint value) => value >= 65521 ? value - 65521 : value;"));
        // Its condition reads an array, which may throw: the statement keeps its probe.
        Assert.True(StartsWithProbe(shapes.Methods.Single(m => m.Name == "FirstOrZero"), "public static int FirstOrZero(int[] items) => items[0] > 0 ? items[0] : 0;"));
    }

    [Fact]
    public void An_outcome_that_is_the_one_way_into_such_a_statement_has_no_probe_either_in_set_mode()
    {
        MethodDefinition Collatz(CoverageMode mode) => Instrument(mode).Types.Single(t => t.Name == "Shapes").Methods.Single(m => m.Name == "Collatz");
        // The loop body is entered only by "n != 1" holding and runs straight into the ?:, so
        // that outcome and the body are read from the ?:'s two: one store per iteration.
        Assert.Equal(4, ProbeStores(Collatz(CoverageMode.Set))); // var steps, loop left, the two arms
        Assert.Equal(7, ProbeStores(Collatz(CoverageMode.Count))); // 5 statements, the ?:'s outcomes (the loop's share the statements they enter)
    }

    [Fact]
    public void Methods_the_JIT_could_inline_before_probes_ask_for_it_unless_they_say_otherwise()
    {
        var (original, instrumented) = Compile(CoverageMode.Set);
        int SizeBefore(string name) => original.Types.Single(t => t.Name == "Shapes").Methods.Single(m => m.Name == name).Body.CodeSize;
        var shapes = instrumented.Types.Single(t => t.Name == "Shapes");
        MethodDefinition After(string name) => shapes.Methods.Single(m => m.Name == name);

        Assert.InRange(SizeBefore("IsSmall"), 0, InliningHint.Tiny);
        Assert.True(After("IsSmall").AggressiveInlining);
        Assert.False(After("IsLarge").AggressiveInlining);
        Assert.True(After("IsLarge").NoInlining);

        Assert.InRange(SizeBefore("OneStatement"), InliningHint.Tiny + 1, InliningHint.JitLimit);
        Assert.InRange(After("OneStatement").Body.CodeSize, 0, InliningHint.JitLimit);
        Assert.False(After("OneStatement").AggressiveInlining);

        Assert.InRange(SizeBefore("Chain"), InliningHint.Tiny + 1, InliningHint.JitLimit);
        Assert.True(After("Chain").Body.CodeSize > InliningHint.JitLimit);
        Assert.True(After("Chain").AggressiveInlining);

        Assert.InRange(SizeBefore("Collatz"), InliningHint.Tiny + 1, InliningHint.HotCallSite);
        Assert.InRange(After("Collatz").Body.CodeSize, InliningHint.HotCallSite + 1, InliningHint.JitLimit);
        Assert.True(After("Collatz").AggressiveInlining);

        Assert.True(SizeBefore("Big") > InliningHint.JitLimit);
        Assert.False(After("Big").AggressiveInlining);
    }

    [Fact]
    public void Count_mode_reads_the_threads_block_once_per_method_unless_it_calls_its_own_module()
    {
        var shapes = Instrument(CoverageMode.Count).Types.Single(t => t.Name == "Shapes");
        // Loops that call nothing: one read at the start, every probe an increment through the local.
        foreach (var name in new[] { "Sum", "Collatz", "Checksum" })
        {
            var method = shapes.Methods.Single(m => m.Name == name);
            Assert.Equal([0], BlockReads(method));
            Assert.StartsWith("stloc", method.Body.Instructions[1].OpCode.Name, StringComparison.Ordinal);
            Assert.True(ProbeStores(method) > 1);
        }
        // Calls to Step, which the JIT inlines with its own read: each probe reads the block itself.
        var chain = shapes.Methods.Single(m => m.Name == "Chain");
        Assert.Equal(6, BlockReads(chain).Count); // one per statement
        Assert.DoesNotContain(chain.Body.Instructions, i => i.OpCode.Name.StartsWith("stloc", StringComparison.Ordinal) && i.Previous?.Operand is MethodReference { Name: "Block" });
    }

    [Fact]
    public void With_contexts_a_probe_reads_the_block_again_only_after_a_call_or_at_a_handler()
    {
        var shapes = Instrument(CoverageMode.Set, contexts: true).Types.Single(t => t.Name == "Shapes");
        // No call in the loop: the read at the start serves every iteration.
        Assert.Equal([0], BlockReads(shapes.Methods.Single(m => m.Name == "Sum")));
        // Each statement after the first follows a call to Step, which could have changed the context.
        var chain = shapes.Methods.Single(m => m.Name == "Chain");
        Assert.Equal(6, BlockReads(chain).Count);
        Assert.False(StartsWithBlockRead(chain, "var a = Step(x);"));
        Assert.True(StartsWithBlockRead(chain, "var b = Step(a) + a;"));
        Assert.True(StartsWithBlockRead(chain, "return Step(e) * 3 + a + b + c + d + e;"));
        // A handler is entered from anywhere in its try, and a leave runs what finally blocks there are.
        var guarded = shapes.Methods.Single(m => m.Name == "Guarded");
        Assert.False(StartsWithBlockRead(guarded, "var y = x + 1;"));
        Assert.True(IsBlockRead(guarded.Body.ExceptionHandlers.Single().HandlerStart)); // y = 0's probe, before the exception's pop
        Assert.True(StartsWithBlockRead(guarded, "return y;"));
    }

    /// <summary>Where the method calls the tracker's <c>Block</c>, by instruction index.</summary>
    private static List<int> BlockReads(MethodDefinition method) =>
        [.. method.Body.Instructions.Select((i, k) => (i, k)).Where(p => p.i is { OpCode.Code: Code.Call, Operand: MethodReference { Name: "Block" } }).Select(p => p.k)];

    private static bool StartsWithBlockRead(MethodDefinition method, string statement) => IsBlockRead(StatementStart(method, statement));

    /// <summary>A probe that reads the block again: <c>call Block; dup; stloc block; ...</c>.</summary>
    private static bool IsBlockRead(Instruction instruction) =>
        instruction is { OpCode.Code: Code.Call, Operand: MethodReference { Name: "Block" }, Next.OpCode.Code: Code.Dup };

    private static Instruction StatementStart(MethodDefinition method, string statement)
    {
        var lines = File.ReadAllLines(method.DebugInformation.SequencePoints[0].Document.Url);
        var point = method.DebugInformation.SequencePoints.Single(p => !p.IsHidden && lines[p.StartLine - 1].Trim() == statement);
        return method.Body.Instructions.Single(i => i.Offset == point.Offset);
    }

    private static bool StartsWithProbe(MethodDefinition method, string statement) => IsProbe(StatementStart(method, statement));

    private static int ProbeStores(MethodDefinition method) => method.Body.Instructions.Count(IsProbe);

    /// <summary>Set mode's <c>ldsfld Hits</c>, or count mode's <c>ldloc block; ldc.i4 8n; add; dup;
    /// ldind.i8</c> (the increment through the method's copy of the thread's block), with
    /// <c>call Block</c> for <c>ldloc block</c> in a body that keeps no copy.</summary>
    private static bool IsProbe(Instruction? i) =>
        i is { OpCode.Code: Code.Ldsfld, Operand: FieldReference { Name: "Hits" } }
        || i is not null && (i.OpCode.Name.StartsWith("ldloc", StringComparison.Ordinal) || i.Operand is MethodReference { Name: "Block" }) && i.Next is { } constant
            && constant.OpCode.Name.StartsWith("ldc.i4", StringComparison.Ordinal)
            && constant.Next is { OpCode.Code: Code.Add, Next: { OpCode.Code: Code.Dup, Next.OpCode.Code: Code.Ldind_I8 } };

    private static ModuleDefinition Instrument(CoverageMode mode, bool contexts = false) => Compile(mode, contexts).Instrumented;

    /// <summary>The shapes as compiled, and as instrumented in <paramref name="mode"/>.</summary>
    private static (ModuleDefinition Original, ModuleDefinition Instrumented) Compile(CoverageMode mode, bool contexts = false)
    {
        var (work, dll) = TargetCompiler.CompileSnippet("shapes", "Shapes", Source, OptimizationLevel.Release);
        var original = ModuleDefinition.ReadModule(new MemoryStream(File.ReadAllBytes(dll)));
        var options = new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), Mode = mode, SourceRoot = work, Contexts = contexts };
        InPlace.Instrument(dll, options);
        return (original, ModuleDefinition.ReadModule(dll, new ReaderParameters { ReadSymbols = true }));
    }
}
