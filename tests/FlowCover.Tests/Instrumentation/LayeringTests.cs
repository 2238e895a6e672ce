using FlowCover.Instrumentation;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// FlowCover.Instrumentation's folders are stages whose dependencies point one way (see
/// docs/DESIGN.md): general IL helpers at the bottom, the patching writer beside the analysis,
/// filters and sharing rules on the analysis, probes on the writer, the model on the probes, the
/// pipeline at the top. Read from the compiled assembly (every type a type's signatures, fields,
/// attributes and IL mention), so a reference the source does not spell out with a using
/// directive (a parent namespace's type, a qualified name) is caught too.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "FlowCover.Instrumentation";

    /// <summary>What each folder may use besides itself; the top level may use them all.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Il"] = [],
        ["Source"] = [],
        ["Writing"] = ["Il"],
        ["Analysis"] = ["Il", "Source"],
        ["Filters"] = ["Il", "Analysis"],
        ["Sharing"] = ["Il", "Analysis"],
        ["Probes"] = ["Il", "Analysis", "Writing"],
        ["Model"] = ["Il", "Analysis", "Writing", "Probes"],
    };

    [Fact]
    public void Every_folder_uses_only_the_folders_below_it()
    {
        using var module = ModuleDefinition.ReadModule(typeof(AssemblyInstrumenter).Assembly.Location);
        var backEdges = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var from = LayerOf(type);
            if (from is null || !Allowed.TryGetValue(from, out var allowed))
                continue; // The pipeline at the top level (or a type outside the namespace).
            foreach (var used in ReferencedTypes(type))
            {
                var to = LayerOf(used);
                if (to is not null && to != from && !allowed.Contains(to))
                    backEdges.Add($"{from} -> {to}: {Outermost(type).FullName} uses {used.FullName}");
            }
        }
        Assert.Empty(backEdges);
    }

    [Fact]
    public void Every_folder_of_the_project_is_a_layer_with_its_own_namespace()
    {
        var namespaces = typeof(AssemblyInstrumenter).Assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => n is not null && n.StartsWith(Root + ".", StringComparison.Ordinal))
            .Select(n => n![(Root.Length + 1)..])
            .ToHashSet();
        Assert.Equal(Allowed.Keys.Order(), namespaces.Order());
    }

    /// <summary>The folder under FlowCover.Instrumentation that holds the type; "" for the top
    /// level; null for a type from elsewhere.</summary>
    private static string? LayerOf(TypeReference type)
    {
        var ns = Outermost(type.GetElementType()).Namespace;
        if (ns == Root)
            return "";
        return ns.StartsWith(Root + ".", StringComparison.Ordinal) ? ns[(Root.Length + 1)..].Split('.')[0] : null;
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    return;
                case GenericInstanceType generic:
                    Add(generic.ElementType);
                    foreach (var argument in generic.GenericArguments)
                        Add(argument);
                    return;
                case TypeSpecification specification:
                    Add(specification.ElementType);
                    return;
                default:
                    found.Add(reference);
                    return;
            }
        }
        void AddMember(MemberReference member)
        {
            Add(member.DeclaringType);
            switch (member)
            {
                case MethodReference method:
                    Add(method.ReturnType);
                    foreach (var parameter in method.Parameters)
                        Add(parameter.ParameterType);
                    if (method is GenericInstanceMethod generic)
                        foreach (var argument in generic.GenericArguments)
                            Add(argument);
                    break;
                case FieldReference field:
                    Add(field.FieldType);
                    break;
            }
        }
        void AddAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
                AddMember(attribute.Constructor);
        }
        Add(type.BaseType);
        foreach (var implemented in type.Interfaces)
            Add(implemented.InterfaceType);
        AddAttributes(type);
        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field);
        }
        foreach (var property in type.Properties)
            Add(property.PropertyType);
        foreach (var method in type.Methods)
        {
            AddMember(method);
            AddAttributes(method);
            if (!method.HasBody)
                continue;
            foreach (var local in method.Body.Variables)
                Add(local.VariableType);
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference operand:
                        Add(operand);
                        break;
                    case MemberReference operand:
                        AddMember(operand);
                        break;
                }
            }
        }
        return found;
    }
}
