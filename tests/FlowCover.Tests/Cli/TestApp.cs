using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;

namespace FlowCover.Tests.Cli;

/// <summary>
/// A small console program compiled for a test into its own folder (dll, pdb and
/// runtimeconfig.json), runnable with <c>dotnet app.dll</c> like any built app. Its source is
/// written under the folder, so FlowCover's default "sources under the current directory" rule
/// holds when the test runs flowcover from there.
/// </summary>
public sealed class TestApp
{
    public string Directory { get; }
    public string BinDirectory => Path.Combine(Directory, "bin");
    public string Dll => Path.Combine(BinDirectory, Name + ".dll");
    public string SourcePath => Path.Combine(Directory, Name + ".cs");
    public string Name { get; }

    private TestApp(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public static TestApp Create(string name, string source, OptimizationLevel optimization = OptimizationLevel.Debug,
        Func<Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions, Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions>? configure = null,
        IReadOnlyList<string>? references = null)
    {
        var (directory, _) = TargetCompiler.CompileSnippet("app", name, source, optimization, OutputKind.ConsoleApplication, configure, references: references);
        var app = new TestApp(directory, name);
        File.WriteAllText(Path.Combine(app.BinDirectory, name + ".runtimeconfig.json"),
            """{"runtimeOptions":{"tfm":"net10.0","framework":{"name":"Microsoft.NETCore.App","version":"10.0.0"}}}""");
        return app;
    }

    /// <summary>Every file of the build output with its bytes, to prove nothing changed.</summary>
    public Dictionary<string, byte[]> Snapshot() =>
        System.IO.Directory.GetFiles(BinDirectory).ToDictionary(f => f, File.ReadAllBytes);
}
