using Mono.Cecil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Lets Cecil resolve what an assembly references (needed to read attributes such as
/// [DoesNotReturn] on called methods): its own folder, then the shared frameworks (ASP.NET Core
/// and the rest) of the version <see cref="SharedFramework"/> found.
/// </summary>
internal static class AssemblyResolution
{
    private static readonly Lazy<string[]> FrameworkDirectories = new(() =>
    {
        var runtime = SharedFramework.Directory.TrimEnd('/');
        var version = Path.GetFileName(runtime);
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(runtime));
        if (shared is null || !Directory.Exists(shared))
            return [runtime];
        return Directory.GetDirectories(shared).Select(f => Path.Combine(f, version)).Where(Directory.Exists).Prepend(runtime).Distinct().ToArray();
    });

    public static IAssemblyResolver For(string assemblyPath)
    {
        var resolver = new SharedResolver();
        foreach (var directory in resolver.GetSearchDirectories())
            resolver.RemoveSearchDirectory(directory);
        resolver.AddSearchDirectory(Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!);
        foreach (var directory in FrameworkDirectories.Value)
            resolver.AddSearchDirectory(directory);
        return resolver;
    }

    /// <summary>Methods are analysed in parallel and any of them may resolve a callee; the
    /// default resolver's cache is a plain dictionary, so resolutions take turns.</summary>
    private sealed class SharedResolver : DefaultAssemblyResolver
    {
        private readonly Lock _gate = new();

        public override AssemblyDefinition Resolve(AssemblyNameReference name, ReaderParameters parameters)
        {
            lock (_gate)
                return base.Resolve(name, parameters);
        }
    }
}
