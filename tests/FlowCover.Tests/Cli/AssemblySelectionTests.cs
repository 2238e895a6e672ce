using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// What <c>run</c> does with assemblies it cannot or must not instrument: one warning line
/// each, naming them, and the rest of the run goes on.
/// </summary>
public sealed class AssemblySelectionTests
{
    private readonly FlowCoverProcess _flowcover = new();
    private readonly TestApp _app = TestApp.Create("Workload", Workload.Source);

    [Fact]
    public void Native_ReadyToRun_and_pdb_less_assemblies_are_skipped_with_one_warning_each()
    {
        var readyToRun = Path.Combine(_app.BinDirectory, "System.Text.Json.dll");
        File.Copy(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Text.Json.dll"), readyToRun);
        var native = Path.Combine(_app.BinDirectory, "native.dll");
        File.WriteAllBytes(native, WithoutCliHeader(File.ReadAllBytes(_app.Dll)));
        var noPdb = Path.Combine(_app.BinDirectory, "NoPdb.dll");
        File.Copy(_app.Dll, noPdb);
        var before = _app.Snapshot();

        var result = _flowcover.Run(_app.Directory, "run", "--target", _app.BinDirectory, "--include", "*", "--", "dotnet", _app.Dll, "ok");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var warnings = lines.Where(l => l.StartsWith("flowcover: warning:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        var measured = Assert.Single(lines.Except(warnings));
        Assert.StartsWith($"flowcover: measuring {_app.Name}: 1 file, ", measured);
        Assert.Contains(warnings, w => w.StartsWith($"flowcover: warning: skipping {readyToRun}: a ReadyToRun", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith($"flowcover: warning: skipping {native}: a native image", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith($"flowcover: warning: skipping {noPdb}: no PDB", StringComparison.Ordinal));
        Assert.Equal(before, _app.Snapshot());
        Assert.True(File.Exists(Path.Combine(_app.Directory, ".flowcover")));
    }

    [Fact]
    public void An_assembly_already_instrumented_is_never_instrumented_twice()
    {
        var marker = Path.Combine(_app.Directory, "pid");
        var run = _flowcover.Start(_app.Directory, "run", "--target", _app.BinDirectory, "--", "dotnet", _app.Dll, "wait", marker);
        while (!File.Exists(marker) && !run.HasExited)
            Thread.Sleep(100);
        var copy = Path.Combine(_app.Directory, "instrumented-copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(_app.BinDirectory))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        run.Kill();
        run.WaitForExit();
        _ = Kill(int.Parse(File.ReadAllText(marker)), 9);
        var instrumented = File.ReadAllBytes(Path.Combine(copy, "Workload.dll"));

        var again = _flowcover.Run(_app.Directory, "run", "--target", copy, "--", "true");

        // Nothing else is there to measure: a measurement of nothing is refused, after the warning.
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"flowcover: warning: skipping {Path.Combine(copy, "Workload.dll")}: already instrumented by FlowCover", again.Error);
        Assert.Contains($"flowcover: --target {copy}: No data was collected", again.Error);
        Assert.Equal(instrumented, File.ReadAllBytes(Path.Combine(copy, "Workload.dll")));
    }

    /// <summary>A copy of a managed PE with its CLI header entry cleared: a native image.</summary>
    private static byte[] WithoutCliHeader(byte[] image)
    {
        var pe = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(0x3C));
        var optional = pe + 24;
        var directories = optional + (BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(optional)) == 0x20B ? 112 : 96);
        image.AsSpan(directories + 14 * 8, 8).Clear();
        return image;
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
