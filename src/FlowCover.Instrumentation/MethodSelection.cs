using FlowCover.Instrumentation.Analysis;
using Mono.Cecil;

namespace FlowCover.Instrumentation;

/// <summary>
/// Which method bodies hold the user's code. Kept: methods the user wrote, state machine
/// MoveNext bodies, lambdas, local functions and top-level statements. Left out: what the
/// compiler synthesizes (auto-property accessors, record members, anonymous types,
/// <c>&lt;PrivateImplementationDetails&gt;</c>) and anything under an excluding attribute,
/// including the state machines and lambdas of an excluded method.
/// </summary>
internal sealed class MethodSelection(IReadOnlyList<string> excludeAttributes)
{
    public bool IsUserCode(MethodDefinition body)
    {
        if (!body.HasBody || SourceNames.IsGeneratedName(TopLevel(body.DeclaringType).Name))
            return false;
        var method = SourceNames.KickoffOf(body);
        if (SourceNames.IsGeneratedName(method.Name))
        {
            var kind = method.Name[(method.Name.LastIndexOf('>') + 1)..];
            if (method.Name != SourceNames.TopLevelMain && !kind.StartsWith("b__", StringComparison.Ordinal) && !kind.StartsWith("g__", StringComparison.Ordinal))
                return false;
        }
        else if (MethodContext.HasAttribute(method, "CompilerGeneratedAttribute"))
        {
            return false;
        }
        return !IsExcluded(method) && !IsExcluded(body);
    }

    private bool IsExcluded(MethodDefinition method)
    {
        if (HasExcludingAttribute(method) || OwnerOf(method) is { } owner && HasExcludingAttribute(owner))
            return true;
        for (var type = method.DeclaringType; type is not null; type = type.DeclaringType)
            if (HasExcludingAttribute(type))
                return true;
        if (!SourceNames.IsGeneratedName(method.Name))
            return false;
        var outer = SourceNames.OuterName(method.Name);
        return SourceNames.UserType(method.DeclaringType).Methods
            .Where(m => m.Name == outer || m.Name.StartsWith("<" + outer + ">g__", StringComparison.Ordinal))
            .Any(m => HasExcludingAttribute(m) || OwnerOf(m) is { } o && HasExcludingAttribute(o));
    }

    /// <summary>The property or event an accessor belongs to (attributes sit there).</summary>
    private static ICustomAttributeProvider? OwnerOf(MethodDefinition method)
    {
        if (!method.IsSpecialName)
            return null;
        var type = method.DeclaringType;
        return (ICustomAttributeProvider?)type.Properties.FirstOrDefault(p => p.GetMethod == method || p.SetMethod == method)
            ?? type.Events.FirstOrDefault(e => e.AddMethod == method || e.RemoveMethod == method);
    }

    private bool HasExcludingAttribute(ICustomAttributeProvider provider) =>
        provider.HasCustomAttributes && provider.CustomAttributes.Any(a =>
            excludeAttributes.Any(name => a.AttributeType.Name == name || a.AttributeType.Name == name + "Attribute"));

    private static TypeDefinition TopLevel(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }
}
