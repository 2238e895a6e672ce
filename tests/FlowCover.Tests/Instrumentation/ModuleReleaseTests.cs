using System.Runtime.CompilerServices;
using FlowCover.Instrumentation;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Cecil's view of an assembly is a good part of the heap for a large one, and the files are
/// written, and the measured command run, after every assembly is prepared: once prepared,
/// nothing of FlowCover's (the filters shared by every run in the process among them) may keep
/// it alive.
/// </summary>
public sealed class ModuleReleaseTests
{
    private const string Source = """
        using System.Diagnostics.CodeAnalysis;

        public static class Calls
        {
            public static int Checked(int x)
            {
                if (x < 0)
                    Fail();
                return Twice(x) + System.Math.Abs(x);
            }

            private static int Twice(int x) => x * 2;

            [DoesNotReturn]
            private static void Fail() => throw new System.ArgumentOutOfRangeException(nameof(Fail));
        }
        """;

    [Fact]
    public void Preparing_an_assembly_releases_Cecils_view_of_it()
    {
        var (work, dll) = TargetCompiler.CompileSnippet("release", "Calls", Source, OptimizationLevel.Debug);

        var original = File.ReadAllBytes(dll);
        var (prepared, module) = Prepare(dll, work);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(module.IsAlive, "the module is still reachable after Prepare");
        prepared.Write(); // What the module was read for is all in the writer.
        Assert.NotEqual(original, File.ReadAllBytes(dll));
    }

    /// <summary>A method of its own, so no local of the test keeps the module.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (PreparedAssembly, WeakReference) Prepare(string dll, string work)
    {
        var options = new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), SourceRoot = work };
        var (prepared, skip) = new AssemblyInstrumenter(options).Prepare(dll);
        if (prepared is null)
            throw new InvalidOperationException(skip);
        return (prepared, prepared.ModuleRead);
    }
}
