using Mono.Cecil;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// Writes signatures (II.23.2) of Cecil's types for another module, naming each class or value
/// type by the token <c>typeToken</c> gives it there. Covers what the tracker template uses:
/// pointers, by-refs, vectors, modifiers, and instances of generic types the framework defines
/// (<c>AsyncLocal&lt;string&gt;</c>) with their type parameters (<c>!0</c>) in member signatures.
/// </summary>
internal sealed class SignatureEncoder(Func<TypeReference, int> typeToken)
{
    public byte[] Field(FieldReference field)
    {
        var blob = new MemoryStream();
        blob.WriteByte(0x06);
        Type(blob, field.FieldType);
        return blob.ToArray();
    }

    public byte[] Method(IMethodSignature method)
    {
        var blob = new MemoryStream();
        var convention = (byte)method.CallingConvention;
        if (method.HasThis)
            convention |= 0x20;
        if (method.ExplicitThis)
            convention |= 0x40;
        blob.WriteByte(convention);
        CompressedInteger.Write(blob, method.Parameters.Count);
        Type(blob, method.ReturnType);
        foreach (var parameter in method.Parameters)
            Type(blob, parameter.ParameterType);
        return blob.ToArray();
    }

    /// <summary>A TypeSpec's blob: the type's signature alone.</summary>
    public byte[] TypeSpec(TypeReference type)
    {
        var blob = new MemoryStream();
        Type(blob, type);
        return blob.ToArray();
    }

    public byte[] Locals(IEnumerable<TypeReference> types)
    {
        var blob = new MemoryStream();
        blob.WriteByte(0x07);
        var list = types.ToList();
        CompressedInteger.Write(blob, list.Count);
        foreach (var type in list)
            Type(blob, type);
        return blob.ToArray();
    }

    private void Type(MemoryStream blob, TypeReference type)
    {
        switch (type)
        {
            case PointerType pointer:
                blob.WriteByte(0x0F);
                Type(blob, pointer.ElementType);
                return;
            case ByReferenceType byReference:
                blob.WriteByte(0x10);
                Type(blob, byReference.ElementType);
                return;
            case PinnedType pinned:
                blob.WriteByte(0x45);
                Type(blob, pinned.ElementType);
                return;
            case ArrayType { IsVector: true } vector:
                blob.WriteByte(0x1D);
                Type(blob, vector.ElementType);
                return;
            case RequiredModifierType required:
                blob.WriteByte(0x1F);
                TypeDefOrRef(blob, required.ModifierType);
                Type(blob, required.ElementType);
                return;
            case OptionalModifierType optional:
                blob.WriteByte(0x20);
                TypeDefOrRef(blob, optional.ModifierType);
                Type(blob, optional.ElementType);
                return;
            case GenericInstanceType instance:
                blob.WriteByte(0x15);
                blob.WriteByte(instance.ElementType.IsValueType ? (byte)0x11 : (byte)0x12);
                TypeDefOrRef(blob, instance.ElementType);
                CompressedInteger.Write(blob, instance.GenericArguments.Count);
                foreach (var argument in instance.GenericArguments)
                    Type(blob, argument);
                return;
            case GenericParameter parameter:
                blob.WriteByte(parameter.Type == GenericParameterType.Type ? (byte)0x13 : (byte)0x1E);
                CompressedInteger.Write(blob, parameter.Position);
                return;
            case TypeSpecification:
                throw new NotSupportedException($"the tracker template uses {type.FullName}, a type its rules exclude");
        }
        if (ElementType(type) is { } element)
        {
            blob.WriteByte(element);
            return;
        }
        blob.WriteByte(type.IsValueType ? (byte)0x11 : (byte)0x12);
        TypeDefOrRef(blob, type);
    }

    private void TypeDefOrRef(MemoryStream blob, TypeReference type) =>
        CompressedInteger.Write(blob, (int)TableSchema.Coded(TableSchema.TypeDefOrRef, typeToken(type)));

    /// <summary>The element type of a primitive, string or object; null for any other type.</summary>
    private static byte? ElementType(TypeReference type) => type.Namespace != "System" ? null : type.MetadataType switch
    {
        MetadataType.Void => 0x01,
        MetadataType.Boolean => 0x02,
        MetadataType.Char => 0x03,
        MetadataType.SByte => 0x04,
        MetadataType.Byte => 0x05,
        MetadataType.Int16 => 0x06,
        MetadataType.UInt16 => 0x07,
        MetadataType.Int32 => 0x08,
        MetadataType.UInt32 => 0x09,
        MetadataType.Int64 => 0x0A,
        MetadataType.UInt64 => 0x0B,
        MetadataType.Single => 0x0C,
        MetadataType.Double => 0x0D,
        MetadataType.String => 0x0E,
        MetadataType.TypedByReference => 0x16,
        MetadataType.IntPtr => 0x18,
        MetadataType.UIntPtr => 0x19,
        MetadataType.Object => 0x1C,
        _ => null,
    };
}
