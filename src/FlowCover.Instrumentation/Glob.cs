using System.Text;
using System.Text.RegularExpressions;

namespace FlowCover.Instrumentation;

/// <summary>
/// Shell-style globs for assembly names and source paths: <c>*</c> within a path segment,
/// <c>**</c> across segments, <c>?</c> one character. Paths are compared with '/' separators.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    i++;
            }
            else
            {
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", '\\' => "/", _ => Regex.Escape(c.ToString()) });
            }
        }
        _regex = new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    public bool IsMatch(string path) => _regex.IsMatch(path.Replace('\\', '/'));

    public static bool AnyMatch(IEnumerable<Glob> globs, string path) => globs.Any(g => g.IsMatch(path));
}
