using System.Runtime.CompilerServices;

namespace FlowCover.Tests;

/// <summary>
/// Lets the suite be measured by FlowCover itself (<c>flowcover run --include 'FlowCover.*.dll'
/// -- dotnet test tests/FlowCover.Tests</c>). That run sets FLOWCOVER_DATA_DIR for the test
/// host, and the variable overrides the data folder baked into every instrumented module in the
/// process, so the targets the tests instrument and run in-process wrote their hits to the outer
/// run's folder and 34 tests saw no hits. Cleared before any test runs: the outer run's own
/// modules then fall back to their baked folder, which is the same one.
/// </summary>
internal static class MeasuredByFlowCover
{
    [ModuleInitializer]
    internal static void ClearTheOuterRunsDataFolder() => Environment.SetEnvironmentVariable("FLOWCOVER_DATA_DIR", null);
}
