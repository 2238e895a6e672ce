using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Faults;

/// <summary>What every fault must look like to the user: exit 0 or 2, never a stack trace or a
/// .NET type name, and an error as one line naming what to fix.</summary>
internal static class FaultAssert
{
    /// <summary>No stack frame, no exception type, no runtime crash, whatever the exit code.</summary>
    public static void NoCrash(FlowCoverProcess.Result result, string what)
    {
        Assert.False(result.Error.Contains("   at ", StringComparison.Ordinal), $"{what}: a stack trace:\n{result.Error}");
        Assert.False(result.Error.Contains("Exception", StringComparison.Ordinal), $"{what}: a .NET type name:\n{result.Error}");
        Assert.False(result.Error.Contains("internal error", StringComparison.Ordinal), $"{what}: FlowCover's last resort:\n{result.Error}");
    }

    /// <summary>Exit code 2 and one line, <c>flowcover: ...</c>, that names <paramref name="mentions"/>.
    /// The lines a run prints before it fails, naming what it measures, are not part of the error.</summary>
    public static string OneLineError(FlowCoverProcess.Result result, params string[] mentions)
    {
        NoCrash(result, string.Join(' ', mentions));
        Assert.True(result.ExitCode == 2, $"exit code {result.ExitCode}, stderr:\n{result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            l => !l.StartsWith("flowcover: measuring ", StringComparison.Ordinal));
        Assert.StartsWith("flowcover: ", line);
        foreach (var mention in mentions)
            Assert.Contains(mention, line);
        return line;
    }
}
