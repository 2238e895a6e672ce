using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Xunit;

namespace FlowCover.Tests.Cli;

/// <summary>
/// The two packages a user takes (the <c>flowcover</c> tool and FlowCover.Testing), packed as CI
/// packs them (<c>CI=true</c>) from git clones of one commit in two different folders, both with
/// an <c>origin</c> remote; and FlowCover.Testing once more from a clone with no remote. The
/// sources are this repository's (src/ and the files at its root that the build reads). Each
/// fixture packs under a package version of its own (a stable one, so <c>dotnet tool install</c>
/// and <c>dotnet add package</c> take it without a version), so no package cached by an earlier
/// run is used instead.
/// </summary>
public sealed class PackedClones
{
    /// <summary>The collection of the tests that use the packages (packed once for all of them).</summary>
    public const string Collection = "Packed packages";

    public const string RemoteUrl = "https://example.org/flowcover/flowcover.git";

    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Packages.props", "global.json", "LICENSE"];

    public PackedClones()
    {
        var work = Scratch.Folder("packed");
        First = Path.Combine(work, "first");
        CopySources(PackagingTests.RepositoryRoot(), First);
        Git(First, "init", "-q");
        Git(First, "add", "-A");
        Git(First, "-c", "user.name=FlowCover tests", "-c", "user.email=tests@flowcover.invalid", "commit", "-q", "-m", "sources");
        Git(First, "remote", "add", "origin", RemoteUrl);
        Second = Path.Combine(work, "second", "elsewhere");
        Git(work, "clone", "-q", First, Second);
        Git(Second, "remote", "set-url", "origin", RemoteUrl);
        NoRemote = Path.Combine(work, "no-remote");
        Git(work, "clone", "-q", First, NoRemote);
        Git(NoRemote, "remote", "remove", "origin");

        PackOutput = Pack(First, "FlowCover.Cli") + Pack(First, "FlowCover.Testing");
        Pack(Second, "FlowCover.Cli");
        Pack(Second, "FlowCover.Testing");
        Pack(NoRemote, "FlowCover.Testing");
    }

    /// <summary>The version every package of this fixture carries.</summary>
    public string Version { get; } = "0.1.0." + Random.Shared.Next(1, int.MaxValue);

    /// <summary>The clones, each with its packages in nupkg/.</summary>
    public string First { get; }
    public string Second { get; }
    public string NoRemote { get; }

    /// <summary>What <c>dotnet pack</c> printed for the first clone's two packages.</summary>
    public string PackOutput { get; }

    public static string Feed(string clone) => Path.Combine(clone, "nupkg");

    /// <summary>A nuget.config in <paramref name="folder"/> that takes the FlowCover packages from
    /// the first clone's feed, and only from there, and every other package from the usual feed.</summary>
    public void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="flowcover-packed" value="{Feed(First)}" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="flowcover-packed">
              <package pattern="FlowCover" />
              <package pattern="FlowCover.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """);

    public string Package(string clone, string id) => Path.Combine(Feed(clone), $"{id}.{Version}.nupkg");

    /// <summary>The package's nuspec metadata element.</summary>
    public XElement Metadata(string clone, string id)
    {
        using var zip = ZipFile.OpenRead(Package(clone, id));
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    /// <summary>Every file of the package, by its path inside it.</summary>
    public static Dictionary<string, byte[]> Files(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        return zip.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            return bytes.ToArray();
        });
    }

    private string Pack(string clone, string project) => Run(clone, new Dictionary<string, string> { ["CI"] = "true" },
        "dotnet", "pack", Path.Combine("src", project), "-c", "Release", "-o", Feed(clone), "-nologo", "-p:PackageVersion=" + Version);

    private static void CopySources(string repository, string destination)
    {
        foreach (var file in RootFiles)
        {
            Directory.CreateDirectory(destination);
            File.Copy(Path.Combine(repository, file), Path.Combine(destination, file));
        }
        CopyTree(Path.Combine(repository, "src"), Path.Combine(destination, "src"));
    }

    /// <summary>A folder's files, build output (bin/, obj/) left out.</summary>
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
            CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    private static void Git(string workingDirectory, params string[] arguments) => Run(workingDirectory, new Dictionary<string, string>(), "git", arguments);

    public static string Run(string workingDirectory, IDictionary<string, string> environment, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The suite may itself run on CI: only what a test sets decides.
        start.Environment.Remove("CI");
        start.Environment.Remove("TF_BUILD");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}\n{error.Result}");
        return output + error.Result;
    }
}

[CollectionDefinition(PackedClones.Collection)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedClones>;
