using System.Diagnostics;
using FlowCover.Instrumentation.Source;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// A large file's parts are parsed in order on a thread of their own, a few ahead of the
/// furthest part a lookup asked for (<see cref="SourceTrees.ParseInOrder"/>), so that the
/// planners find them parsed. That thread waits for the lookups to move on however long they
/// pause (a collection, a long body, a loaded machine), and ends when told they are over.
/// </summary>
public sealed class SourcePartsAheadTests
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, Microsoft.CodeAnalysis.DocumentationMode.None, preprocessorSymbols: ["DEBUG"]);

    [Fact]
    public void Parts_are_parsed_ahead_again_after_the_lookups_pause()
    {
        var text = SourcePartsTests.LargeFile();
        var trees = SourceTrees.Of(SourceText.From(text), text, Options, SourceTrees.PartedFrom);
        Assert.True(trees.PartSpans.Count >= 8, $"{trees.PartSpans.Count} parts");
        using var stop = new CancellationTokenSource();
        var ahead = new Thread(() => trees.ParseInOrder(stop.Token)) { IsBackground = true };
        ahead.Start();

        _ = trees.At(trees.PartSpans[0].Start);
        // The lookups pause for longer than the parse ahead used to wait for them before it gave up.
        Thread.Sleep(1_000);
        _ = trees.At(trees.PartSpans[1].Start);

        // Part 5 is the furthest asked for (1) and 4 ahead: the thread parses it, no lookup does.
        Assert.True(WaitFor(() => trees.IsParsed(5)), "part 5 was not parsed ahead of the lookups");
        Assert.False(trees.IsParsed(6));
        stop.Cancel();
        Assert.True(ahead.Join(TimeSpan.FromMinutes(1)), "the parse ahead did not end when told");
    }

    [Fact]
    public void The_parse_ahead_ends_when_the_lookups_are_over_before_it_starts()
    {
        var text = SourcePartsTests.LargeFile();
        var trees = SourceTrees.Of(SourceText.From(text), text, Options, SourceTrees.PartedFrom);
        using var stop = new CancellationTokenSource();
        stop.Cancel();

        trees.ParseInOrder(stop.Token);

        // Returned, with at most the first window parsed: no lookup moved it on.
        Assert.False(trees.IsParsed(5));
    }

    private static bool WaitFor(Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(1))
                return false;
            Thread.Sleep(10);
        }
        return true;
    }
}
