using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace FlowCover.Instrumentation;

/// <summary>Whether the C# compiler optimized an assembly (a Release build), read from the
/// assembly-level <c>Debuggable</c> attribute it writes: a Debug build's disables the JIT
/// optimizer, a Release build's does not. Without the attribute nothing is said. Asked of what a
/// run has read already (the bytes the writer holds, a cached build's), not of the file.</summary>
public static class OptimizedBuild
{
    // DebuggableAttribute.DebuggingModes.DisableOptimizations.
    private const int DisableOptimizations = 0x100;

    /// <summary>Whether the assembly whose bytes are <paramref name="assembly"/> is optimized;
    /// false when they hold no metadata.</summary>
    public static bool Of(byte[] assembly)
    {
        try
        {
            using var pe = new PEReader(ImmutableCollectionsMarshal.AsImmutableArray(assembly));
            return pe.HasMetadata && Of(pe.GetMetadataReader());
        }
        catch (BadImageFormatException)
        {
            return false; // The run itself reports an unreadable assembly.
        }
    }

    private static bool Of(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (IsDebuggable(metadata, attribute.Constructor))
                return !DisablesOptimizer(metadata.GetBlobReader(attribute.Value));
        }
        return false;
    }

    private static bool IsDebuggable(MetadataReader metadata, EntityHandle constructor)
    {
        if (constructor.Kind != HandleKind.MemberReference)
            return false;
        var parent = metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
            return false;
        var type = metadata.GetTypeReference((TypeReferenceHandle)parent);
        return metadata.StringComparer.Equals(type.Name, "DebuggableAttribute")
            && metadata.StringComparer.Equals(type.Namespace, "System.Diagnostics");
    }

    /// <summary>The attribute's value: a prolog, then either the modes (an int) or two booleans,
    /// JIT tracking and JIT optimizer disabled.</summary>
    private static bool DisablesOptimizer(BlobReader value)
    {
        if (value.Length < 4 || value.ReadUInt16() != 1)
            return false;
        if (value.RemainingBytes >= 4 + 2)
            return (value.ReadInt32() & DisableOptimizations) != 0;
        value.ReadBoolean();
        return value.ReadBoolean();
    }
}
