using System.Text;

namespace FlowCover.Instrumentation.Probes;

/// <summary>
/// The data folder an instrumented module writes to when its process was not told one (a
/// server started by hand). It is baked in as a string literal padded with NULs to a fixed
/// width, which the tracker trims, so that a cached copy of the module can be pointed at a
/// later session's folder by rewriting those bytes in place: same length, nothing else moves.
/// </summary>
public static class BakedDirectory
{
    /// <summary>Characters the literal always has; longer folders are baked as they are and
    /// cannot be repointed.</summary>
    public const int Width = 1024;

    public static string Pad(string directory) =>
        directory.Length >= Width ? directory : directory.PadRight(Width, '\0');

    public static bool CanRepoint(string directory) => Pad(directory).Length == Width;

    /// <summary>Rewrites the literal baked for <paramref name="from"/> to name
    /// <paramref name="to"/>; false, with nothing changed, unless it occurs exactly once.</summary>
    public static bool Repoint(byte[] assembly, string from, string to)
    {
        if (!CanRepoint(from) || !CanRepoint(to))
            return false;
        // User strings are stored as UTF-16, as the literal's length-prefixed blob.
        var old = Encoding.Unicode.GetBytes(Pad(from));
        var span = assembly.AsSpan();
        var at = span.IndexOf(old);
        if (at < 0 || span[(at + 1)..].IndexOf(old) >= 0)
            return false;
        Encoding.Unicode.GetBytes(Pad(to)).CopyTo(span[at..]);
        return true;
    }
}
