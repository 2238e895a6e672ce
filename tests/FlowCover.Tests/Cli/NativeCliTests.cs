using System.Diagnostics;
using FlowCover.Data;
using FlowCover.Reporting;
using FlowCover.Tests.Validation;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// The CLI as <c>./flowcover</c> builds it: native code where the machine has a C toolchain
/// (CI installs one, see .ci/apt-packages.txt). Compiled ahead of time, it has no reflection
/// based JSON, no FlowCover.Runtime.dll file beside it and no shared framework of its own, so
/// it must show it measures exactly what the CLI on the JIT measures: the same data file, byte
/// for byte, including a line that only disappears when a framework method's [DoesNotReturn]
/// is resolved.
/// </summary>
[Collection(ReleaseBuildsOfTheCli.Name)]
public sealed class NativeCliTests
{
    private const string Source = """
        using System;
        using System.Runtime.ExceptionServices;

        public static class Program
        {
            public static int Main(string[] args)
            {
                try
                {
                    return Rethrow(new InvalidOperationException("again"));
                }
                catch (InvalidOperationException)
                {
                    return args.Length;
                }
            }

            private static int Rethrow(Exception exception)
            {
                ExceptionDispatchInfo.Throw(exception);
                return -1; // after a [DoesNotReturn] call
            }
        }
        """;

    [Fact]
    public void The_native_cli_writes_the_same_data_as_the_cli_on_the_jit()
    {
        var native = PublishedCli();
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(native)!, "flowcover.dll")),
            "./flowcover published IL, not native code: is gcc or clang installed?");
        var app = TestApp.Create("Native", Source);
        string[] Run(string dataFile) => ["run", "--target", app.BinDirectory, "--data-file", dataFile, "--", "dotnet", app.Dll, "a", "b"];

        var onJit = new FlowCoverProcess().Run(app.Directory, Run("jit.flowcover"));
        var compiled = new FlowCoverProcess(native);
        var afresh = compiled.Run(app.Directory, Run("native.flowcover"));
        var cached = compiled.Run(app.Directory, Run("cached.flowcover"));

        Assert.True(onJit.ExitCode == 2, onJit.Error);
        Assert.True(afresh.ExitCode == 2 && cached.ExitCode == 2, afresh.Error + cached.Error);
        var expected = File.ReadAllBytes(Path.Combine(app.Directory, "jit.flowcover"));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(app.Directory, "native.flowcover")));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(app.Directory, "cached.flowcover")));
        var file = Assert.Single(CoverageAnalysis.Analyze(CoverageDataFile.Read(Path.Combine(app.Directory, "native.flowcover")), app.Directory).Files);
        Assert.DoesNotContain(file.Lines, l => l.Line == LineOf("return -1; // after a [DoesNotReturn] call"));
        Assert.Equal(4, file.Lines.Count);
        Assert.All(file.Lines, l => Assert.True(l.Hits > 0, $"line {l.Line} did not run"));
    }

    [Fact]
    public void The_native_cli_reports_a_user_error_in_one_line_with_exit_code_2()
    {
        var result = new FlowCoverProcess(PublishedCli()).Run(Path.GetTempPath(), "report", "--data-file", "no-such.flowcover");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("flowcover: no-such.flowcover: no coverage data file; run 'flowcover run' or 'flowcover test' first.", result.Error.Trim());
    }

    private static int LineOf(string text) => SourceText.LineOf(Source, text);

    /// <summary>Builds the CLI the way a user's first <c>./flowcover</c> does; returns the executable.</summary>
    private static string PublishedCli()
    {
        var root = PackagingTests.RepositoryRoot();
        var start = new ProcessStartInfo(Path.Combine(root, "flowcover"), "--version") { RedirectStandardOutput = true, RedirectStandardError = true };
        using (var process = Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "./flowcover --version failed: " + error.Result);
        }
        return Path.Combine(root, "artifacts", "cli", "flowcover");
    }
}

/// <summary>Tests that build the CLI in Release (publish, pack) share its obj folders, so they
/// take turns.</summary>
[CollectionDefinition(Name)]
public sealed class ReleaseBuildsOfTheCli
{
    public const string Name = "Release builds of the CLI";
}
