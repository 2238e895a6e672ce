namespace FlowCover.Reporting;

/// <summary>
/// Text made safe for a Markdown table cell. Method names carry generics (<c>Repo&lt;T&gt;.Get</c>)
/// that GitHub would swallow as HTML tags, and <c>|</c> would end the cell; underscores and
/// asterisks would turn file names into emphasis. Everything else stays as written.
/// </summary>
public static class MarkdownText
{
    public static string Escape(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '&': builder.Append("&amp;"); break;
                case '|' or '_' or '*' or '`' or '\\' or '[' or ']':
                    builder.Append('\\').Append(c);
                    break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }
}
