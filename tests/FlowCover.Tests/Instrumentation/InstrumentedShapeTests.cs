using FlowCover.Data;
using FlowCover.Instrumentation;
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

            public static bool IsSmall(int x) => x < 10;

            [MethodImpl(MethodImplOptions.NoInlining)]
            public static bool IsLarge(int x) => x > 10;

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
        Assert.True(StartsWithProbe(method, "n--;"));
    }

    [Fact]
    public void Methods_small_enough_to_inline_ask_for_it_unless_they_say_otherwise()
    {
        var shapes = Instrument(CoverageMode.Set).Types.Single(t => t.Name == "Shapes");
        Assert.True(shapes.Methods.Single(m => m.Name == "IsSmall").AggressiveInlining);
        Assert.False(shapes.Methods.Single(m => m.Name == "IsLarge").AggressiveInlining);
        Assert.True(shapes.Methods.Single(m => m.Name == "IsLarge").NoInlining);
        Assert.False(shapes.Methods.Single(m => m.Name == "Big").AggressiveInlining);
    }

    private static bool StartsWithProbe(MethodDefinition method, string statement)
    {
        var lines = File.ReadAllLines(method.DebugInformation.SequencePoints[0].Document.Url);
        var point = method.DebugInformation.SequencePoints.Single(p => !p.IsHidden && lines[p.StartLine - 1].Trim() == statement);
        var first = method.Body.Instructions.Single(i => i.Offset == point.Offset);
        return first.OpCode == OpCodes.Ldsfld && ((FieldReference)first.Operand).Name == "Hits";
    }

    private static ModuleDefinition Instrument(CoverageMode mode)
    {
        var work = Path.Combine(Path.GetTempPath(), "flowcover-shapes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, "Shapes.cs");
        File.WriteAllText(source, Source);
        var dll = TargetCompiler.Compile([source], Path.Combine(work, "bin"), "Shapes", OptimizationLevel.Release, OutputKind.DynamicallyLinkedLibrary);
        var options = new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), Mode = mode, SourceRoot = work };
        var (prepared, skip) = new AssemblyInstrumenter(options).Prepare(dll);
        (prepared ?? throw new InvalidOperationException(skip)).Write();
        return ModuleDefinition.ReadModule(dll, new ReaderParameters { ReadSymbols = true });
    }
}
