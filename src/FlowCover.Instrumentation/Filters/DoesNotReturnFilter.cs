using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Il;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// The C# compiler's flow analysis ignores <c>[DoesNotReturn]</c>, so code after such a call
/// (a <c>return default;</c> the compiler demands, a closing <c>ret</c>) is emitted but can
/// never run. Statements reached only by falling through the call are not lines; anything that
/// is also a jump target is reachable another way and stays.
/// </summary>
public sealed class DoesNotReturnFilter : ICompilerPatternFilter
{
    public void Apply(MethodContext method, FilterOutput output)
    {
        foreach (var call in method.Instructions)
        {
            if (call.OpCode.Code is not (Code.Call or Code.Callvirt) || call.Operand is not MethodReference callee || !DoesNotReturn(callee))
                continue;
            for (var at = call.Next; at is not null && !method.JumpTargets.Contains(at); at = at.Next)
            {
                output.Ignore(at, at);
                if (!BranchShapes.FallsThrough(at.OpCode))
                    break;
            }
        }
    }

    /// <summary>Resolving a callee scans its type's members, and the same callees recur in
    /// every method, so answers are remembered by the callee's token in the module calling it
    /// (unique there, and free to read, where a full name is a string built per call). The
    /// filter lives as long as the process: the modules are weak keys, so a module written and
    /// released is not kept alive by its answers.</summary>
    private readonly ConditionalWeakTable<ModuleDefinition, ConcurrentDictionary<uint, bool>> _known = new();

    private bool DoesNotReturn(MethodReference callee) => callee.MetadataToken.RID == 0 || callee.Module is not { } module
        ? Resolves(callee) // Not read from a module's tables: no token to remember it by.
        : _known.GetValue(module, static _ => new ConcurrentDictionary<uint, bool>())
            .GetOrAdd(callee.MetadataToken.ToUInt32(), static (_, c) => Resolves(c), callee);

    private static bool Resolves(MethodReference callee)
    {
        try
        {
            return callee.Resolve() is { } method && MethodContext.HasAttribute(method, "DoesNotReturnAttribute");
        }
        catch (AssemblyResolutionException)
        {
            return false; // Unknown callee: assume it returns, as the compiler does.
        }
    }
}
