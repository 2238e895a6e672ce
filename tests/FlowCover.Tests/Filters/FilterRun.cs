using FlowCover.Instrumentation.Analysis;
using FlowCover.Instrumentation.Filters;
using FlowCover.Instrumentation.Il;
using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace FlowCover.Tests.Filters;

/// <summary>
/// Runs one filter alone on one method of a tiny compiled class and says what it told its
/// output, one line per verb (JaCoCo's filter tests: a compiled method in, the output
/// asserted), by source line: <c>ignore branch 5 brtrue.s</c>, <c>ignore line 3</c>,
/// <c>value StackValueProbe 4: true, false</c>, <c>decision 6: case 1 | default</c>,
/// <c>add line 6</c>. A branch or statement under a hidden sequence point is on line 0.
/// </summary>
internal static class FilterRun
{
    public static IReadOnlyList<string> Apply(ICompilerPatternFilter filter, string source, string method, OptimizationLevel optimization)
    {
        var (_, dll) = TargetCompiler.CompileSnippet("filter-" + filter.GetType().Name, "Target", source, optimization);
        using var module = ModuleDefinition.ReadModule(dll, new ReaderParameters { ReadSymbols = true });
        var body = module.GetTypes().SelectMany(t => t.Methods).Single(m => m.HasBody && Matches(m, method));
        var context = new MethodContext(body);
        try
        {
            var output = new FilterOutput(context);
            filter.Apply(context, output);
            return Describe(context, output);
        }
        finally
        {
            context.Release();
        }
    }

    /// <summary><paramref name="name"/> is a method of the class, or for an async method or
    /// iterator <c>Name.MoveNext</c>, its state machine's.</summary>
    private static bool Matches(MethodDefinition method, string name) =>
        name.Split('.') is [var outer, var inner]
            ? method.Name == inner && method.DeclaringType.Name.StartsWith("<" + outer + ">", StringComparison.Ordinal)
            : method.Name == name;

    private static List<string> Describe(MethodContext method, FilterOutput output)
    {
        var said = new List<string>();
        foreach (var (at, point) in method.SequencePoints)
            if (!point.IsHidden && output.IsLineIgnored(at))
                said.Add($"ignore line {point.StartLine}");
        foreach (var instruction in method.Instructions)
            if (BranchShapes.IsDecisionOpCode(instruction.OpCode) && output.IsBranchIgnored(instruction))
                said.Add($"ignore branch {LineOf(method, instruction)} {instruction.OpCode.Name}");
        foreach (var probe in output.ValueProbes)
            said.Add($"value {probe.GetType().Name} {probe.Line ?? LineOf(method, probe.At)}: {string.Join(", ", probe.Labels)}");
        foreach (var decision in output.Decisions)
            said.Add($"decision {decision.Line}: {string.Join(" | ", decision.Outcomes.Select(o => o.Label))}");
        foreach (var added in output.AddedLines)
            said.Add($"add line {added.Line}");
        return said;
    }

    private static int LineOf(MethodContext method, Instruction instruction) =>
        method.StatementOf(instruction)?.StartLine ?? 0;
}
