using FlowCover.Cli.Projects;
using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>Builds what <c>flowcover test</c> was pointed at, as <c>dotnet test</c> would: every
/// framework of it (tests then run on those that run here, or the one --framework names).</summary>
internal static class DotnetProject
{
    public static void Build(string projectOrSolution, string configuration, TextWriter log)
    {
        var arguments = new List<string> { "build", projectOrSolution, "-c", configuration, "-nologo", "-v", "q", "-clp:NoSummary" };
        var (exitCode, output, error) = DotnetCommand.Run(arguments);
        if (exitCode != 0)
        {
            log.Write(output + error);
            throw new UserError($"{projectOrSolution}: build failed (dotnet build exited {exitCode}); fix the errors above.");
        }
    }
}
