using Mono.Cecil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Cecil writes a constant (a parameter's default value, a <c>const</c> field) with the type
/// of its value, and for an enum declared in another assembly it must open that assembly to
/// learn the enum's underlying type. When the assembly is neither beside the target nor in the
/// shared framework, writing would fail after the files were saved for restoring; this finds it
/// while nothing has changed, so the target is skipped with a reason instead.
/// </summary>
internal static class ConstantTypes
{
    /// <summary>The first assembly a constant's type is in that cannot be found, if any.</summary>
    public static AssemblyNameReference? FirstUnresolvable(ModuleDefinition module)
    {
        foreach (var type in module.GetTypes())
        {
            foreach (var field in type.Fields)
                if (field.HasConstant && Unresolvable(field.FieldType, field.Constant) is { } missing)
                    return missing;
            foreach (var property in type.Properties)
                if (property.HasConstant && Unresolvable(property.PropertyType, property.Constant) is { } missing)
                    return missing;
            foreach (var method in type.Methods)
                foreach (var parameter in method.Parameters)
                    if (parameter.HasConstant && Unresolvable(parameter.ParameterType, parameter.Constant) is { } missing)
                        return missing;
        }
        return null;
    }

    /// <summary>The assembly of <paramref name="type"/> when Cecil would have to resolve it to
    /// write <paramref name="constant"/> and cannot: a class or value type named by reference,
    /// under any <c>Nullable</c>, by-ref or modifier around it.</summary>
    private static AssemblyNameReference? Unresolvable(TypeReference type, object? constant)
    {
        if (constant is null)
            return null;
        while (true)
        {
            switch (type)
            {
                case GenericInstanceType generic when generic.ElementType.FullName == "System.Nullable`1":
                    type = generic.GenericArguments[0];
                    continue;
                case ArrayType or GenericParameter:
                    return null;
                case TypeSpecification specification:
                    type = specification.ElementType;
                    continue;
            }
            break;
        }
        if (type is TypeDefinition || type.MetadataType is not (MetadataType.Class or MetadataType.ValueType))
            return null;
        try
        {
            return type.Resolve() is null ? ScopeOf(type) : null;
        }
        catch (AssemblyResolutionException e)
        {
            return e.AssemblyReference;
        }
    }

    private static AssemblyNameReference ScopeOf(TypeReference type) =>
        type.Scope as AssemblyNameReference ?? new AssemblyNameReference(type.Scope.Name, null);
}
