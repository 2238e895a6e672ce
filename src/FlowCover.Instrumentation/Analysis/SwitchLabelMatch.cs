using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// The value a switch dispatch's edge matched, as its IL compared it: an integer constant (a
/// <c>beq</c> on <c>ldc.i4 5</c>, a jump-table entry, a <c>char</c> or an enum's number), a string
/// (<c>op_Equality</c> with <c>ldstr</c>) or a type (<c>isinst</c>, by its name without namespace);
/// for an enum's number, the member of that value (<see cref="Member"/>). <see cref="NoLabel"/>:
/// the edge matched no label (the dispatch's way to <c>default</c>). It tells which of a section's
/// stacked labels (<c>case 1: case 2:</c>, <c>case int: case long:</c>, <c>case Color.Red: case
/// Color.Green:</c>, <c>case 3: default:</c>) the edge is, so each is named by the source
/// (docs/annotations.md).
/// </summary>
public sealed record SwitchLabelMatch(long? Integer = null, string? String = null, string? TypeName = null, EnumMember? Member = null, bool NoLabel = false)
{
    /// <summary>The member of value <paramref name="value"/> of the enum that <paramref name="load"/>
    /// (an argument or a local) holds; null when it holds no enum, or no one member has that value
    /// (none, or aliases).</summary>
    public static EnumMember? EnumMemberOf(MethodContext method, Instruction load, long value)
    {
        if (EnumOf(LoadedTypes.Of(method, load), out _) is not { } definition)
            return null;
        EnumMember? found = null;
        foreach (var field in definition.Fields)
        {
            if (!field.HasConstant || !field.IsStatic || field.Constant is null || Convert.ToInt64(field.Constant, System.Globalization.CultureInfo.InvariantCulture) != value)
                continue;
            if (found is not null)
                return null;
            found = new EnumMember(definition.Name, field.Name);
        }
        return found;
    }

    /// <summary>Whether <paramref name="load"/> holds a signed integer or an enum over one: an
    /// unsigned compare of it with no <c>sub</c> before (<c>v; ldc 1; ble.un</c>) is then the
    /// compiler's range check from 0, never a relation the user wrote (which compares signed).</summary>
    public static bool HoldsSigned(MethodContext method, Instruction load)
    {
        var type = LoadedTypes.Of(method, load);
        if (EnumOf(type, out var unresolved) is { } definition)
            type = definition.Fields.FirstOrDefault(f => !f.IsStatic)?.FieldType;
        else if (unresolved)
            return false;
        return type?.MetadataType is MetadataType.Int32 or MetadataType.Int64 or MetadataType.Int16 or MetadataType.SByte;
    }

    /// <summary>The enum <paramref name="type"/> is, or null. A primitive (<c>int</c>, <c>char</c>...)
    /// is never an enum and is not resolved: resolving it searches the core library's exported
    /// types by name, and a dispatch asks once per value. <paramref name="unresolved"/>: the type's
    /// assembly could not be found.</summary>
    private static TypeDefinition? EnumOf(TypeReference? type, out bool unresolved)
    {
        unresolved = false;
        if (type is null || type.IsPrimitive || type.MetadataType is MetadataType.String or MetadataType.Object)
            return null;
        try
        {
            return type.Resolve() is { IsEnum: true } definition ? definition : null;
        }
        catch (AssemblyResolutionException)
        {
            unresolved = true;
            return null;
        }
    }
}

/// <summary>An enum member: the enum's name without namespace, and the member's.</summary>
public sealed record EnumMember(string Type, string Name);
