using System.Reflection;
using System.Text.Json;

namespace FlowCover.Testing;

/// <summary>
/// WebApplicationFactory finds an app's content root in MvcTestingAppManifest.json, but looks for
/// that file in the current directory only (where <c>dotnet test</c> runs, not every runner).
/// Elsewhere it gives up with "Solution root could not be located". This points it at the app
/// through the variable it checks first, <c>ASPNETCORE_TEST_CONTENTROOT_{APP}</c>.
/// </summary>
internal static class ContentRoots
{
    private const string Manifest = "MvcTestingAppManifest.json";

    public static void MakeFindable(Assembly app)
    {
        var name = app.GetName();
        var variable = "ASPNETCORE_TEST_CONTENTROOT_" + name.Name!.ToUpperInvariant().Replace('.', '_');
        if (File.Exists(Manifest) || Environment.GetEnvironmentVariable(variable) is not null)
            return;
        // Every caller computes the same value for the same app, so setting it process-wide is safe.
        Environment.SetEnvironmentVariable(variable, FromManifestBesideTests(name.FullName) ?? Path.GetDirectoryName(app.Location));
    }

    private static string? FromManifestBesideTests(string appFullName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, Manifest);
        if (!File.Exists(path))
            return null;
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
        return roots?.GetValueOrDefault(appFullName) is { } root && root != "~" ? root : null;
    }
}
