using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using FlowCover.Data;
using System.Reflection.PortableExecutable;

namespace FlowCover.Instrumentation;

/// <summary>
/// Tells a damaged assembly or PDB from a FlowCover bug, after instrumenting one failed. Cecil
/// and the writer read lazily, and a damaged file fails them far from the read, in any way (an
/// index out of range, an end of stream, a null): the exception alone cannot say whose fault
/// it was. This reads the files again with System.Reflection.Metadata, which checks what it
/// reads, through everything instrumenting reads: headers, every metadata table and heap
/// reference, every method body, and the PDB's documents and sequence points. What it finds
/// is the user's to fix (rebuild); a failure on files it reads whole is FlowCover's.
/// </summary>
public static class DamagedInput
{
    /// <summary>The one-line error for <paramref name="failure"/>, thrown while instrumenting
    /// <paramref name="assemblyPath"/>: the damaged file and the fix, or, when both files read
    /// whole, that it is most likely FlowCover's bug.</summary>
    public static UserError Explain(string assemblyPath, Exception failure) => Find(assemblyPath) is var (file, problem)
        ? Error(file, problem, failure)
        // Thrown only on what a file holds, by Cecil and by the writer (which says what).
        : failure is BadImageFormatException
        ? Error(assemblyPath, $"damaged ({(failure.Message.Length > 0 ? Describe(failure) : "unreadable")})", failure)
        // The writer's word for a layout it cannot patch (no compiler makes it, but it is sound).
        : failure is NotSupportedException
        ? new UserError($"{assemblyPath}: its layout cannot be instrumented ({Describe(failure)}); leave it out with --exclude, and report it if a normal build made it.", failure)
        : new UserError($"{assemblyPath}: cannot be instrumented ({Describe(failure)}), though it and its PDB read as sound: "
            + "most likely a FlowCover bug, please report it; meanwhile leave it out with --exclude.", failure);

    // The runtime's own message for running out of memory names its type.
    private static string Describe(Exception e) => e is OutOfMemoryException ? "it ran out of memory" : e.Message.ReplaceLineEndings(" ");

    /// <summary>The one-line error for a damaged <paramref name="file"/>.</summary>
    public static UserError Error(string file, string problem, Exception? failure = null) =>
        new($"{file}: {problem}; rebuild the project, or leave it out with --exclude.", failure);

    /// <summary>The damaged file and what is wrong with it, or null when both read whole.</summary>
    public static (string File, string Problem)? Find(string assemblyPath)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(assemblyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (assemblyPath, "cannot be read: " + e.Message);
        }
        using var pe = new PEReader(new MemoryStream(bytes, writable: false));
        MetadataReader metadata;
        int[] ilSizes;
        try
        {
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null)
                return (assemblyPath, "not a .NET assembly");
            foreach (var section in pe.PEHeaders.SectionHeaders)
                if ((long)section.PointerToRawData + section.SizeOfRawData > bytes.Length)
                    return (assemblyPath, "truncated (a section ends past the end of the file)");
        }
        catch (Exception e) when (IsDamage(e))
        {
            return (assemblyPath, "not a .NET assembly, or a truncated one");
        }
        try
        {
            metadata = pe.GetMetadataReader();
            ilSizes = ReadAll(pe, metadata);
        }
        catch (Exception e) when (IsDamage(e))
        {
            return (assemblyPath, $"its .NET metadata or code is damaged or truncated: {Describe(e)}");
        }
        var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        try
        {
            using var provider = File.Exists(pdbPath)
                ? MetadataReaderProvider.FromPortablePdbImage(File.ReadAllBytes(pdbPath).ToImmutableArray())
                : pe.ReadDebugDirectory().FirstOrDefault(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb) is { DataSize: > 0 } embedded
                    ? pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded)
                    : null;
            if (provider is not null)
                ReadAll(provider.GetMetadataReader(), metadata, ilSizes);
        }
        catch (Exception e) when (IsDamage(e))
        {
            return File.Exists(pdbPath) ? (pdbPath, "the PDB is damaged or truncated") : (assemblyPath, "its embedded PDB is damaged or truncated");
        }
        return null;
    }

    // What System.Reflection.Metadata throws on bytes that do not hold what their headers say.
    private static bool IsDamage(Exception e) =>
        e is BadImageFormatException or InvalidOperationException or ArgumentException or OverflowException or IndexOutOfRangeException;

    /// <summary>Reads the assembly through; returns the size of each method's IL by its row.</summary>
    private static int[] ReadAll(PEReader pe, MetadataReader metadata)
    {
        var ilSizes = new int[metadata.MethodDefinitions.Count + 1];
        var signatures = new SignatureCheck(metadata);
        _ = metadata.GetAssemblyDefinition().Name;
        foreach (var handle in metadata.AssemblyReferences)
            _ = metadata.GetString(metadata.GetAssemblyReference(handle).Name);
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            _ = metadata.GetString(type.Name) + metadata.GetString(type.Namespace);
            CheckHandle(metadata, type.ResolutionScope);
        }
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            _ = metadata.GetString(type.Name) + metadata.GetString(type.Namespace);
            CheckHandle(metadata, type.BaseType);
            foreach (var implementation in type.GetInterfaceImplementations())
                CheckHandle(metadata, metadata.GetInterfaceImplementation(implementation).Interface);
            _ = type.GetFields().Count + type.GetProperties().Count + type.GetEvents().Count + type.GetNestedTypes().Length;
            _ = type.GetInterfaceImplementations().Count + type.GetMethodImplementations().Count + type.GetGenericParameters().Count;
        }
        foreach (var handle in metadata.FieldDefinitions)
        {
            var field = metadata.GetFieldDefinition(handle);
            _ = metadata.GetString(field.Name) + field.DecodeSignature(signatures, null);
        }
        foreach (var handle in metadata.MethodDefinitions)
        {
            var method = metadata.GetMethodDefinition(handle);
            _ = metadata.GetString(method.Name) + method.DecodeSignature(signatures, null).ReturnType;
            foreach (var parameter in method.GetParameters())
                _ = metadata.GetString(metadata.GetParameter(parameter).Name);
            if (method.RelativeVirtualAddress != 0)
            {
                var body = pe.GetMethodBody(method.RelativeVirtualAddress);
                ReadBody(body, metadata);
                ilSizes[MetadataTokens.GetRowNumber(handle)] = body.GetILReader().Length;
            }
        }
        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.IsNil)
                throw new BadImageFormatException("a member reference has no parent");
            CheckHandle(metadata, member.Parent);
            _ = metadata.GetString(member.Name) + (member.GetKind() == MemberReferenceKind.Field
                ? member.DecodeFieldSignature(signatures, null)
                : member.DecodeMethodSignature(signatures, null).ReturnType);
        }
        foreach (var handle in metadata.CustomAttributes)
        {
            var attribute = metadata.GetCustomAttribute(handle);
            CheckHandle(metadata, attribute.Parent);
            CheckHandle(metadata, attribute.Constructor);
            _ = metadata.GetBlobBytes(attribute.Value).Length;
        }
        foreach (var handle in metadata.PropertyDefinitions)
            _ = metadata.GetPropertyDefinition(handle).DecodeSignature(signatures, null).ReturnType;
        for (var row = 1; row <= metadata.GetTableRowCount(TableIndex.TypeSpec); row++)
            _ = metadata.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row)).DecodeSignature(signatures, null);
        for (var row = 1; row <= metadata.GetTableRowCount(TableIndex.MethodSpec); row++)
            _ = metadata.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row)).DecodeSignature(signatures, null).Length;
        for (var row = 1; row <= metadata.GetTableRowCount(TableIndex.StandAloneSig); row++)
        {
            var signature = metadata.GetStandaloneSignature(MetadataTokens.StandaloneSignatureHandle(row));
            _ = signature.GetKind() == StandaloneSignatureKind.LocalVariables
                ? signature.DecodeLocalSignature(signatures, null).Length
                : signature.DecodeMethodSignature(signatures, null).ReturnType;
        }
        return ilSizes;
    }

    /// <summary>A reference from one row to another: nil, or a row that exists.</summary>
    private static void CheckHandle(MetadataReader metadata, EntityHandle handle)
    {
        if (!handle.IsNil)
            CheckToken(metadata, MetadataTokens.GetToken(handle));
    }

    /// <summary>A body's code, walked instruction by instruction: every operand inside the
    /// body, every token naming a row that exists, every branch landing inside the body.</summary>
    private static void ReadBody(MethodBodyBlock body, MetadataReader metadata)
    {
        _ = body.ExceptionRegions.Length;
        if (!body.LocalSignature.IsNil)
            _ = metadata.GetBlobBytes(metadata.GetStandaloneSignature(body.LocalSignature).Signature).Length;
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            int code = il.ReadByte();
            if (code == 0xFE)
                code = 0xFE00 | il.ReadByte();
            var operand = ILOperands.SizeOf(code);
            if (operand == ILOperands.Invalid)
                throw new BadImageFormatException($"no instruction 0x{code:X2}");
            if (operand == ILOperands.Switch)
            {
                // The count first: `il.Offset += 4 * il.ReadUInt32()` would read Offset before
                // the count moved it.
                var targets = checked((int)il.ReadUInt32());
                il.Offset += 4 * targets;
            }
            else if (operand == ILOperands.Token)
                CheckToken(metadata, il.ReadInt32());
            else
                il.Offset += operand;
        }
    }

    private static void CheckToken(MetadataReader metadata, int token)
    {
        var table = token >>> 24;
        var row = token & 0xFFFFFF;
        if (table == 0x70)
        {
            _ = metadata.GetUserString(MetadataTokens.UserStringHandle(row));
            return;
        }
        if (table > (int)TableIndex.CustomDebugInformation || row == 0 || row > metadata.GetTableRowCount((TableIndex)table))
            throw new BadImageFormatException($"token 0x{token:X8} names no row");
    }

    private static void ReadAll(MetadataReader pdb, MetadataReader assembly, int[] ilSizes)
    {
        foreach (var handle in pdb.Documents)
        {
            var document = pdb.GetDocument(handle);
            _ = pdb.GetString(document.Name) + pdb.GetBlobBytes(document.Hash).Length + pdb.GetGuid(document.Language);
        }
        foreach (var handle in pdb.MethodDebugInformation)
        {
            var info = pdb.GetMethodDebugInformation(handle);
            if (!info.Document.IsNil)
                _ = pdb.GetDocument(info.Document);
            // In order and inside the body: the writer moves each with its instruction.
            var row = MetadataTokens.GetRowNumber(handle);
            var previous = -1;
            foreach (var point in info.GetSequencePoints())
            {
                _ = pdb.GetDocument(point.Document);
                if (point.Offset <= previous || (row < ilSizes.Length && point.Offset >= ilSizes[row]))
                    throw new BadImageFormatException($"a sequence point at IL offset {point.Offset} is out of order or outside its method");
                previous = point.Offset;
            }
            if (!info.LocalSignature.IsNil && MetadataTokens.GetRowNumber(info.LocalSignature) > assembly.GetTableRowCount(TableIndex.StandAloneSig))
                throw new BadImageFormatException("a method's locals name no signature");
        }
        foreach (var handle in pdb.LocalScopes)
        {
            var scope = pdb.GetLocalScope(handle);
            foreach (var local in scope.GetLocalVariables())
                _ = pdb.GetString(pdb.GetLocalVariable(local).Name);
            foreach (var constant in scope.GetLocalConstants())
                _ = pdb.GetBlobBytes(pdb.GetLocalConstant(constant).Signature).Length;
        }
        foreach (var handle in pdb.CustomDebugInformation)
            _ = pdb.GetBlobBytes(pdb.GetCustomDebugInformation(handle).Value).Length;
        if (pdb.MethodDebugInformation.Count != 0 && pdb.MethodDebugInformation.Count != assembly.MethodDefinitions.Count)
            throw new BadImageFormatException("the PDB describes another number of methods than the assembly has");
    }
}
