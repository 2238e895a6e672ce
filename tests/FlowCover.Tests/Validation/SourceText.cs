namespace FlowCover.Tests.Validation;

/// <summary>Finds lines in the C# sources tests write for themselves.</summary>
public static class SourceText
{
    /// <summary>The 1-based line of <paramref name="source"/> that first contains
    /// <paramref name="text"/>. A text no line holds is a mistake in the test: it throws.</summary>
    public static int LineOf(string source, string text)
    {
        var index = Array.FindIndex(source.Split('\n'), line => line.Contains(text, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : throw new ArgumentException($"no line holds \"{text}\"", nameof(text));
    }
}
