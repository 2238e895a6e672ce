using Mono.Cecil;

namespace FlowCover.Instrumentation.Il;

/// <summary>
/// The type a member of a generic type or method has where it is used: a call to
/// <c>Func&lt;T, bool&gt;.Invoke</c> declares its return as <c>!1</c> (the type's second
/// parameter), and only the reference's type arguments say it is <c>bool</c>. A type that is no
/// generic parameter, or one the reference does not bind, is returned as declared.
/// </summary>
internal static class InstantiatedTypes
{
    public static TypeReference Of(TypeReference declared, MemberReference member) => declared switch
    {
        GenericParameter { Type: GenericParameterType.Type, Position: var p } when member.DeclaringType is GenericInstanceType { GenericArguments: var arguments } && p < arguments.Count => arguments[p],
        GenericParameter { Type: GenericParameterType.Method, Position: var p } when member is GenericInstanceMethod { GenericArguments: var arguments } && p < arguments.Count => arguments[p],
        _ => declared,
    };
}
