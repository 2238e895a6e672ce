using System.Security.Cryptography;
using System.Text;
using FlowCover.Data;

namespace FlowCover.Reporting;

/// <summary>Whether a source file on disk is still the one that was built and measured.</summary>
public enum SourceState
{
    /// <summary>No checksum was recorded (older data, or a PDB without one): not checked.</summary>
    Unchecked,

    /// <summary>The file's checksum is the PDB's: the measured lines are its lines.</summary>
    Current,

    /// <summary>The file was edited after the build: the measured line numbers may point at
    /// other code now.</summary>
    Changed,

    /// <summary>The file is not where the compiler saw it.</summary>
    Missing,
}

/// <summary>
/// Compares a source file with the checksum its PDB recorded at build time. A report that
/// coloured an edited file's lines would mark the wrong lines as missed, silently; knowing the
/// file changed, reports say so instead.
/// </summary>
public static class SourceCheck
{
    public static SourceState Of(string path, SourceChecksum? recorded)
    {
        if (recorded is null)
            return SourceState.Unchecked;
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return SourceState.Missing;
        }
        if (Hash(recorded.Algorithm, content) is not { } hash)
            return SourceState.Unchecked;
        if (hash == recorded.Hash)
            return SourceState.Current;
        // A checkout with other line ends (git's autocrlf on another machine) has the same lines:
        // not an edit.
        var lf = Encoding.Latin1.GetString(content).Replace("\r\n", "\n", StringComparison.Ordinal);
        return Hash(recorded.Algorithm, Encoding.Latin1.GetBytes(lf)) == recorded.Hash
            || Hash(recorded.Algorithm, Encoding.Latin1.GetBytes(lf.Replace("\n", "\r\n", StringComparison.Ordinal))) == recorded.Hash
            ? SourceState.Current
            : SourceState.Changed;
    }

    private static string? Hash(string algorithm, byte[] content) => algorithm switch
    {
        "SHA256" => Convert.ToHexStringLower(SHA256.HashData(content)),
        "SHA1" => Convert.ToHexStringLower(SHA1.HashData(content)),
        "MD5" => Convert.ToHexStringLower(MD5.HashData(content)),
        _ => null,
    };

    /// <summary>One warning line per file whose source changed since the build or is gone.</summary>
    public static IEnumerable<string> Warnings(CoverageResult result)
    {
        foreach (var file in result.Files)
        {
            if (file.Source == SourceState.Changed)
                yield return $"flowcover: warning: {file.Name}: edited after the build that was measured (its checksum is not the PDB's), so its line numbers may point at other code; build and measure again.";
            else if (file.Source == SourceState.Missing)
                yield return $"flowcover: warning: {file.Name}: source file not found, so its lines cannot be checked or shown; make the report where the measured sources are.";
        }
    }
}
