using System.Text;
using Mono.Cecil;

namespace FlowCover.Instrumentation.Analysis;

/// <summary>
/// Names compiler-generated code the way the user wrote it. The compiler's names follow a
/// grammar (Roslyn's GeneratedNames): <c>&lt;M&gt;d__2</c> state machines, <c>&lt;M&gt;b__0_1</c>
/// lambdas, <c>&lt;M&gt;g__Local|0_0</c> local functions, <c>&lt;&gt;c__DisplayClass</c> closures,
/// <c>&lt;Main&gt;$</c> top-level statements; the PDB links each MoveNext to its kickoff method.
/// </summary>
internal static class SourceNames
{
    /// <summary>The user's method that owns a body: itself, or the method whose state machine,
    /// lambda or local function it is (following the chain out).</summary>
    public static MethodDefinition KickoffOf(MethodDefinition method)
    {
        if (method.DebugInformation.StateMachineKickOffMethod is { } kickoff)
            return kickoff;
        // An iterator's finally block is a method of its own on the state machine
        // (<>m__Finally1), which the PDB does not link: it is the iterator's, as MoveNext is.
        if (method.Name.StartsWith("<>m__Finally", StringComparison.Ordinal)
            && method.DeclaringType.Methods.FirstOrDefault(m => m.Name == "MoveNext") is { } moveNext
            && moveNext.DebugInformation.StateMachineKickOffMethod is { } iterator)
            return iterator;
        return method;
    }

    /// <summary>The type the user wrote: compiler-generated nested types fold into their parent.</summary>
    public static TypeDefinition UserType(TypeDefinition type)
    {
        while (type.DeclaringType is not null && IsGeneratedName(type.Name))
            type = type.DeclaringType;
        return type;
    }

    public static bool IsGeneratedName(string name) => name.StartsWith('<');

    /// <summary>The method the compiler makes of a program's top-level statements: generated
    /// in name only, it is the user's code, and the outer method of their lambdas and local
    /// functions (<c>&lt;&lt;Main&gt;$&gt;b__0_0</c>).</summary>
    public const string TopLevelMain = "<Main>$";

    /// <summary>The user type's name with nesting and generic parameters, without namespace.</summary>
    public static string TypeDisplayName(TypeDefinition type)
    {
        var parts = new List<string>();
        for (var t = type; t is not null; t = t.DeclaringType)
            parts.Add(WithGenerics(t));
        parts.Reverse();
        return string.Join('.', parts);
    }

    /// <summary>The namespace-qualified user type (Cobertura's class name).</summary>
    public static string TypeFullName(TypeDefinition type)
    {
        var outer = type;
        while (outer.DeclaringType is not null)
            outer = outer.DeclaringType;
        return string.IsNullOrEmpty(outer.Namespace) ? TypeDisplayName(type) : outer.Namespace + "." + TypeDisplayName(type);
    }

    /// <param name="method">The method the code belongs to: a lambda or local function as
    /// compiled, and for a state machine's <c>MoveNext</c> its kickoff (<see cref="KickoffOf"/>).</param>
    /// <param name="lambdaPlace">Where a lambda is written (<c>at line 23</c>, <c>#2 at line 23</c>),
    /// asked only for lambdas.</param>
    public static string MethodDisplayName(MethodDefinition method, Func<string> lambdaPlace)
    {
        var type = UserType(method.DeclaringType);
        var typeName = TypeDisplayName(type);
        if (!IsGeneratedName(method.Name))
            return typeName + "." + MemberName(type, method.Name, method);
        if (method.Name == TopLevelMain)
            return "Program (top-level statements)";
        var outer = OuterName(method.Name);
        var owner = outer == TopLevelMain ? "Program (top-level statements)" : typeName + "." + MemberName(type, outer, null);
        var kind = KindOf(method.Name);
        if (kind.StartsWith("g__", StringComparison.Ordinal))
            return $"{owner} (local function {kind[3..kind.IndexOf('|')]})";
        if (IsLambda(method.Name))
            return $"{owner} (lambda {lambdaPlace()})";
        return owner;
    }

    /// <summary>Whether a state machine's field is a local the user declared (<c>&lt;found&gt;5__2</c>:
    /// the user's name, then the compiler's kind 5), not one of the compiler's temporaries
    /// (<c>&lt;&gt;s__3</c>, <c>&lt;&gt;7__wrap1</c>, which have no name).</summary>
    public static bool IsHoistedLocal(string name) =>
        IsGeneratedName(name) && name.Length > 2 && name[1] != '>' && KindOf(name).StartsWith("5__", StringComparison.Ordinal);

    /// <summary>Whether a method is a lambda's body: <c>&lt;Map&gt;b__0_0</c>.</summary>
    public static bool IsLambda(string name) => IsGeneratedName(name) && KindOf(name).StartsWith("b__", StringComparison.Ordinal);

    private static string KindOf(string generated) => generated[(generated.LastIndexOf('>') + 1)..];

    /// <summary>The method a generated name is for: <c>&lt;Map&gt;b__0_0</c> gives <c>Map</c>,
    /// <c>&lt;&lt;Main&gt;$&gt;g__F|0_0</c> gives <c>&lt;Main&gt;$</c>.</summary>
    public static string OuterName(string generated)
    {
        var depth = 0;
        for (var i = 0; i < generated.Length; i++)
        {
            depth += generated[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (depth == 0)
                return generated[1..i];
        }
        return generated;
    }

    private static string MemberName(TypeDefinition type, string name, MethodDefinition? method)
    {
        var shortType = WithGenerics(type);
        if (name == ".ctor")
            return shortType[..(shortType.IndexOf('<') is var lt and >= 0 ? lt : shortType.Length)];
        if (name == ".cctor")
            return shortType[..(shortType.IndexOf('<') is var lt2 and >= 0 ? lt2 : shortType.Length)] + " (static)";
        foreach (var (prefix, accessor) in new[] { ("get_", "get"), ("set_", "set"), ("add_", "add"), ("remove_", "remove") })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && (method is null || method.IsSpecialName))
            {
                var kind = accessor == "set" && method?.ReturnType is RequiredModifierType { ModifierType.Name: "IsExternalInit" } ? "init" : accessor;
                return name[prefix.Length..] + "." + kind;
            }
        }
        return name;
    }

    private static string WithGenerics(TypeDefinition type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick < 0)
            return name;
        var own = type.GenericParameters.Skip(type.DeclaringType?.GenericParameters.Count ?? 0).Select(p => p.Name);
        return new StringBuilder(name[..tick]).Append('<').Append(string.Join(", ", own)).Append('>').ToString();
    }
}
