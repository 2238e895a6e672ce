using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// Compiles C# sources into an assembly with a portable PDB, in Debug or Release, using Roslyn
/// in-process: the same compiler the SDK runs, without an MSBuild round trip per target.
/// </summary>
public static class TargetCompiler
{
    private static readonly Lazy<MetadataReference[]> FrameworkReferences = new(() =>
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(runtime, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });

    /// <summary>The framework's assemblies, as every target here references them.</summary>
    public static IReadOnlyList<MetadataReference> References => FrameworkReferences.Value;

    /// <summary>Writes <paramref name="source"/> as <c>{name}.cs</c> in a new scratch folder and
    /// compiles it there into <c>bin/{name}.dll</c>; returns the folder and the assembly.</summary>
    public static (string Work, string Dll) CompileSnippet(string purpose, string name, string source, OptimizationLevel optimization,
        OutputKind kind = OutputKind.DynamicallyLinkedLibrary, Func<CSharpCompilationOptions, CSharpCompilationOptions>? configure = null, bool embedPdb = false,
        IReadOnlyList<string>? references = null, IReadOnlyList<string>? defines = null)
    {
        var work = Scratch.Folder(purpose);
        Directory.CreateDirectory(work);
        var path = Path.Combine(work, name + ".cs");
        File.WriteAllText(path, source);
        return (work, Compile([path], Path.Combine(work, "bin"), name, optimization, kind, configure, embedPdb, references, defines));
    }

    /// <param name="references">Assemblies the sources use besides the framework.</param>
    /// <param name="defines">Preprocessor symbols, as a project's DefineConstants.</param>
    /// <returns>The path of the written assembly (its PDB beside it, or inside it when
    /// <paramref name="embedPdb"/>).</returns>
    public static string Compile(IEnumerable<string> sourcePaths, string outputDirectory, string assemblyName, OptimizationLevel optimization, OutputKind kind,
        Func<CSharpCompilationOptions, CSharpCompilationOptions>? configure = null, bool embedPdb = false, IReadOnlyList<string>? references = null,
        IReadOnlyList<string>? defines = null)
    {
        Directory.CreateDirectory(outputDirectory);
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: defines);
        // From the file's bytes, as csc reads it: the PDB's checksum is then the file's (SHA256,
        // csc's default), so reports find the sources unchanged since the build.
        var trees = sourcePaths.Select(p =>
        {
            using var file = File.OpenRead(p);
            return CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(file, System.Text.Encoding.UTF8, Microsoft.CodeAnalysis.Text.SourceHashAlgorithm.Sha256), parse, path: p);
        });
        var allReferences = FrameworkReferences.Value.Concat((references ?? []).Select(r => MetadataReference.CreateFromFile(r)));
        var compilation = CSharpCompilation.Create(assemblyName, trees, allReferences,
            (configure ?? (o => o))(new CSharpCompilationOptions(kind, optimizationLevel: optimization, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true)));
        var dll = Path.Combine(outputDirectory, assemblyName + ".dll");
        var pdb = Path.ChangeExtension(dll, ".pdb");
        using (var peStream = File.Create(dll))
        using (var pdbStream = embedPdb ? null : File.Create(pdb))
        {
            var format = embedPdb ? DebugInformationFormat.Embedded : DebugInformationFormat.PortablePdb;
            var result = compilation.Emit(peStream, pdbStream, options: new EmitOptions(debugInformationFormat: format, pdbFilePath: pdb));
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (!result.Success)
                throw new InvalidOperationException("targets do not compile:\n" + string.Join('\n', errors.Take(20)));
        }
        return dll;
    }
}
