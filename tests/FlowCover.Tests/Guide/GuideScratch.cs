using System.Diagnostics;
using System.Text.RegularExpressions;
using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Guide;

/// <summary>
/// A scratch solution the guide's commands run in, as a user's would: FlowCover comes from the
/// packages this repository packs (a folder feed the solution's nuget.config maps the FlowCover
/// packages to, every other package coming from the usual feed), FlowCover's home is the
/// scratch's own, and the CI variables of the machine running the suite are cleared.
/// </summary>
internal sealed partial class GuideScratch
{
    private static readonly string[] ReportVerbs = ["report", "xml", "html", "lcov", "json", "combine", "diff"];

    private readonly Dictionary<string, string> _help = [];

    public GuideScratch(string root, PackedClones packed)
    {
        Root = root;
        packed.WriteNuGetConfig(root);
    }

    public string Root { get; }

    public string Home { get; } = Scratch.Folder("guide-home");

    /// <summary>Where <c>$GITHUB_STEP_SUMMARY</c> points while a recipe runs.</summary>
    public string StepSummary => Path.Combine(Home, "step-summary.md");

    /// <summary>Writes the page's file blocks and runs its <c>sh</c> blocks, in order, checking each
    /// against the <c>text</c> block after it; then checks and runs its CI recipes' commands.</summary>
    public void RunPage(GuidePage page)
    {
        foreach (var (block, output) in page.Steps())
        {
            if (block.FilePath is { } file)
            {
                var path = Path.Combine(Root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, block.Text + "\n");
                continue;
            }
            var printed = Shell(block, block.Text);
            if (output is not null)
            {
                var missing = GuidePage.Missing(output.Text, printed);
                Assert.True(missing.Count == 0, $"{output}: not printed by {block}:\n  {string.Join("\n  ", missing)}\nit printed:\n{printed}");
            }
        }
        foreach (var (block, line) in page.RecipeCommands())
        {
            foreach (var (verb, options) in FlowCoverCalls(line))
            {
                var help = Help(block, verb);
                foreach (var option in options)
                    Assert.True(OptionNames(help).Contains(option), $"{block}: 'flowcover {verb}' has no option {option} (in: {line})");
            }
            if (FlowCoverCalls(line).All(call => ReportVerbs.Contains(call.Verb)))
                Shell(block, line);
        }
    }

    /// <summary>Runs a script with bash in the solution's root; it must exit 0.</summary>
    public string Shell(GuideBlock block, string script)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -euo pipefail\n" + script);
        foreach (var variable in new[] { "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "FLOWCOVER_DATA_DIR" })
            start.Environment.Remove(variable);
        start.Environment["FLOWCOVER_HOME"] = Home;
        start.Environment["GITHUB_STEP_SUMMARY"] = StepSummary;
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{block} did not finish in 10 minutes:\n{script}");
        }
        var printed = output + error.Result;
        Assert.True(process.ExitCode == 0, $"{block} exited {process.ExitCode}:\n{script}\nit printed:\n{printed}");
        return printed;
    }

    private string Help(GuideBlock block, string verb)
    {
        if (!_help.TryGetValue(verb, out var help))
            _help[verb] = help = Shell(block, $"dotnet flowcover {verb} --help");
        return help;
    }

    /// <summary>Each <c>dotnet flowcover VERB ...</c> of a command line (split at &amp;&amp;, ||, |, ;),
    /// with the options it passes.</summary>
    private static IEnumerable<(string Verb, string[] Options)> FlowCoverCalls(string line) =>
        ShellOperators().Split(line)
            .Select(part => part.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 2 && words[0] == "dotnet" && words[1] == "flowcover")
            .Select(words => (words[2], words.Skip(3).TakeWhile(w => w is not (">" or ">>")).Where(w => w.StartsWith('-') && w != "--").ToArray()));

    private static HashSet<string> OptionNames(string help) =>
        help.Split('\n')
            .Where(line => line.TrimStart().StartsWith('-'))
            .SelectMany(line => OptionName().Matches(line.Trim().Split("  ")[0]).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"&&|\|\||\||;")]
    private static partial Regex ShellOperators();

    [GeneratedRegex(@"-{1,2}[A-Za-z?][\w-]*")]
    private static partial Regex OptionName();
}
