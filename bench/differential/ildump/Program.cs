// ildump DLL FILE LINE [--reach]: the IL of every method (lambdas, state machines) that has a
// visible sequence point starting on LINE of a source file whose path ends in FILE, each
// instruction under its sequence point. --reach prints instead, for each point starting on LINE,
// its instructions, what jumps to the first of them and the instruction before it: whether the
// point runs only by falling into it (docs/differential.md, "Microsoft's tool, Release").
using Mono.Cecil;
using Mono.Cecil.Cil;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ildump DLL FILE LINE [--reach]");
    return 2;
}
var module = ModuleDefinition.ReadModule(args[0], new ReaderParameters { ReadSymbols = true });
string file = args[1];
int line = int.Parse(args[2]);
bool reach = args.Length > 3 && args[3] == "--reach";

foreach (var method in AllTypes(module.Types).SelectMany(t => t.Methods).Where(m => m.HasBody))
{
    var points = method.DebugInformation.SequencePoints.OrderBy(p => p.Offset).ToList();
    bool OnLine(SequencePoint p) => !p.IsHidden && p.StartLine == line && p.Document.Url.EndsWith(file, StringComparison.Ordinal);
    if (!points.Any(OnLine))
    {
        continue;
    }
    Console.WriteLine($"== {method.DeclaringType.FullName}::{method.Name}");
    if (reach)
    {
        for (int i = 0; i < points.Count; i++)
        {
            if (!OnLine(points[i]))
            {
                continue;
            }
            int end = i + 1 < points.Count ? points[i + 1].Offset : int.MaxValue;
            var under = method.Body.Instructions.Where(x => x.Offset >= points[i].Offset && x.Offset < end).ToList();
            var first = under[0];
            var jumpers = method.Body.Instructions
                .Where(x => x.Operand == first || (x.Operand is Instruction[] targets && targets.Contains(first))).ToList();
            bool handler = method.Body.ExceptionHandlers.Any(h => h.HandlerStart == first || h.FilterStart == first);
            Console.WriteLine($"   point: {string.Join("; ", under)}");
            Console.WriteLine($"   jumped to by: {(jumpers.Count == 0 ? "nothing" : string.Join("; ", jumpers))}{(handler ? " (a handler's start)" : "")}");
            Console.WriteLine($"   before it: {first.Previous?.ToString() ?? "(the method's start)"}");
        }
        continue;
    }
    var byOffset = points.ToDictionary(p => p.Offset);
    foreach (var instruction in method.Body.Instructions)
    {
        if (byOffset.TryGetValue(instruction.Offset, out var p))
        {
            Console.WriteLine(p.IsHidden ? "   -- hidden" : $"   -- line {p.StartLine}:{p.StartColumn}-{p.EndLine}:{p.EndColumn}");
        }
        Console.WriteLine($"   {instruction}");
    }
}
return 0;

static IEnumerable<TypeDefinition> AllTypes(IEnumerable<TypeDefinition> types)
{
    foreach (var type in types)
    {
        yield return type;
        foreach (var nested in AllTypes(type.NestedTypes))
        {
            yield return nested;
        }
    }
}
