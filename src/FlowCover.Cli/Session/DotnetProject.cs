using FlowCover.Cli.Projects;
using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>Builds what <c>flowcover test</c> was pointed at, as <c>dotnet test</c> would.</summary>
internal static class DotnetProject
{
    public static void Build(string projectOrSolution, string configuration, string? framework, TextWriter log)
    {
        var arguments = new List<string> { "build", projectOrSolution, "-c", configuration, "-nologo", "-v", "q", "-clp:NoSummary" };
        if (framework is not null)
            arguments.AddRange(["-f", framework]);
        var (exitCode, output, error) = DotnetCommand.Run(arguments);
        if (exitCode != 0)
        {
            log.Write(output + error);
            throw new UserError($"{projectOrSolution}: build failed (dotnet build exited {exitCode}); fix the errors above.");
        }
    }
}
