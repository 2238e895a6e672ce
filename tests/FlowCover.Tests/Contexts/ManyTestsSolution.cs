using System.Text;
using FlowCover.Tests.Cli;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// A real xUnit v2 suite of <see cref="Tests"/> tests (classes of 100) over <see cref="Libraries"/>
/// libraries of 100 methods of 4 statements each, measured once by
/// <c>flowcover test --contexts test</c>. Test n calls, in library l, the methods
/// <see cref="Calls"/> names, so the tests that ran any line are known. When the test host exits
/// it writes the hit files it has mapped (<c>/proc/self/maps</c>) to <see cref="MapsFile"/>. One more
/// test, <c>Suite.Tests.Killed.RunsThenDies</c>, does nothing but in a run of its own (<see cref="Killed"/>).
/// </summary>
public sealed class ManyTestsSolution
{
    // 600 tests: enough for each module's arena to grow past its first 256 KiB chunk (a block
    // is about 768 bytes here), and 1,200 test-module pairs where a file or mapping each would show.
    public const int Tests = 600;
    public const int Libraries = 2;
    public const int Methods = 100;

    public string Root { get; } = Scratch.Folder("many-tests");

    public FlowCoverProcess FlowCover { get; } = new();

    public FlowCoverProcess.Result Measured { get; }

    public string MapsFile => Path.Combine(Root, "hit-maps.txt");

    public ManyTestsSolution()
    {
        for (var library = 0; library < Libraries; library++)
        {
            Write($"Lib{library}/Lib{library}.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
                </Project>
                """);
            Write($"Lib{library}/Ops.cs", Library(library));
        }
        var references = string.Concat(Enumerable.Range(0, Libraries).Select(l => $"""<ProjectReference Include="../Lib{l}/Lib{l}.csproj" />"""));
        Write("Suite.Tests/Suite.Tests.csproj", TestProjects.XunitV2("../Lib0/Lib0.csproj").Replace("""<ProjectReference Include="../Lib0/Lib0.csproj" />""", references, StringComparison.Ordinal));
        Write("Suite.Tests/HitMaps.cs", $$"""
            using System;
            using System.IO;
            using System.Linq;
            using System.Runtime.CompilerServices;

            namespace Suite.Tests;

            internal static class HitMaps
            {
                [ModuleInitializer]
                internal static void WhenTheHostExits() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                    File.WriteAllLines({{Literal(MapsFile)}}, File.ReadAllLines("/proc/self/maps").Where(l => l.EndsWith(".hits", StringComparison.Ordinal)));
            }
            """);
        Write("Suite.Tests/Killed.cs", $$"""
            namespace Suite.Tests;

            public sealed class Killed
            {
                // Runs only when asked: ran a method, then the test host is killed (SIGKILL).
                [Xunit.Fact]
                public void RunsThenDies()
                {
                    if (System.Environment.GetEnvironmentVariable("SUITE_KILL") != "1")
                        return;
                    Lib0.Ops.F{{KilledMethod}}(1);
                    System.Diagnostics.Process.GetCurrentProcess().Kill();
                }
            }
            """);
        for (var type = 0; type < Tests / 100; type++)
            Write($"Suite.Tests/C{type:D3}.cs", TestClass(type));
        Measured = FlowCover.Run(Root, "test", "Suite.Tests", "--contexts", "test");
        Killed = FlowCover.Run(Root, new Dictionary<string, string> { ["SUITE_KILL"] = "1" },
            "test", "Suite.Tests", "--contexts", "test", "--data-file", "killed.flowcover", "--", "--filter", "FullyQualifiedName~Killed");
    }

    /// <summary>The run of the one test that kills its test host after it called
    /// <see cref="KilledMethod"/> of Lib0, into <c>killed.flowcover</c>.</summary>
    public FlowCoverProcess.Result Killed { get; }

    public const int KilledMethod = 3;

    /// <summary>The methods test <paramref name="test"/> calls in library <paramref name="library"/>.</summary>
    public static IEnumerable<int> Calls(int test, int library) => new[] { (test * 37 + library) % Methods, (test / 100 + 3 * library) % Methods }.Distinct();

    public static string TestName(int test) => $"Suite.Tests.C{test / 100:D3}.T{test % 100:D2}";

    /// <summary>The line of method <paramref name="method"/>'s first statement in Ops.cs.</summary>
    public static int FirstLineOf(int method) => 8 + 8 * method;

    private static string Library(int library)
    {
        var text = new StringBuilder($"namespace Lib{library};\n\npublic static class Ops\n{{\n");
        for (var method = 0; method < Methods; method++)
        {
            // Eight lines a method: a blank line, the signature, the brace, four statements, the brace.
            text.Append($"\n    public static int F{method}(int x)\n    {{\n        var a = x + {method};\n        var b = a * {library + 2};\n        if (b % 7 == 0) b++;\n        return b;\n    }}\n");
        }
        return text.Append("}\n").ToString();
    }

    private static string TestClass(int type)
    {
        var text = new StringBuilder($"namespace Suite.Tests;\n\npublic sealed class C{type:D3}\n{{\n");
        for (var method = 0; method < 100; method++)
        {
            var test = type * 100 + method;
            text.Append($"    [Xunit.Fact]\n    public void T{method:D2}()\n    {{\n");
            for (var library = 0; library < Libraries; library++)
                foreach (var called in Calls(test, library))
                    text.Append($"        Lib{library}.Ops.F{called}({test});\n");
            text.Append("    }\n\n");
        }
        return text.Append("}\n").ToString();
    }

    private static string Literal(string text) => "@\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}
