namespace FlowCover.Instrumentation.Writing;

/// <summary>What a metadata table column holds, which decides its width.</summary>
internal enum ColumnKind : byte { Fixed, String, Guid, Blob, Table, Coded }

/// <summary>One column: a constant of <see cref="Size"/> bytes, a heap index, a row of
/// <see cref="Target"/> or a coded index of kind <see cref="Target"/>.</summary>
internal readonly record struct Column(ColumnKind Kind, int Target, int Size = 0);

/// <summary>A coded index (ECMA-335 II.24.2.6): tag bits, then the tables it may name in tag
/// order (-1 for a tag no table has).</summary>
internal sealed record CodedIndex(int TagBits, int[] Tables);

/// <summary>
/// The layout of every table of ECMA-335 II.22 and of the Portable PDB tables, so rows can be
/// read with the widths one file has and written with the widths another needs (appending rows
/// or heap entries can push an index from two bytes to four).
/// </summary>
internal static class TableSchema
{
    public const int TableCount = 64;

    // Table numbers (II.22), and the Portable PDB's from 0x30.
    public const int Module = 0x00, TypeRef = 0x01, TypeDef = 0x02, FieldPtr = 0x03, Field = 0x04, MethodPtr = 0x05,
        MethodDef = 0x06, ParamPtr = 0x07, Param = 0x08, InterfaceImpl = 0x09, MemberRef = 0x0A, Constant = 0x0B,
        CustomAttribute = 0x0C, FieldMarshal = 0x0D, DeclSecurity = 0x0E, ClassLayout = 0x0F, FieldLayout = 0x10,
        StandAloneSig = 0x11, EventMap = 0x12, EventPtr = 0x13, Event = 0x14, PropertyMap = 0x15, PropertyPtr = 0x16,
        Property = 0x17, MethodSemantics = 0x18, MethodImpl = 0x19, ModuleRef = 0x1A, TypeSpec = 0x1B, ImplMap = 0x1C,
        FieldRva = 0x1D, EncLog = 0x1E, EncMap = 0x1F, Assembly = 0x20, AssemblyProcessor = 0x21, AssemblyOS = 0x22,
        AssemblyRef = 0x23, AssemblyRefProcessor = 0x24, AssemblyRefOS = 0x25, File = 0x26, ExportedType = 0x27,
        ManifestResource = 0x28, NestedClass = 0x29, GenericParam = 0x2A, MethodSpec = 0x2B, GenericParamConstraint = 0x2C,
        Document = 0x30, MethodDebugInformation = 0x31, LocalScope = 0x32, LocalVariable = 0x33, LocalConstant = 0x34,
        ImportScope = 0x35, StateMachineMethod = 0x36, CustomDebugInformation = 0x37;

    // Coded index kinds, the Target of a Coded column.
    public const int TypeDefOrRef = 0, HasConstant = 1, HasCustomAttribute = 2, HasFieldMarshal = 3, HasDeclSecurity = 4,
        MemberRefParent = 5, HasSemantics = 6, MethodDefOrRef = 7, MemberForwarded = 8, Implementation = 9,
        CustomAttributeType = 10, ResolutionScope = 11, TypeOrMethodDef = 12, HasCustomDebugInformation = 13;

    public static readonly CodedIndex[] CodedIndexes =
    [
        new(2, [TypeDef, TypeRef, TypeSpec]),
        new(2, [Field, Param, Property]),
        new(5, [MethodDef, Field, TypeRef, TypeDef, Param, InterfaceImpl, MemberRef, Module, DeclSecurity, Property, Event,
            StandAloneSig, ModuleRef, TypeSpec, Assembly, AssemblyRef, File, ExportedType, ManifestResource, GenericParam,
            GenericParamConstraint, MethodSpec]),
        new(1, [Field, Param]),
        new(2, [TypeDef, MethodDef, Assembly]),
        new(3, [TypeDef, TypeRef, ModuleRef, MethodDef, TypeSpec]),
        new(1, [Event, Property]),
        new(1, [MethodDef, MemberRef]),
        new(1, [Field, MethodDef]),
        new(2, [File, AssemblyRef, ExportedType]),
        new(3, [-1, -1, MethodDef, MemberRef, -1]),
        new(2, [Module, ModuleRef, AssemblyRef, TypeRef]),
        new(1, [TypeDef, MethodDef]),
        new(5, [MethodDef, Field, TypeRef, TypeDef, Param, InterfaceImpl, MemberRef, Module, DeclSecurity, Property, Event,
            StandAloneSig, ModuleRef, TypeSpec, Assembly, AssemblyRef, File, ExportedType, ManifestResource, GenericParam,
            GenericParamConstraint, MethodSpec, Document, LocalScope, LocalVariable, LocalConstant, ImportScope]),
    ];

    /// <summary>Each table's columns; null for a number no table has.</summary>
    public static readonly Column[]?[] Columns = Build();

    private static Column U1 => new(ColumnKind.Fixed, 0, 1);
    private static Column U2 => new(ColumnKind.Fixed, 0, 2);
    private static Column U4 => new(ColumnKind.Fixed, 0, 4);
    private static Column Str => new(ColumnKind.String, 0);
    private static Column Guid => new(ColumnKind.Guid, 0);
    private static Column Blob => new(ColumnKind.Blob, 0);
    private static Column Row(int table) => new(ColumnKind.Table, table);
    private static Column Coded(int kind) => new(ColumnKind.Coded, kind);

    private static Column[]?[] Build()
    {
        var t = new Column[]?[TableCount];
        t[Module] = [U2, Str, Guid, Guid, Guid];
        t[TypeRef] = [Coded(ResolutionScope), Str, Str];
        t[TypeDef] = [U4, Str, Str, Coded(TypeDefOrRef), Row(Field), Row(MethodDef)];
        t[FieldPtr] = [Row(Field)];
        t[Field] = [U2, Str, Blob];
        t[MethodPtr] = [Row(MethodDef)];
        t[MethodDef] = [U4, U2, U2, Str, Blob, Row(Param)];
        t[ParamPtr] = [Row(Param)];
        t[Param] = [U2, U2, Str];
        t[InterfaceImpl] = [Row(TypeDef), Coded(TypeDefOrRef)];
        t[MemberRef] = [Coded(MemberRefParent), Str, Blob];
        t[Constant] = [U2, Coded(HasConstant), Blob]; // a type byte and a padding byte
        t[CustomAttribute] = [Coded(HasCustomAttribute), Coded(CustomAttributeType), Blob];
        t[FieldMarshal] = [Coded(HasFieldMarshal), Blob];
        t[DeclSecurity] = [U2, Coded(HasDeclSecurity), Blob];
        t[ClassLayout] = [U2, U4, Row(TypeDef)];
        t[FieldLayout] = [U4, Row(Field)];
        t[StandAloneSig] = [Blob];
        t[EventMap] = [Row(TypeDef), Row(Event)];
        t[EventPtr] = [Row(Event)];
        t[Event] = [U2, Str, Coded(TypeDefOrRef)];
        t[PropertyMap] = [Row(TypeDef), Row(Property)];
        t[PropertyPtr] = [Row(Property)];
        t[Property] = [U2, Str, Blob];
        t[MethodSemantics] = [U2, Row(MethodDef), Coded(HasSemantics)];
        t[MethodImpl] = [Row(TypeDef), Coded(MethodDefOrRef), Coded(MethodDefOrRef)];
        t[ModuleRef] = [Str];
        t[TypeSpec] = [Blob];
        t[ImplMap] = [U2, Coded(MemberForwarded), Str, Row(ModuleRef)];
        t[FieldRva] = [U4, Row(Field)];
        t[EncLog] = [U4, U4];
        t[EncMap] = [U4];
        t[Assembly] = [U4, U2, U2, U2, U2, U4, Blob, Str, Str];
        t[AssemblyProcessor] = [U4];
        t[AssemblyOS] = [U4, U4, U4];
        t[AssemblyRef] = [U2, U2, U2, U2, U4, Blob, Str, Str, Blob];
        t[AssemblyRefProcessor] = [U4, Row(AssemblyRef)];
        t[AssemblyRefOS] = [U4, U4, U4, Row(AssemblyRef)];
        t[File] = [U4, Str, Blob];
        t[ExportedType] = [U4, U4, Str, Str, Coded(Implementation)];
        t[ManifestResource] = [U4, U4, Str, Coded(Implementation)];
        t[NestedClass] = [Row(TypeDef), Row(TypeDef)];
        t[GenericParam] = [U2, U2, Coded(TypeOrMethodDef), Str];
        t[MethodSpec] = [Coded(MethodDefOrRef), Blob];
        t[GenericParamConstraint] = [Row(GenericParam), Coded(TypeDefOrRef)];
        t[Document] = [Blob, Guid, Blob, Guid];
        t[MethodDebugInformation] = [Row(Document), Blob];
        t[LocalScope] = [Row(MethodDef), Row(ImportScope), Row(LocalVariable), Row(LocalConstant), U4, U4];
        t[LocalVariable] = [U2, U2, Str];
        t[LocalConstant] = [Str, Blob];
        t[ImportScope] = [Row(ImportScope), Blob];
        t[StateMachineMethod] = [Row(MethodDef), Row(MethodDef)];
        t[CustomDebugInformation] = [Coded(HasCustomDebugInformation), Guid, Blob];
        return t;
    }

    /// <summary>The coded index of kind <paramref name="kind"/> that names the row of
    /// <paramref name="token"/>: its row number, then the tag of its table (II.24.2.6).</summary>
    public static uint Coded(int kind, int token)
    {
        var coded = CodedIndexes[kind];
        var tag = Array.IndexOf(coded.Tables, token >>> 24);
        if (tag < 0)
            throw new ArgumentException($"a coded index of kind {kind} cannot name table 0x{token >>> 24:X2}");
        return (uint)(token & 0xFFFFFF) << coded.TagBits | (uint)tag;
    }

    /// <summary>Bytes a column takes, given every table's row count (a PDB's type-system
    /// tables counted from its #Pdb stream) and which heaps take four-byte indexes.</summary>
    public static int Width(Column column, IReadOnlyList<int> rows, byte heapSizes) => column.Kind switch
    {
        ColumnKind.Fixed => column.Size,
        ColumnKind.String => (heapSizes & 0x01) != 0 ? 4 : 2,
        ColumnKind.Guid => (heapSizes & 0x02) != 0 ? 4 : 2,
        ColumnKind.Blob => (heapSizes & 0x04) != 0 ? 4 : 2,
        ColumnKind.Table => rows[column.Target] < 1 << 16 ? 2 : 4,
        _ => CodedWidth(CodedIndexes[column.Target], rows),
    };

    private static int CodedWidth(CodedIndex coded, IReadOnlyList<int> rows)
    {
        var largest = 0;
        foreach (var table in coded.Tables)
            if (table >= 0)
                largest = Math.Max(largest, rows[table]);
        return largest < 1 << (16 - coded.TagBits) ? 2 : 4;
    }
}
