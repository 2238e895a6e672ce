namespace FlowCover.Tests.Instrumentation;

/// <summary>Real Release libraries with portable PDBs: the ones the test project itself
/// references, whose PDBs it copies beside them (<c>CopyDebugSymbolFilesFromPackages</c>).</summary>
internal static class PackageLibraries
{
    /// <summary>Copies <c>{name}.dll</c> and <c>{name}.pdb</c> from the tests' folder into
    /// <paramref name="folder"/>; returns the copy of the assembly.</summary>
    public static string CopyTo(string name, string folder)
    {
        Directory.CreateDirectory(folder);
        var dll = Path.Combine(folder, name + ".dll");
        foreach (var extension in new[] { ".dll", ".pdb" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, name + extension), Path.ChangeExtension(dll, extension));
        return dll;
    }
}
