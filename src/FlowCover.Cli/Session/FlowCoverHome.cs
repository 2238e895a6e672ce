namespace FlowCover.Cli.Session;

/// <summary>
/// Where FlowCover keeps its run sessions (restore journals and hit files):
/// <c>$FLOWCOVER_HOME</c>, else <c>~/.flowcover</c>. One place for every working directory, so
/// any later invocation, wherever it runs, can find and undo an interrupted run.
/// </summary>
internal static class FlowCoverHome
{
    public static string Path
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("FLOWCOVER_HOME");
            return string.IsNullOrEmpty(configured)
                ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".flowcover")
                : System.IO.Path.GetFullPath(configured);
        }
    }

    public static string Sessions => System.IO.Path.Combine(Path, "sessions");
}
