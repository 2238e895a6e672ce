using System.Runtime.InteropServices;

namespace FlowCover.Cli.Session;

/// <summary>
/// SIGINT, SIGTERM, SIGHUP and SIGQUIT for the length of a session: flowcover does not die of
/// them (it would leave the target instrumented) but passes them on to the measured command,
/// waits for it, restores, collects, and then exits 128 + the signal's number. A signal before
/// the command started means it is not started at all. SIGINT and SIGQUIT typed at a terminal
/// reach the command already (the terminal signals its whole foreground process group), so the
/// first of each is not passed on while flowcover is in that group; a second one is.
/// </summary>
internal sealed partial class Interruptions : IDisposable
{
    private static readonly (PosixSignal Signal, int Number)[] Caught =
        [(PosixSignal.SIGINT, 2), (PosixSignal.SIGTERM, 15), (PosixSignal.SIGHUP, 1), (PosixSignal.SIGQUIT, 3)];

    private readonly Lock _lock = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly HashSet<int> _seen = [];
    private int _command;
    private int? _unforwarded;

    private Interruptions()
    {
        foreach (var (signal, number) in Caught)
            _registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Receive(number);
            }));
    }

    /// <summary>The first signal received, if any.</summary>
    public int? Received { get; private set; }

    /// <summary>The exit code of an interrupted session.</summary>
    public int ExitCode => 128 + Received!.Value;

    public static Interruptions Catch() => new();

    /// <summary>The command is running: signals go to it from now on, including one that
    /// came while it was being started.</summary>
    public void Attach(int pid)
    {
        lock (_lock)
        {
            _command = pid;
            if (_unforwarded is { } pending)
                _ = Kill(pid, pending);
            _unforwarded = null;
        }
    }

    public void Detach()
    {
        lock (_lock)
            _command = 0;
    }

    private void Receive(int number)
    {
        lock (_lock)
        {
            Received ??= number;
            var typed = number is 2 or 3 && _seen.Add(number) && InForegroundOfTerminal();
            if (typed)
                return;
            if (_command != 0)
                _ = Kill(_command, number);
            else
                _unforwarded = number;
        }
    }

    /// <summary>Whether this process is in the foreground process group of its controlling
    /// terminal (so a key typed there signals the command as well).</summary>
    private static bool InForegroundOfTerminal()
    {
        var terminal = Open("/dev/tty", 0x100 /* O_NOCTTY */);
        if (terminal < 0)
            return false;
        try
        {
            return TerminalForegroundGroup(terminal) == ProcessGroup();
        }
        finally
        {
            _ = Close(terminal);
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "tcgetpgrp")]
    private static partial int TerminalForegroundGroup(int fd);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int ProcessGroup();
}
