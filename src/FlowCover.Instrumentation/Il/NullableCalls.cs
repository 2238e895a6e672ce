using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Il;

/// <summary>Calls of <c>Nullable&lt;T&gt;</c>'s members the compiler emits for the user's nullable
/// values, told apart from members of the user's own that have the same names.</summary>
public static class NullableCalls
{
    /// <summary>Whether <paramref name="at"/> reads <c>Nullable&lt;T&gt;.HasValue</c>: the compiler's
    /// test, not a property of the user's that has the same name (CsvHelper's
    /// <c>if (HasValue &amp;&amp; Value is IDictionary&lt;string, object?&gt; lookup)</c>, on a
    /// <c>DynamicMetaObject</c>, is two conditions the user wrote).</summary>
    public static bool IsHasValue(Instruction? at) =>
        at?.Operand is MethodReference { Name: "get_HasValue", DeclaringType: GenericInstanceType { ElementType.FullName: "System.Nullable`1" } };
}
