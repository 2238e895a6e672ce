using System.Runtime.CompilerServices;
using FlowCover.Instrumentation;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Cecil's view of an assembly is most of a gigabyte for a large one, and the measured command
/// runs after the assemblies are written: once written, nothing of FlowCover's (the filters
/// shared by every run in the process among them) may keep it alive.
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
    public void Writing_an_assembly_releases_Cecils_view_of_it()
    {
        var (work, dll) = TargetCompiler.CompileSnippet("release", "Calls", Source, OptimizationLevel.Debug);

        var module = PrepareAndWrite(dll, work);
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(module.IsAlive, "the module is still reachable after Write");
    }

    /// <summary>A method of its own, so no local of the test keeps the module.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference PrepareAndWrite(string dll, string work)
    {
        var options = new InstrumentOptions { DataDirectory = Path.Combine(work, "data"), SourceRoot = work };
        var (prepared, skip) = new AssemblyInstrumenter(options).Prepare(dll);
        if (prepared is null)
            throw new InvalidOperationException(skip);
        var module = new WeakReference(prepared.Module);
        prepared.Write();
        return module;
    }
}
