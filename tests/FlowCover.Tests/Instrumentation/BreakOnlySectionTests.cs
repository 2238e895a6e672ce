using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A switch section that is only <c>break;</c> (<c>case ':': case ' ': break;</c>) beside a
/// <c>default</c>: Release's dispatch goes straight past the switch for it, and nothing else goes
/// there from the dispatch, so the <c>break;</c> is counted on the dispatch's ways there: exactly
/// as often as the switch chose that section.
/// </summary>
public sealed class BreakOnlySectionTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Separators("|: \t|x:");
                Words("common");
                Words("pipes");
                Words("common");
                Words("x");
                Radix(2);
                Radix(10);
                Radix(10);
                Radix(3);
            }

            public static int Separators(string text)
            {
                var n = 0;
                for (var i = 0; i < text.Length; i++)
                {
                    switch (text[i])
                    {
                        case '|':
                            n++;
                            break;
                        case ':':
                        case ' ':
                        case '\t':
                            break;
                        default:
                            n += 10;
                            break;
                    }
                }
                return n;
            }

            public static int Words(string word)
            {
                var used = 0;
                switch (word)
                {
                    case "common":
                        break;
                    case "pipes":
                        used++;
                        break;
                    case "alerts":
                        used += 2;
                        break;
                    default:
                        used += 10;
                        break;
                }
                return used;
            }

            public static int Radix(int numberBase)
            {
                var result = 1;
                switch (numberBase)
                {
                    case 2:
                    case 8:
                        result = numberBase;
                        break;
                    case 16:
                        result = 4;
                        break;
                    case 10:
                        // already right
                        break;
                }
                return result;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count, false)]
    [InlineData(CoverageMode.Count, true)]
    [InlineData(CoverageMode.Set, true)]
    public void A_section_of_only_break_counts_the_dispatch_choosing_it(CoverageMode mode, bool contexts)
    {
        var snippet = SnippetRun.Run($"break-only-{mode}-{contexts}", "Sections", Source, mode, contexts);
        long Hits(string statement, int occurrence = 0) => snippet.Hits(statement, occurrence);

        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n; // Set mode: ran or not.
        Assert.Equal(Count(4), Hits("break;", 1));        // ':' twice, ' ' and '\t' once each; '|' has its own section, 'x' the default
        Assert.Equal(Count(1), Hits("return n;"));
        Assert.Equal(Count(2), Hits("break;", 3));        // "common" twice
        Assert.Equal(Count(4), Hits("return used;"));
    }

    /// <summary>With no <c>default</c>, a value no label matches goes past the switch too, where
    /// the break-only section goes: the <c>break;</c> is counted on its own labels' ways only,
    /// never on "no case matched" (YamlDotNet ScalarNodeDeserializer.cs:269, <c>case 10: break;</c>).</summary>
    [Theory]
    [InlineData(CoverageMode.Count, OptimizationLevel.Release)]
    [InlineData(CoverageMode.Count, OptimizationLevel.Debug)]
    [InlineData(CoverageMode.Set, OptimizationLevel.Release)]
    public void A_section_of_only_break_beside_no_default_counts_its_own_labels(CoverageMode mode, OptimizationLevel optimization)
    {
        var snippet = SnippetRun.Run($"break-only-nodefault-{mode}", "Sections", Source, mode, optimization: optimization);
        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n;
        Assert.Equal(Count(1), snippet.Hits("break;", 7));   // case 2 and 8: Radix(2)
        Assert.Equal(Count(0), snippet.Hits("break;", 8));   // case 16
        Assert.Equal(Count(2), snippet.Hits("break;", 9));   // case 10, twice; Radix(3) matched no case
        Assert.Equal(Count(4), snippet.Hits("return result;"));
    }
}
