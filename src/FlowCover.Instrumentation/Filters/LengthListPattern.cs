using System.Text.RegularExpressions;
using FlowCover.Instrumentation.Analysis;
using Mono.Cecil.Cil;

namespace FlowCover.Instrumentation.Filters;

/// <summary>
/// A list pattern whose elements are all discards, with at most a bare slice (<c>arr is [_, ..]</c>,
/// <c>arr is []</c>, <c>items is [_, _]</c>): its one test is of the length, so the compiler
/// emits the same code as for a property pattern of one property (<c>arr is { Length: &gt;= 1 }</c>):
/// a null test, then <c>Length</c> (<c>ldlen</c>) or <c>Count</c> compared. The source has one
/// condition, whose <c>false</c> is the null case too (docs/annotations.md), so the property
/// pattern filters fold its null test the same way where the statement holds one. A list pattern
/// with an element or slice subpattern (<c>[1, ..]</c>, <c>[_, .. var rest]</c>) tests more than the
/// length and is not taken; nor a <c>not</c> before the brackets.
/// </summary>
internal static partial class LengthListPattern
{
    /// <summary><c>is [</c>, discards and <c>..</c> separated by commas, <c>]</c>, and no
    /// <c>or</c>/<c>and</c> after it (<c>x is [] or null</c> sends null to its <c>true</c>).</summary>
    [GeneratedRegex(@"\bis\s+\[\s*(?:(?:_|\.\.)(?:\s*,\s*(?:_|\.\.))*)?\s*\](?!\s*(?:or|and)\b)")]
    private static partial Regex Pattern();

    /// <summary>A <c>?</c> that is neither <c>??</c>, <c>?.</c> nor <c>?[</c>: a <c>?:</c> (or a
    /// nullable type, which only makes the test below more careful).</summary>
    [GeneratedRegex(@"(?<!\?)\?(?![?.\[])")]
    private static partial Regex Conditional();

    /// <summary>Two <c>&amp;&amp;</c> or <c>||</c> operators.</summary>
    [GeneratedRegex(@"(&&|\|\|).*(&&|\|\|)")]
    private static partial Regex LongChain();

    /// <summary>Whether the statement's text holds such a list pattern, no <c>?:</c> and at most
    /// one <c>&amp;&amp;</c>/<c>||</c>: the compiler joins a <c>?:</c>'s arms and longer chains
    /// (eagerly, in Release) in shapes the source cannot line up with the folded test
    /// (docs/annotations.md: the pattern keeps the jump form there, in both builds; the source
    /// side, PatternConditions, says the same).</summary>
    internal static bool IsHeldBy(MethodContext method, SequencePoint statement) =>
        method.Sources.Matches(statement, Pattern()) && !method.Sources.Matches(statement, Conditional())
        && !method.Sources.Matches(statement, LongChain());
}
