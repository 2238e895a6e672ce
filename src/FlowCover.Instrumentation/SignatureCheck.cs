using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace FlowCover.Instrumentation;

/// <summary>
/// Decodes signatures only to find damage: System.Reflection.Metadata's decoder checks each
/// signature's structure, and this checks that every type it names is a row that exists (a
/// damaged blob naming row 0 or past the table is what trips Cecil later). Every type decodes to
/// 0: nothing here needs a value. See <see cref="DamagedInput"/>.
/// </summary>
internal sealed class SignatureCheck(MetadataReader metadata) : ISignatureTypeProvider<int, object?>
{
    public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Row(TableIndex.TypeDef, handle);

    public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Row(TableIndex.TypeRef, handle);

    public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        Row(TableIndex.TypeSpec, handle);

    public int GetArrayType(int elementType, ArrayShape shape) => 0;

    public int GetByReferenceType(int elementType) => 0;

    public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

    public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

    public int GetGenericMethodParameter(object? genericContext, int index) => GenericParameter(index);

    public int GetGenericTypeParameter(object? genericContext, int index) => GenericParameter(index);

    public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;

    public int GetPinnedType(int elementType) => 0;

    public int GetPointerType(int elementType) => 0;

    public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

    public int GetSZArrayType(int elementType) => 0;

    // ECMA-335 numbers generic parameters with 2 bytes; Cecil makes every parameter up to the
    // index a signature names, so a damaged index of millions made it allocate without end.
    private static int GenericParameter(int index) =>
        index is >= 0 and <= 0xFFFF ? 0 : throw new BadImageFormatException($"a signature names generic parameter {index}");

    private int Row(TableIndex table, EntityHandle handle)
    {
        var row = MetadataTokens.GetRowNumber(handle);
        if (row < 1 || row > metadata.GetTableRowCount(table))
            throw new BadImageFormatException($"a signature names row {row} of a table of {metadata.GetTableRowCount(table)}");
        return 0;
    }
}
