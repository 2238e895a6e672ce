using FlowCover.Data;
using Microsoft.CodeAnalysis;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// Stacked type labels written as names (<c>case IList: case IDictionary:</c>, CsvHelper's
/// CollectionConverterFactory.cs:25) are each named by the type the IL matched
/// (docs/annotations.md): the parser reads <c>case IList:</c> as a constant of that name, which
/// the compiler binds to the type, so they were named in the jump form (<c>the jump to line N</c>,
/// four alike), their count right. The same on one line, where Release gives the header no point
/// and the dispatch's outcomes were lost (no decision at all).
/// </summary>
public sealed class StackedTypeLabelTests
{
    private const string Source = """
        using System.Collections;
        using System.Collections.Generic;
        public static class Target
        {
            public static void Run()
            {
                foreach (var value in new object[] { new List<int>(), new Dictionary<int, int>(), "s", 1, typeof(int) })
                {
                    Collection(value); Qualified(value); OneLine(value);
                }
            }
            public static bool Collection(object type)
            {
                switch (type)
                {
                    case IList:
                    case IDictionary:
                    case ICollection:
                    case IEnumerable:
                        return true;
                }
                return false;
            }
            public static bool Qualified(object type)
            {
                switch (type)
                {
                    case System.Collections.IList:
                    case System.Collections.IEnumerable:
                        return true;
                }
                return false;
            }
            public static bool OneLine(object type)
            {
                switch (type) { case IList: case IDictionary: case ICollection: case IEnumerable: return true; }
                return false;
            }
        }
        """;

    [Theory]
    [InlineData(OptimizationLevel.Debug)]
    [InlineData(OptimizationLevel.Release)]
    public void Each_stacked_type_label_is_named_by_the_type_matched(OptimizationLevel optimization)
    {
        var run = SnippetRun.Run("stacked-type-labels", "Stacked", Source, CoverageMode.Count, optimization: optimization);
        // A list is an IList; a dictionary an IDictionary; a string only an IEnumerable; 1 and a Type none.
        string[] four = ["case ICollection=0", "case IDictionary=1", "case IEnumerable=1", "case IList=1", "no case matched=2"];
        Assert.Equal(four, run.Outcomes("switch (type)", 0));
        Assert.Equal(["case System.Collections.IEnumerable=2", "case System.Collections.IList=1", "no case matched=2"], run.Outcomes("switch (type)", 1));
        Assert.Equal(four, run.Outcomes("switch (type) { case IList:"));
        Assert.Equal(5, run.Hits("switch (type) { case IList: case IDictionary: case ICollection: case IEnumerable: return true; }"));
    }
}
