using System.Reflection;
using System.Text.Json.Nodes;
using FlowCover.Data;
using FlowCover.Instrumentation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// The Release rules of the source model run only in methods where a cheap look at the IL and
/// text asks for the syntax tree (SyntaxNeed); a shape the look misses keeps the count the IL
/// alone gives, silently. Each input here is built Debug and Release and instrumented twice, with
/// the look and with the tree parsed for every method
/// (<see cref="InstrumentOptions.SyntaxForEveryMethod"/>): the models and the instrumented
/// assemblies must be the same. The inputs: the validation targets, the random programs of the
/// Debug-against-Release check, and every snippet of the tests (a string holding <c>class Target</c>).
/// <c>FLOWCOVER_SYNTAX_SEEDS=9-40</c> adds those random seeds, for a search out of the suite.
/// </summary>
public sealed class SyntaxLookTests
{
    public static TheoryData<string> Inputs()
    {
        var inputs = new TheoryData<string> { "targets" };
        foreach (var seed in Seeds())
            inputs.Add($"random-{seed}");
        foreach (var name in Snippets().Keys.Order(StringComparer.Ordinal))
            inputs.Add(name);
        return inputs;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Forcing_the_syntax_tree_changes_no_model(string input)
    {
        // Prepared, not written: the model is complete then, and the assembly is left as built.
        foreach (var build in new[] { OptimizationLevel.Debug, OptimizationLevel.Release })
        {
            var (dll, root) = Compile(input, build);
            if (dll is null)
                continue; // A snippet that needs its test's own references or options.
            foreach (var mode in new[] { CoverageMode.Count, CoverageMode.Set })
            {
                var data = Scratch.Folder("syntax-look-data");
                var look = Instrument(dll, root, data, mode, forced: false);
                var tree = Instrument(dll, root, data, mode, forced: true);
                if (look is null || tree is null)
                {
                    Assert.Equal(look is null, tree is null);
                    continue; // A snippet whose code is all excluded.
                }
                Assert.True(look == tree, $"{input} {build} {mode}: the model differs with the tree forced\n{Differences(look, tree)}");
            }
        }
    }

    [Fact]
    public void Most_snippets_compile_on_their_own()
    {
        var compiled = Snippets().Keys.Count(name => Compile(name, OptimizationLevel.Release).Dll is not null);
        Assert.True(compiled >= 45, $"only {compiled} snippets compiled");
    }

    private static IEnumerable<int> Seeds()
    {
        var seeds = Enumerable.Range(1, 8);
        if (Environment.GetEnvironmentVariable("FLOWCOVER_SYNTAX_SEEDS") is { } extra && extra.Split('-') is [var from, var to])
            seeds = seeds.Concat(Enumerable.Range(int.Parse(from), int.Parse(to) - int.Parse(from) + 1));
        return seeds.Distinct();
    }

    /// <summary>The tests' snippets by <c>Class.Field</c>: string constants and static fields of the
    /// test assembly that hold a <c>class Target</c>.</summary>
    private static Dictionary<string, string> Snippets()
    {
        var snippets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in typeof(SyntaxLookTests).Assembly.GetTypes())
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                if (field.FieldType == typeof(string) && !type.ContainsGenericParameters
                    && (field.IsLiteral ? field.GetRawConstantValue() : field.GetValue(null)) is string text && text.Contains("class Target", StringComparison.Ordinal))
                    snippets[$"{type.FullName!.Replace("FlowCover.Tests.", "", StringComparison.Ordinal)}.{field.Name}"] = text;
        return snippets;
    }

    /// <summary>The input built one way: its assembly (null for a snippet that does not compile
    /// alone) and the folder its sources are measured under.</summary>
    private static (string? Dll, string Root) Compile(string input, OptimizationLevel build)
    {
        var work = Scratch.Folder($"syntax-look-{build}");
        if (input == "targets")
            return (TargetRun.CompileTargets(work, build), TargetRun.TargetsDirectory);
        Directory.CreateDirectory(work);
        var (name, source) = input.StartsWith("random-", StringComparison.Ordinal)
            ? ("Random", RandomProgram.Write(int.Parse(input["random-".Length..]), methods: 60))
            : ("Snippet", Snippets()[input]);
        var path = Path.Combine(work, name + ".cs");
        File.WriteAllText(path, source);
        try
        {
            return (TargetCompiler.Compile([path], Path.Combine(work, "bin"), name, build, OutputKind.DynamicallyLinkedLibrary), work);
        }
        catch (InvalidOperationException) when (name == "Snippet")
        {
            return (null, work);
        }
    }

    /// <summary>The model of <paramref name="dll"/> instrumented one way, as its file holds it;
    /// null when nothing in it is measured.</summary>
    private static string? Instrument(string dll, string root, string data, CoverageMode mode, bool forced)
    {
        var options = new InstrumentOptions { DataDirectory = data, Mode = mode, SourceRoot = root, SyntaxForEveryMethod = forced };
        if (new AssemblyInstrumenter(options).Prepare(dll).Prepared is not { } prepared)
            return null;
        ModuleModelFile.Write(data, prepared.Model);
        return File.ReadAllText(ModuleModelFile.PathFor(data, prepared.Model.Key));
    }

    /// <summary>The methods whose model differs (the first few), each as either model holds it.</summary>
    private static string Differences(string look, string tree)
    {
        var (a, b) = (JsonNode.Parse(look)!["methods"]!.AsArray(), JsonNode.Parse(tree)!["methods"]!.AsArray());
        if (a.Count != b.Count)
            return $"{a.Count} methods with the look, {b.Count} with the tree";
        var differing = Enumerable.Range(0, a.Count).Where(i => a[i]!.ToJsonString() != b[i]!.ToJsonString()).Take(4)
            .Select(i => $"{a[i]!["name"]}\n  look {a[i]!.ToJsonString()}\n  tree {b[i]!.ToJsonString()}");
        return string.Join('\n', differing);
    }
}
