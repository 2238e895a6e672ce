using Mono.Cecil;
using Mono.Cecil.Cil;
using T = FlowCover.Instrumentation.Writing.TableSchema;

namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// Copies the tracker template (a Cecil type of FlowCover.Runtime) into a module's metadata as
/// rows appended after its own: a TypeDef last among the types, its fields, methods and
/// parameters last in theirs, and references to what it uses (a netstandard assembly reference,
/// type and member references) added where the module has none. Its bodies go into the new
/// section with their placeholders rewritten, once the module's probes are all numbered. Literal fields are left out, as the IL never
/// loads them; of custom attributes only <c>[ThreadStatic]</c> is copied, in its sorted place.
/// </summary>
internal sealed class TrackerImport
{
    private readonly PatchingWriter _writer;
    private readonly MetadataImage _image;
    private readonly TypeDefinition _template;
    // What is imported of the template (literal fields are not), and the MethodDef rows of its methods.
    private readonly List<FieldDefinition> _fields;
    private readonly List<MethodDefinition> _methods;
    private readonly List<int> _rows = [];
    private Dictionary<object, object> _placeholders = [];
    private readonly Dictionary<string, int> _assemblies = [];
    private readonly Dictionary<(int Scope, string Namespace, string Name), int> _typeRefs = [];
    private readonly Dictionary<IMemberDefinition, int> _own = [];
    private readonly Dictionary<string, int> _typeSpecs = [];

    // One #US entry per distinct literal, as a compiler writes them: the baked data folder is
    // used by several of the tracker's methods, and a cached copy is repointed by rewriting
    // that literal's one occurrence (Probes/BakedDirectory.cs).
    private readonly Dictionary<string, int> _userStrings = [];
    private readonly SignatureEncoder _signatures;

    // The one attribute copied with the template's fields: it is what makes a field per thread.
    // The others there (nullable annotations) name types of FlowCover.Runtime and change nothing.
    private const string ThreadStatic = "System.ThreadStaticAttribute";

    private TrackerImport(PatchingWriter writer, TypeDefinition template)
    {
        _writer = writer;
        _image = writer.Metadata;
        _template = template;
        _fields = template.Fields.Where(f => !f.IsLiteral).ToList();
        _methods = template.Methods.ToList();
        _signatures = new SignatureEncoder(TypeToken);
        var strings = _image.Strings;
        var assemblyRefs = _image[T.AssemblyRef];
        for (var r = 1; r <= assemblyRefs.RowCount; r++)
            _assemblies.TryAdd(strings.OriginalString(assemblyRefs[r, 6]), 0x23000000 | r);
        var typeRefs = _image[T.TypeRef];
        for (var r = 1; r <= typeRefs.RowCount; r++)
            _typeRefs.TryAdd(((int)typeRefs[r, 0], strings.OriginalString(typeRefs[r, 2]), strings.OriginalString(typeRefs[r, 1])), 0x01000000 | r);
    }

    /// <summary>The token of the tracker's <c>Hits</c> field, which set-mode probes load.</summary>
    public int Hits { get; private set; }

    /// <summary>The token of the tracker's method named <paramref name="name"/> (<c>Count</c>,
    /// which count-mode probes call; <c>Mark</c>, <c>Enter</c>, <c>Leave</c> with contexts).</summary>
    public int MethodToken(string name) => _own[_methods.Single(m => m.Name == name)];

    /// <summary>Adds the rows of the tracker named <paramref name="name"/>, so probes can name
    /// its members; its bodies follow with <see cref="EncodeBodies"/>, once the placeholders'
    /// values (the probe count among them) are known.</summary>
    public static TrackerImport Rows(PatchingWriter writer, TypeDefinition template, string name)
    {
        var import = new TrackerImport(writer, template);
        import.AddRows(name);
        return import;
    }

    private void AddRows(string name)
    {
        var firstField = _image[T.Field].RowCount + 1;
        var firstMethod = _image[T.MethodDef].RowCount + 1;
        _image[T.TypeDef].Add(0x180 /* NotPublic, Abstract, Sealed, Class */, _image.Strings.AddString(name), 0,
            T.Coded(T.TypeDefOrRef, ObjectToken()), (uint)firstField, (uint)firstMethod);
        for (var k = 0; k < _fields.Count; k++)
            _own[_fields[k]] = 0x04000000 | (firstField + k);
        for (var k = 0; k < _methods.Count; k++)
            _own[_methods[k]] = 0x06000000 | (firstMethod + k);
        foreach (var field in _fields)
            _image[T.Field].Add((uint)field.Attributes, _image.Strings.AddString(field.Name), _image.Blobs.AddBlob(_signatures.Field(field)));
        foreach (var field in _fields)
            foreach (var attribute in field.CustomAttributes.Where(a => a.AttributeType.FullName == ThreadStatic))
                _image[T.CustomAttribute].InsertSorted(0, T.Coded(T.HasCustomAttribute, _own[field]),
                    T.Coded(T.CustomAttributeType, TokenOf(attribute.Constructor)), _image.Blobs.AddBlob(attribute.GetBlob()));
        foreach (var method in _methods)
        {
            _rows.Add(_image[T.MethodDef].Add(0, (uint)method.ImplAttributes, (uint)method.Attributes, _image.Strings.AddString(method.Name),
                _image.Blobs.AddBlob(_signatures.Method(method)), (uint)_image[T.Param].RowCount + 1));
            foreach (var parameter in method.Parameters)
                _image[T.Param].Add((uint)parameter.Attributes, (uint)(parameter.Index + 1), _image.Strings.AddString(parameter.Name));
        }
        Hits = _own[_fields.Single(f => f.Name == "Hits")];
    }

    /// <summary>Encodes the tracker's bodies into <paramref name="il"/>, each placeholder
    /// replaced by its value in <paramref name="placeholders"/>. Not thread-safe: encoding
    /// sets the offsets of the template's instructions.</summary>
    public void EncodeBodies(ILSection il, Dictionary<object, object> placeholders)
    {
        _placeholders = placeholders;
        for (var k = 0; k < _methods.Count; k++)
        {
            var body = _methods[k].Body;
            var locals = body.HasVariables
                ? 0x11000000 | _image[T.StandAloneSig].Add(_image.Blobs.AddBlob(_signatures.Locals(body.Variables.Select(v => v.VariableType))))
                : 0;
            var tokens = OperandTokens.For(body, TokenOf);
            _image[T.MethodDef][_rows[k], 0] = (uint)il.Add(BodyEncoder.Encode(body, tokens, locals, v => _placeholders.GetValueOrDefault(v, v)));
        }
    }

    private int TokenOf(object operand) => operand switch
    {
        string s => UserString((string)_placeholders.GetValueOrDefault(s, s)),
        IMemberDefinition own when _own.TryGetValue(own, out var token) => token,
        FieldReference field => MemberRef(field.DeclaringType, field.Name, _signatures.Field(field)),
        MethodReference { HasGenericParameters: false } method and not MethodSpecification => MemberRef(method.DeclaringType, method.Name, _signatures.Method(method)),
        TypeReference type => TypeToken(type),
        _ => throw new NotSupportedException($"the tracker template uses {operand}, which its rules exclude"),
    };

    private int UserString(string value)
    {
        if (!_userStrings.TryGetValue(value, out var token))
            _userStrings[value] = token = 0x70000000 | (int)_image.UserStrings.AddUserString(value);
        return token;
    }

    private int MemberRef(TypeReference parent, string name, byte[] signature) => _writer.MemberRef(TypeToken(parent), name, signature);

    private int TypeToken(TypeReference type)
    {
        if (type == _template)
            throw new NotSupportedException("the tracker template refers to itself as a type");
        if (type is GenericInstanceType or ArrayType { IsVector: true })
            return TypeSpecToken(type);
        if (type is TypeSpecification or GenericParameter)
            throw new NotSupportedException($"the tracker template uses {type.FullName}, a type its rules exclude");
        var scope = type.DeclaringType is { } outer
            ? T.Coded(T.ResolutionScope, TypeToken(outer))
            : T.Coded(T.ResolutionScope, AssemblyRef((AssemblyNameReference)type.Scope));
        var key = ((int)scope, type.Namespace, type.Name);
        if (_typeRefs.TryGetValue(key, out var token))
            return token;
        var row = _image[T.TypeRef].Add(scope, _image.Strings.AddString(type.Name), _image.Strings.AddString(type.Namespace));
        return _typeRefs[key] = 0x01000000 | row;
    }

    /// <summary>A TypeSpec row for an instance of a generic type (what a member of
    /// <c>AsyncLocal&lt;string&gt;</c> is referenced on) or an array type (what <c>as object[]</c>
    /// tests), added once per signature.</summary>
    private int TypeSpecToken(TypeReference type)
    {
        var blob = _signatures.TypeSpec(type);
        var key = Convert.ToHexString(blob);
        if (_typeSpecs.TryGetValue(key, out var token))
            return token;
        var row = _image[T.TypeSpec].Add(_image.Blobs.AddBlob(blob));
        return _typeSpecs[key] = 0x1B000000 | row;
    }

    /// <summary>The module's own reference to System.Object where it has one (it does whenever
    /// it defines a class), so the tracker derives from its core library's object.</summary>
    private int ObjectToken()
    {
        var typeRefs = _image[T.TypeRef];
        for (var r = 1; r <= typeRefs.RowCount; r++)
            if (_image.Strings.OriginalString(typeRefs[r, 1]) == "Object" && _image.Strings.OriginalString(typeRefs[r, 2]) == "System"
                && (typeRefs[r, 0] & 0x3) == 2 /* an assembly reference */)
                return 0x01000000 | r;
        return TypeToken(_template.BaseType);
    }

    private int AssemblyRef(AssemblyNameReference name)
    {
        if (_assemblies.TryGetValue(name.Name, out var token))
            return token;
        var version = name.Version;
        var row = _image[T.AssemblyRef].Add((uint)version.Major, (uint)version.Minor, (uint)version.Build, (uint)version.Revision,
            0, _image.Blobs.AddBlob(name.PublicKeyToken ?? []), _image.Strings.AddString(name.Name), _image.Strings.AddString(name.Culture ?? ""), 0);
        return _assemblies[name.Name] = 0x23000000 | row;
    }
}
