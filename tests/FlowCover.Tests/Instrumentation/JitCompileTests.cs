using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using FlowCover.Instrumentation;
using FlowCover.Tests.Validation;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Every method body of a real library, instrumented, must still be IL the JIT accepts: a probe
/// in the wrong place unbalances the stack or breaks a protected region, and the JIT says so
/// (InvalidProgramException) without any of the code having to run. The libraries are the
/// Release builds, with portable PDBs, that the tests use themselves. Each copy is loaded into
/// a context of its own and every method that is not generic is compiled after instrumenting
/// (counted before; compiled before too only when a method fails after, to say whose failure it is).
/// </summary>
public sealed class JitCompileTests
{
    [Theory]
    [InlineData("Mono.Cecil")]
    [InlineData("Microsoft.CodeAnalysis")]
    public void Every_method_of_the_instrumented_library_compiles(string library)
    {
        var work = Scratch.Folder("jit-" + library);
        var dll = PackageLibraries.CopyTo(library, Path.Combine(work, "bin"));
        // The methods as built are counted, not compiled: the library as built is compiled only
        // when the instrumented one fails, to tell failures of the probes from failures the
        // library has without them (a JIT pass over a library this size costs as much as the one
        // that matters).
        var (before, _) = CompileAll(dll, compile: false);

        var model = InPlace.Instrument(dll, new InstrumentOptions
        {
            DataDirectory = Path.Combine(work, "data"),
            SourceRoot = work,
            Sources = [new Glob("**")],
        });
        var (after, failures) = CompileAll(dll);

        Assert.True(model.ProbeCount > 1000, $"{model.ProbeCount} probes");
        if (failures.Count > 0)
        {
            var (_, failuresBefore) = CompileAll(PackageLibraries.CopyTo(library, Path.Combine(work, "as-built")));
            Assert.Fail("instrumented, the JIT refuses:\n" + string.Join('\n', failures) + (failuresBefore.Count == 0
                ? "\nthe library as built compiles"
                : "\nand the library as built, without probes, already fails:\n" + string.Join('\n', failuresBefore)));
        }
        // The same methods, and the tracker's, which is cloned whole into the module.
        Assert.Equal(before + Compilable(typeof(FlowCover.Runtime.ModuleTracker)).Count(), after);
    }

    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The methods of a type that the JIT compiles here: with a body, not generic.</summary>
    private static IEnumerable<MethodBase> Compilable(Type type) =>
        type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All))
            .Where(m => !m.IsAbstract && !m.ContainsGenericParameters && m.GetMethodBody() is not null);

    /// <summary>Compiles every non-generic method with a body; returns how many, and the
    /// failures with the method each was in. Without <paramref name="compile"/>, only counts them.</summary>
    private static (int Compiled, List<string> Failures) CompileAll(string dll, bool compile = true)
    {
        var context = new AssemblyLoadContext("jit " + Guid.NewGuid(), isCollectible: true);
        // Its own dependencies from the test's folder, each a copy in this context too.
        context.Resolving += (c, name) => Path.Combine(AppContext.BaseDirectory, name.Name + ".dll") is var path && File.Exists(path)
            ? c.LoadFromStream(new MemoryStream(File.ReadAllBytes(path)))
            : null;
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(File.ReadAllBytes(dll)));
            var compiled = 0;
            var failures = new List<string>();
            foreach (var type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
            {
                foreach (var method in Compilable(type))
                {
                    try
                    {
                        if (compile)
                            RuntimeHelpers.PrepareMethod(method.MethodHandle);
                        compiled++;
                    }
                    catch (Exception e) when (e is InvalidProgramException or BadImageFormatException or TypeLoadException)
                    {
                        failures.Add($"{type.FullName}.{method.Name}: {e.Message}");
                        // A broken probe breaks thousands of methods; ten say enough, and the
                        // JIT's memory for failed compilations grows without bound.
                        if (failures.Count == 10)
                            return (compiled, failures);
                    }
                }
            }
            return (compiled, failures);
        }
        finally
        {
            context.Unload();
        }
    }
}
