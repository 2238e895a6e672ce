using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The preprocessor symbols an assembly was compiled with (<c>DEBUG</c>, <c>TRACE</c>,
/// <c>NET10_0_OR_GREATER</c>, a project's own), as the compiler records them in its portable
/// PDB's compilation options (the <c>define</c> entry). Source files are parsed with them, so
/// code under <c>#if SYMBOL</c> is code where the compiler saw code, not disabled text with no
/// statements or conditions. None when the PDB cannot be read or does not record them.
/// </summary>
internal static class CompilationDefines
{
    /// <summary>The kind of the module's custom debug information that holds the options.</summary>
    private static readonly Guid CompilationOptions = new("b5feec05-8cd0-4a83-96da-466284bb4bd8");

    public static IReadOnlyList<string> Of(string assemblyPath)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(assemblyPath));
            if (!pe.TryOpenAssociatedPortablePdb(assemblyPath, path => File.Exists(path) ? File.OpenRead(path) : null, out var provider, out _) || provider is null)
                return [];
            using (provider)
            {
                var pdb = provider.GetMetadataReader();
                foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
                {
                    var information = pdb.GetCustomDebugInformation(handle);
                    if (pdb.GetGuid(information.Kind) == CompilationOptions)
                        return In(pdb.GetBlobBytes(information.Value));
                }
            }
            return [];
        }
        // Unreadable or damaged bytes: the check that reads the assembly next names them.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException
            or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return [];
        }
    }

    /// <summary>The symbols of the options blob: UTF-8 names and values, each ended by a zero
    /// byte; the value of <c>define</c> lists the symbols, separated by commas.</summary>
    internal static IReadOnlyList<string> In(byte[] options)
    {
        var parts = Encoding.UTF8.GetString(options).Split('\0');
        for (var k = 0; k + 1 < parts.Length; k += 2)
            if (parts[k] == "define")
                return [.. parts[k + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return [];
    }
}
