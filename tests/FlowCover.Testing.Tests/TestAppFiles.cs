namespace FlowCover.Testing.Tests;

/// <summary>The test app's assembly beside the tests (the build copies it there with its
/// runtimeconfig), and a folder of files for one test, removed after it.</summary>
internal sealed class TestAppFiles : IDisposable
{
    public static string AppDll { get; } = Path.Combine(AppContext.BaseDirectory, "FlowCover.Testing.TestApp.dll");

    public string Folder { get; } = Directory.CreateTempSubdirectory("flowcover-testing-").FullName;

    /// <summary>Where the app writes that it stopped gracefully.</summary>
    public string StoppedMarker => Path.Combine(Folder, "stopped");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
