using Microsoft.Testing.Platform.Builder;
using Microsoft.Testing.Platform.Services;

namespace FlowCover.TestPlatform;

/// <summary>What the entry point Microsoft.Testing.Platform generates calls (the package's
/// props name it): adds FlowCover's options, its test host controller and the test host's environment.</summary>
public static class TestingPlatformBuilderHook
{
    public static void AddExtensions(ITestApplicationBuilder builder, string[] _)
    {
        var options = new FlowCoverOptions();
        builder.CommandLine.AddProvider(() => options);
        builder.TestHostControllers.AddProcessLifetimeHandler(services =>
            new FlowCoverController(options, services.GetCommandLineOptions(), services.GetOutputDevice()));
        builder.TestHostControllers.AddEnvironmentVariableProvider(services => new FlowCoverHostEnvironment(options, services.GetCommandLineOptions()));
    }
}
