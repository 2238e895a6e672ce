using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A jump Release compiles to nothing is counted where its target's code starts, which is not
/// always where the target statement starts: a <c>for</c> at <c>var i = 0</c> (a <c>break;</c>
/// ending a <c>switch</c> in an <c>if</c> before the loop, Markdig ListRenderer.cs:33); a
/// <c>foreach</c> over an array at its hidden index increment (a break-only section of a string
/// <c>switch</c> ending the body, MarkdownExtensions.cs:572); the method's end at its closing
/// brace (a <c>default:</c> section's last <c>break;</c>, CsvHelper CultureInfoAttribute.cs:47).
/// </summary>
public sealed class JumpTargetCodeStartTests
{
    private const string Source = """
        public static class Target
        {
            public static int Total;

            public static void Run()
            {
                List("7", '1', 2);
                List("8", '1', 0);
                List("9", 'a', 1);
                List(null, '1', 1);
                Configure("common+x+common+advanced+common");
                Culture("a");
                Culture("b");
                Culture("c");
            }

            private static int List(string start, char bullet, int count)
            {
                int index = 0;
                if (start != null)
                {
                    switch (bullet)
                    {
                        case '1':
                            int.TryParse(start, out index);
                            break;
                    }
                }
                for (var i = 0; i < count; i++)
                {
                    index += i;
                }
                return index;
            }

            private static int Configure(string extensions)
            {
                var n = 0;
                foreach (var extension in extensions.Split('+'))
                {
                    switch (extension.ToLowerInvariant())
                    {
                        case "common":
                            break;
                        case "advanced":
                            n += 2;
                            break;
                        default:
                            n += 100;
                            break;
                    }
                }
                return n;
            }

            private static void Culture(string name)
            {
                switch (name)
                {
                    case "a":
                        Total += 1;
                        break;
                    default:
                        Total += 2;
                        break;
                }
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count)]
    [InlineData(CoverageMode.Set)]
    public void A_jump_is_counted_where_its_targets_code_starts(CoverageMode mode)
    {
        var snippet = SnippetRun.Run($"jump-code-start-{mode}", "JumpCodeStart", Source, mode);
        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n;

        Assert.Equal(Count(2), snippet.Hits("break;"));      // List: '1' twice, not 'a' nor a null start
        Assert.Equal(Count(3), snippet.Hits("break;", 1));   // Configure: "common" three times
        Assert.Equal(Count(1), snippet.Hits("break;", 2));   // "advanced" keeps its own `br`
        Assert.Equal(Count(1), snippet.Hits("break;", 3));   // "x"
        Assert.Equal(Count(1), snippet.Hits("break;", 4));   // Culture: "a" (its `break;` is a copy of the `ret`)
        Assert.Equal(Count(2), snippet.Hits("break;", 5));   // the default section's, falling into the method's end: "b" and "c"
    }
}
