using FlowCover.Data;

namespace FlowCover.Cli.Session;

/// <summary>
/// <c>session.json</c>: what a later invocation needs to know of a run to decide whether it is
/// still alive and, if not, to finish it: who owns it, which target locks it holds, where its
/// hits go. Written whole (temp file, flush, rename) at each step. docs/sessions.md describes it.
/// </summary>
/// <param name="Owner">The flowcover process running the session.</param>
/// <param name="Locks">The names of the target locks the owner holds (<see cref="TargetLocks"/>).</param>
/// <param name="DataFile">The data file the hits go to (absolute).</param>
/// <param name="Mode">The coverage mode (written "set" or "count").</param>
/// <param name="Append">Whether the hits are added to what the data file holds.</param>
/// <param name="DataFileSha256">The data file's hash when the run started (null: there was
/// none). A data file that no longer has it was written by this session's collection.</param>
/// <param name="Command">The measured command once started: the session is alive while it runs.</param>
internal sealed record SessionRecord(
    int Version,
    ProcessIdentity Owner,
    List<string> Targets,
    List<string> Locks,
    string DataFile,
    CoverageMode Mode,
    bool Append,
    string? DataFileSha256,
    ProcessIdentity? Command)
{
    public const int CurrentVersion = 1;

    /// <summary>A session is alive while its flowcover or the command it started runs.</summary>
    public bool IsAlive() => Owner.IsAlive() || Command?.IsAlive() == true;
}
