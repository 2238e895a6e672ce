using FlowCover.Tests.Validation;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// An assembly whose constant (here a parameter's default value) is of an enum declared in
/// another assembly. Found in a real target (Microsoft.CodeAnalysis.CSharp.dll without
/// Microsoft.CodeAnalysis.dll beside it): Cecil's writer had to open the enum's assembly to
/// write the constant again, so the run ended in a stack trace, and later the assembly was
/// skipped. The patching writer copies constants as the compiler wrote them, so the assembly
/// is measured whether the enum's assembly is at hand or not.
/// </summary>
public sealed class MissingDependencyTests
{
    private const string PaletteSource = "namespace Palette; public enum Color { Red, Green }";

    // Reads the default value back from the assembly's own metadata: it exits 0 only when the
    // constant was written as it was compiled.
    private const string AppSource = """
        using System.Reflection;
        using Palette;

        static class Program
        {
            static int Main()
            {
                var color = typeof(Program).GetMethod(nameof(Paint), BindingFlags.NonPublic | BindingFlags.Static)!.GetParameters()[0].DefaultValue;
                return color is Color.Green && Paint() == Color.Green ? 0 : 1;
            }

            static Color Paint(Color color = Color.Green) => color;
        }
        """;

    private readonly FlowCoverProcess _flowcover = new();
    private readonly string _palette;
    private readonly TestApp _app;

    public MissingDependencyTests()
    {
        (_, _palette) = TargetCompiler.CompileSnippet("palette", "Palette", PaletteSource, OptimizationLevel.Debug);
        _app = TestApp.Create("Painter", AppSource, references: [_palette]);
    }

    [Fact]
    public void Named_as_the_target_without_the_enums_assembly_it_is_measured_and_restored()
    {
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.Dll, "--", "true");
        Assert.True(result.ExitCode == 0, result.Error);
        // `true` runs none of the app (it cannot run without Palette.dll): the one warning is
        // that no data was collected, none is about instrumenting it.
        var warning = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.Contains("warning"));
        Assert.StartsWith("flowcover: warning: No data was collected: the command ran no code of Painter;", warning);
        Assert.Equal(before, _app.Snapshot());
        Assert.Matches(@"Painter\.cs +\d+ +\d+ ", _flowcover.Run(_app.Directory, "report").Output);
    }

    [Fact]
    public void With_the_enums_assembly_beside_it_the_constant_is_written_back_as_it_was()
    {
        File.Copy(_palette, Path.Combine(_app.BinDirectory, "Palette.dll"));
        var before = _app.Snapshot();
        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("warning", result.Error);
        Assert.Equal(before, _app.Snapshot());
        var report = _flowcover.Run(_app.Directory, "report", "--show-missing");
        Assert.Matches(@"Painter\.cs +\d+ +0 ", report.Output); // Every line ran, instrumented.
    }
}
