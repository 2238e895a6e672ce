using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using FlowCover.Cli.Config;
using FlowCover.Cli.Projects;
using FlowCover.Data;
using FlowCover.Reporting.Contexts;

namespace FlowCover.Cli.Verbs;

/// <summary>
/// <c>flowcover affected --base REF</c> (or <c>--diff FILE</c>): the tests a change can affect,
/// from the contexts recorded on the code before it, printed as one <c>dotnet test --filter</c>
/// expression. Nothing is printed when no test is affected.
/// </summary>
internal static class AffectedVerb
{
    public static Command Create()
    {
        var dataFile = SharedOptions.DataFile();
        var baseRef = new Option<string?>("--base") { Description = "The git commit, branch or tag the contexts were recorded at; the change is from it to the working tree, uncommitted and untracked files included." };
        var diffFile = new Option<string?>("--diff") { Description = "A unified diff (git diff, diff -u) of the change instead, its paths relative to the repository root." };
        var verb = new Command("affected",
            "Print a 'dotnet test --filter' expression for the tests whose recorded lines the change touches. " +
            "New or moved tests and changed test files are always included: every class declared in a changed C# file that is not measured code " +
            "runs whole, as does a class whose setup ran a changed line. Nothing is printed when no test is affected. " +
            "Use as: dotnet test --filter \"$(flowcover affected --base origin/main)\".")
        {
            baseRef, diffFile, dataFile,
        };
        verb.SetAction(parse =>
        {
            var reference = parse.GetValue(baseRef);
            var diff = parse.GetValue(diffFile);
            if ((reference is null) == (diff is null))
                throw new UserError("--base or --diff: give one of them: the git ref the contexts were recorded at, or a diff file of the change.");
            var data = SharedOptions.Pick(parse, dataFile, ConfigFile.Find(Directory.GetCurrentDirectory())?.DataFile);
            using var store = ContextInput.Open(data);
            var (root, changes) = reference is not null ? GitChanges(reference) : FileChanges(diff!);
            var affected = AffectedTests.Find(store, root, changes, path => File.Exists(path) ? File.ReadAllText(path) : null);
            foreach (var note in affected.Notes)
                Console.Error.WriteLine("flowcover: " + note);
            var filter = affected.Filter();
            if (filter.Length > 0)
                Console.Out.WriteLine(filter);
            Console.Error.WriteLine($"flowcover: {affected.Tests.Count} recorded test(s) and {affected.Classes.Count} whole class(es) affected by {changes.Count} changed file(s).");
            return 0;
        });
        return verb;
    }

    private static (string Root, IReadOnlyList<ChangedFile> Changes) FileChanges(string path)
    {
        if (!File.Exists(path))
            throw new UserError($"--diff {path}: no such file; write one with 'git diff BASE > {path}'.");
        return (RepositoryRoot.Find(Directory.GetCurrentDirectory()), ChangedLines.Parse(File.ReadAllText(path)));
    }

    /// <summary>The change from <paramref name="reference"/> to the working tree, and the
    /// untracked files as new ones, in the repository around the current folder.</summary>
    private static (string Root, IReadOnlyList<ChangedFile> Changes) GitChanges(string reference)
    {
        var (code, top, error) = Git(Directory.GetCurrentDirectory(), "rev-parse", "--show-toplevel");
        if (code != 0)
            throw new UserError($"--base {reference}: the current folder is not in a git repository ({FirstLine(error)}); run it in the repository, or pass the change with --diff FILE.");
        var root = top.Trim();
        (code, var diff, error) = Git(root, "diff", "--no-color", "--no-ext-diff", "--unified=0", "-M", reference, "--");
        if (code != 0)
            throw new UserError($"--base {reference}: git cannot diff against it ({FirstLine(error)}); name a commit, branch or tag of this repository.");
        var (_, untracked, _) = Git(root, "ls-files", "--others", "--exclude-standard");
        var changes = ChangedLines.Parse(diff).ToList();
        changes.AddRange(untracked.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new ChangedFile(null, p, new HashSet<int>())));
        return (root, changes);
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";

    private static (int ExitCode, string Output, string Error) Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (Win32Exception e)
        {
            throw new UserError($"--base: git cannot run ({e.Message}); install git, or pass the change with --diff FILE.", e);
        }
    }
}
