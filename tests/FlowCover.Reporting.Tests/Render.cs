using System.Text;

namespace FlowCover.Reporting.Tests;

/// <summary>Runs a reporter into a string with '\n' line ends, so expected outputs are exact on any OS.</summary>
internal static class Render
{
    public static string With(Action<TextWriter> write)
    {
        var writer = new Utf8StringWriter { NewLine = "\n" };
        write(writer);
        return writer.ToString();
    }

    /// <summary>Says UTF-8, as the file the CLI writes does, so the XML declaration reads as it would there.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
