using FlowCover.Data;
using FlowCover.Runtime;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation;

/// <summary>The tracker class as cloned into one module: what probes reference.</summary>
internal sealed record InjectedTracker(TypeDefinition Type, FieldDefinition Hits, MethodDefinition Count);

/// <summary>
/// Clones <see cref="ModuleTracker"/> into a module under a unique name, rewriting its
/// placeholders. The template is plain C# compiled for netstandard2.0; cloning copies its IL
/// and imports what it references, so the module gains no assembly reference to FlowCover.
/// </summary>
internal static class TrackerInjector
{
    public const string TypeNamePrefix = "<FlowCover>ModuleTracker";

    private static readonly Lazy<TypeDefinition> Template = new(() =>
    {
        // Embedded by the project file (EmbedTrackerTemplate); Cecil reads the stream lazily.
        var stream = typeof(TrackerInjector).Assembly.GetManifestResourceStream("FlowCover.Runtime.dll")
            ?? throw new InvalidOperationException("FlowCover.Runtime.dll is not embedded in " + typeof(TrackerInjector).Assembly.GetName().Name);
        var module = ModuleDefinition.ReadModule(stream);
        return module.GetType(typeof(ModuleTracker).FullName);
    });

    public static bool IsInstrumented(ModuleDefinition module) =>
        module.Types.Any(t => t.Name.StartsWith(TypeNamePrefix, StringComparison.Ordinal));

    public static InjectedTracker Inject(ModuleDefinition module, string moduleKey, int probeCount, CoverageMode mode, string dataDirectory)
    {
        var template = Template.Value;
        var type = new TypeDefinition("", TypeNamePrefix, TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.Class,
            module.TypeSystem.Object);
        module.Types.Add(type);
        var cloner = new Cloner(module, template, type, new Dictionary<object, object>
        {
            [ModuleTracker.ModuleKeyPlaceholder] = moduleKey,
            [ModuleTracker.DataDirectoryPlaceholder] = BakedDirectory.Pad(dataDirectory),
            [ModuleTracker.ProbeCountPlaceholder] = probeCount,
            [ModuleTracker.ModePlaceholder] = mode == CoverageMode.Count ? 1 : 0,
        });
        cloner.CloneMembers();
        return new InjectedTracker(type, type.Fields.Single(f => f.Name == nameof(ModuleTracker.Hits)),
            type.Methods.Single(m => m.Name == nameof(ModuleTracker.Count)));
    }

    private sealed class Cloner(ModuleDefinition module, TypeDefinition template, TypeDefinition target, Dictionary<object, object> placeholders)
    {
        private readonly Dictionary<FieldDefinition, FieldDefinition> _fields = [];
        private readonly Dictionary<MethodDefinition, MethodDefinition> _methods = [];

        public void CloneMembers()
        {
            foreach (var field in template.Fields.Where(f => !f.IsLiteral))
            {
                var clone = new FieldDefinition(field.Name, field.Attributes, Import(field.FieldType));
                target.Fields.Add(clone);
                _fields[field] = clone;
            }
            foreach (var method in template.Methods)
            {
                var clone = new MethodDefinition(method.Name, method.Attributes, module.TypeSystem.Void) { ImplAttributes = method.ImplAttributes };
                target.Methods.Add(clone);
                _methods[method] = clone;
            }
            foreach (var (method, clone) in _methods)
            {
                clone.ReturnType = Import(method.ReturnType);
                foreach (var parameter in method.Parameters)
                    clone.Parameters.Add(new ParameterDefinition(parameter.Name, parameter.Attributes, Import(parameter.ParameterType)));
                CloneBody(method, clone);
            }
        }

        private void CloneBody(MethodDefinition method, MethodDefinition clone)
        {
            var body = clone.Body;
            body.InitLocals = method.Body.InitLocals;
            var variables = method.Body.Variables.ToDictionary(v => v, v => new VariableDefinition(Import(v.VariableType)));
            foreach (var variable in method.Body.Variables)
                body.Variables.Add(variables[variable]);
            var instructions = method.Body.Instructions.ToDictionary(i => i, i => Instruction.Create(OpCodes.Nop));
            foreach (var source in method.Body.Instructions)
            {
                var copy = instructions[source];
                copy.OpCode = source.OpCode;
                copy.Operand = source.Operand switch
                {
                    Instruction i => instructions[i],
                    Instruction[] table => table.Select(i => instructions[i]).ToArray(),
                    VariableDefinition v => variables[v],
                    ParameterDefinition p => clone.Parameters[p.Index],
                    string s => placeholders.GetValueOrDefault(s, s),
                    int n => placeholders.GetValueOrDefault(n, n),
                    FieldReference f => f is FieldDefinition fd && _fields.TryGetValue(fd, out var own) ? own : module.ImportReference(f),
                    MethodReference m => m is MethodDefinition md && _methods.TryGetValue(md, out var ownMethod) ? ownMethod : module.ImportReference(m),
                    TypeReference t => Import(t),
                    var other => other,
                };
                body.Instructions.Add(copy);
            }
            foreach (var handler in method.Body.ExceptionHandlers)
            {
                body.ExceptionHandlers.Add(new ExceptionHandler(handler.HandlerType)
                {
                    CatchType = handler.CatchType is null ? null : Import(handler.CatchType),
                    TryStart = Map(handler.TryStart),
                    TryEnd = Map(handler.TryEnd),
                    HandlerStart = Map(handler.HandlerStart),
                    HandlerEnd = Map(handler.HandlerEnd),
                    FilterStart = Map(handler.FilterStart),
                });
            }

            Instruction? Map(Instruction? i) => i is null ? null : instructions[i];
        }

        private TypeReference Import(TypeReference type) =>
            type == template ? target : module.ImportReference(type);
    }
}
