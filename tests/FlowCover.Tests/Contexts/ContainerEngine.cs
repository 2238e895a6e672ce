using System.Diagnostics;
using System.Formats.Tar;
using System.Runtime.InteropServices;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// The Docker engine the container tests run their container on (.ci/container-engine starts
/// it), and the image they run: no registry is reachable here, so the image is made on the spot
/// by <c>docker import</c> from an empty root (the usual top folders, and <c>bin</c>, <c>lib</c>,
/// <c>lib64</c>, <c>sbin</c> linked into <c>usr</c> as Debian has them); a container gets the
/// host's <c>/usr</c> (the native libraries .NET needs) and .NET itself mounted read-only.
/// </summary>
internal static class ContainerEngine
{
    public const string Image = "flowcover-test-root:1";

    private static readonly Lazy<string?> WhyMissing = new(() =>
    {
        try
        {
            var (exit, output) = Docker(TimeSpan.FromSeconds(30), "info", "--format", "{{.ServerVersion}}");
            return exit == 0 ? null : "no container engine answers (docker info: " + output.Trim().ReplaceLineEndings(" ") + "); run .ci/container-engine, which installs Debian's docker.io and starts dockerd";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "no docker client (" + e.Message + "); run .ci/container-engine, which installs Debian's docker.io and starts dockerd";
        }
    });

    /// <summary>Null when a container can run here, else why not.</summary>
    public static string? Missing => WhyMissing.Value;

    /// <summary>The .NET the tests run on, mounted at <c>/dotnet</c> in the container.</summary>
    public static string DotnetRoot => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "../../.."));

    /// <summary>Imports <see cref="Image"/> unless the engine has it already.</summary>
    public static void EnsureImage()
    {
        if (Docker(TimeSpan.FromMinutes(1), "image", "inspect", Image).Exit == 0)
            return;
        var root = new MemoryStream();
        using (var tar = new TarWriter(root, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var folder in new[] { "usr", "etc", "tmp", "proc", "sys", "dev", "app" })
            {
                var mode = (UnixFileMode)Convert.ToInt32(folder == "tmp" ? "1777" : "755", 8);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, folder + "/") { Mode = mode });
            }
            foreach (var link in new[] { "bin", "lib", "lib64", "sbin" })
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, link) { LinkName = "usr/" + link });
        }
        var (exit, output) = Docker(TimeSpan.FromMinutes(2), root.ToArray(), "import", "-", Image);
        Assert.True(exit == 0, "docker import: " + output);
    }

    public static (int Exit, string Output) Docker(TimeSpan timeout, params string[] arguments) => Docker(timeout, null, arguments);

    /// <summary>Runs the docker client, <paramref name="input"/> on its standard input; its
    /// output and errors together.</summary>
    public static (int Exit, string Output) Docker(TimeSpan timeout, byte[]? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
            process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "docker " + string.Join(' ', arguments) + " did not finish in " + timeout);
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}

/// <summary>A test that runs a container; skipped, with the reason, where no engine answers.</summary>
public sealed class ContainerFactAttribute : FactAttribute
{
    public ContainerFactAttribute()
    {
        if (ContainerEngine.Missing is { } reason)
            Skip = reason;
    }
}

/// <summary>A theory that runs a container; skipped, with the reason, where no engine answers.</summary>
public sealed class ContainerTheoryAttribute : TheoryAttribute
{
    public ContainerTheoryAttribute()
    {
        if (ContainerEngine.Missing is { } reason)
            Skip = reason;
    }
}
