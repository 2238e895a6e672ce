using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <c>if (count == 0 || hasMinus) { break; }</c> on plain booleans: Release evaluates the
/// condition eagerly (<c>ceq; or; brtrue</c>), its operands read by value probes, and folds the
/// <c>break;</c> into the one branch, which goes straight past the loop (Markdig LinkHelper.cs:348).
/// That branch is the <c>break;</c> running.
/// </summary>
public sealed class EagerGuardedJumpTests
{
    private const string Source = """
        public static class Target
        {
            public static void Run()
            {
                Email("ab>");
                Email(">");
                Email("a->");
                Email("a-b>");
                Email("!");
            }

            private static int Email(string text)
            {
                var i = 0;
                var count = 0;
                var hasMinus = false;
                while (true)
                {
                    var c = i < text.Length ? text[i++] : '\0';
                    if (c == '>')
                    {
                        if (count == 0 || hasMinus)
                        {
                            break;
                        }
                        return count;
                    }
                    hasMinus = c == '-';
                    if (char.IsLetter(c) || hasMinus)
                    {
                        count++;
                    }
                    else
                    {
                        break;
                    }
                }
                return -1;
            }
        }
        """;

    [Theory]
    [InlineData(CoverageMode.Count)]
    [InlineData(CoverageMode.Set)]
    public void The_eager_conditions_one_branch_counts_the_break(CoverageMode mode)
    {
        var snippet = SnippetRun.Run($"eager-guarded-{mode}", "EagerGuarded", Source, mode);
        long Count(long n) => mode == CoverageMode.Set ? Math.Min(n, 1) : n;

        Assert.Equal(Count(2), snippet.Hits("break;"));       // ">" (count 0) and "a->" (a minus last)
        Assert.Equal(Count(2), snippet.Hits("return count;")); // "ab>" and "a-b>"
        Assert.Equal(Count(1), snippet.Hits("break;", 1));    // "!"
        Assert.Equal(Count(3), snippet.Hits("return -1;"));
    }
}
