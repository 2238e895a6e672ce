using FlowCover.Instrumentation.Il;
using FlowCover.Instrumentation.Writing;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Probes;

/// <summary>
/// Marks a test assembly's tests for contexts (docs/per-thread-blocks.md): a test method calls
/// its tracker's <c>Enter("Namespace.Class.Method")</c> first and <c>Leave()</c> before each
/// return, so the context is the test's for everything it runs, wherever the work flows; an
/// async test is marked in its kickoff method, inside which the state machine starts and
/// captures the context for every continuation. Constructors, lifetime methods and setup
/// methods of test classes and of the fixtures they name enter <c>(setup) Namespace.Class</c>.
/// No runner plug-in is needed: xUnit v2/v3, NUnit and MSTest are told apart by attribute names.
/// </summary>
internal static class TestMarks
{
    private static readonly HashSet<string> TestAttributes = ["Fact", "Theory", "Test", "TestCase", "TestCaseSource", "TestMethod", "DataTestMethod"];

    private static readonly HashSet<string> SetupAttributes = ["SetUp", "TearDown", "OneTimeSetUp", "OneTimeTearDown", "TestInitialize", "TestCleanup", "ClassInitialize", "ClassCleanup"];

    private static readonly HashSet<string> LifetimeMethods = ["InitializeAsync", "DisposeAsync", "Dispose"];

    private static readonly HashSet<string> FixtureInterfaces = ["IClassFixture`1", "ICollectionFixture`1", "IAssemblyFixture`1"];

    /// <summary>The methods of <paramref name="types"/> to mark, each with its context.</summary>
    public static List<(MethodDefinition Method, string Context)> Find(IReadOnlyList<TypeDefinition> types)
    {
        var marks = new List<(MethodDefinition, string)>();
        var fixtures = types.SelectMany(t => t.Interfaces).Select(i => i.InterfaceType)
            .OfType<GenericInstanceType>().Where(i => FixtureInterfaces.Contains(i.ElementType.Name))
            .Select(i => i.GenericArguments[0].Resolve()).OfType<TypeDefinition>()
            .Where(t => t.Module == types[0].Module).ToHashSet();
        foreach (var type in types)
        {
            var isTestClass = type.Methods.Any(IsTest);
            var isFixture = fixtures.Contains(type);
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                if (IsTest(method))
                    marks.Add((method, NameOf(type) + "." + method.Name));
                else if (Has(method, SetupAttributes)
                    || ((isTestClass || isFixture) && (method.IsConstructor && !method.IsStatic || LifetimeMethods.Contains(method.Name) && !method.IsStatic)))
                    marks.Add((method, "(setup) " + NameOf(type)));
            }
        }
        return marks;
    }

    /// <summary>The body of <paramref name="method"/> with its context entered first and left in
    /// a <c>finally</c> around the whole body, encoded for <paramref name="writer"/>: a test that
    /// throws leaves its context as surely as one that returns, so nothing its thread runs next
    /// (the runner's next step, a test action, the next test's setup) is put down to it. Each
    /// <c>ret</c> becomes a <c>leave</c> to one <c>ret</c> after the handler (IL may not return
    /// from inside a protected region), the value it returned kept in a local added for it.
    /// An async method is marked in its kickoff, whose state machine keeps exceptions in its
    /// task: the <c>finally</c> runs there once the first <c>await</c> yields.</summary>
    public static RewrittenMethod Rewrite(PatchingWriter writer, InjectedTracker tracker, MethodDefinition method, string context)
    {
        var body = method.Body;
        var originalSize = body.CodeSize;
        var originals = body.Instructions.ToArray();
        var oldOffsets = Array.ConvertAll(originals, i => i.Offset);
        var known = new Dictionary<object, int>(tracker.Tokens, ReferenceEqualityComparer.Instance)
        {
            [context] = 0x70000000 | (int)writer.Metadata.UserStrings.AddUserString(context),
        };
        var tokens = OperandTokens.Read(body, writer.OriginalBody(method.RVA), known, writer.ReferenceTo);
        ShortForms.WidenBranches(body);
        var locals = body.LocalVarToken.ToInt32();
        VariableDefinition? result = null;
        if (method.ReturnType.MetadataType != MetadataType.Void)
        {
            result = new VariableDefinition(method.ReturnType);
            body.Variables.Add(result);
            var type = new SignatureEncoder(t => t.MetadataToken.RID != 0 ? t.MetadataToken.ToInt32()
                : throw new InvalidOperationException($"{method.FullName} returns {t}, which has no token in the module")).TypeSpec(method.ReturnType);
            locals = writer.LocalsWith(locals, 1, type);
        }
        WrapInFinally(body, originals, context, tracker, result);
        var size = ShortForms.NarrowBranches(body);
        var encoded = BodyEncoder.Encode(body, tokens, locals);
        var offsets = new MethodOffsets(oldOffsets, Array.ConvertAll(originals, i => i.Offset), originalSize, size, locals & 0xFFFFFF);
        return new RewrittenMethod((int)method.MetadataToken.RID, encoded, offsets, (ushort)method.ImplAttributes);
    }

    /// <summary>Lays the body out as <c>Enter(context); try { body } finally { Leave(); } ret</c>,
    /// the handler last among the body's (an enclosing region follows those it encloses).</summary>
    private static void WrapInFinally(MethodBody body, Instruction[] originals, string context, InjectedTracker tracker, VariableDefinition? result)
    {
        var exit = Instruction.Create(OpCodes.Ret);
        var resume = result is null ? exit : ShortForms.LoadLocal(result);
        var handler = Instruction.Create(OpCodes.Call, tracker.Leave);
        var laidOut = new List<Instruction>(originals.Length + 8) { Instruction.Create(OpCodes.Ldstr, context), Instruction.Create(OpCodes.Call, tracker.Enter) };
        foreach (var instruction in originals)
        {
            if (instruction.OpCode.Code == Code.Tail)
            {
                instruction.OpCode = OpCodes.Nop; // a tail call must be followed by ret, which now leaves instead
                instruction.Operand = null;
            }
            laidOut.Add(instruction);
            if (instruction.OpCode.Code != Code.Ret)
                continue;
            // The instruction object stays (branches and sequence points name it); it becomes
            // the store of the value, or the leave itself.
            if (result is null)
            {
                instruction.OpCode = OpCodes.Leave;
                instruction.Operand = resume;
            }
            else
            {
                var store = ShortForms.StoreLocal(result);
                instruction.OpCode = store.OpCode;
                instruction.Operand = store.Operand;
                laidOut.Add(Instruction.Create(OpCodes.Leave, resume));
            }
        }
        laidOut.Add(handler);
        laidOut.Add(Instruction.Create(OpCodes.Endfinally));
        if (result is not null)
            laidOut.Add(resume);
        laidOut.Add(exit);
        body.Instructions.Clear();
        foreach (var instruction in laidOut)
            body.Instructions.Add(instruction);
        body.ExceptionHandlers.Add(new ExceptionHandler(ExceptionHandlerType.Finally)
        {
            TryStart = originals[0],
            TryEnd = handler,
            HandlerStart = handler,
            HandlerEnd = resume,
        });
    }

    private static bool IsTest(MethodDefinition method) => Has(method, TestAttributes);

    /// <summary>Whether an attribute of <paramref name="method"/>, or a base class of one (a
    /// custom <c>[Fact]</c>), has one of <paramref name="names"/>, with or without "Attribute".</summary>
    private static bool Has(MethodDefinition method, HashSet<string> names) =>
        method.CustomAttributes.Any(a => Named(a.AttributeType, names));

    private static bool Named(TypeReference? type, HashSet<string> names)
    {
        for (var depth = 0; type is not null && depth < 8; depth++)
        {
            var name = type.Name.EndsWith("Attribute", StringComparison.Ordinal) ? type.Name[..^"Attribute".Length] : type.Name;
            if (names.Contains(name))
                return true;
            try
            {
                type = type.Resolve()?.BaseType;
            }
            catch (AssemblyResolutionException)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary><c>Namespace.Class</c>, nested classes joined with <c>+</c> as .NET names them.</summary>
    private static string NameOf(TypeDefinition type) => type.FullName.Replace('/', '+');
}
