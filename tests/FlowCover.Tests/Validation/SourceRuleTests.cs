using System.Security.Cryptography;
using FlowCover.Instrumentation.Source;
using Xunit;

namespace FlowCover.Tests.Validation;

/// <summary>
/// One focused test per rule of the source model (<see cref="SourceDocument"/>): a small file,
/// parsed as the instrumenter parses it, and exactly what the rule answers for a position in
/// it. The validation targets prove the same rules end to end, in Debug and Release.
/// </summary>
public sealed class SourceRuleTests
{
    [Fact]
    public void A_catch_body_after_its_try_belongs_to_that_try_only()
    {
        var syntax = Parse("""
            class C
            {
                async System.Threading.Tasks.Task F()
                {
                    try
                    {
                        G();
                    }
                    catch (System.TimeoutException)
                    {
                        await H();
                    }
                }
            }
            """);
        // The catch body's statement (11:13), with the try's statement (7:13): the clause on line 9.
        Assert.Equal(new CatchClauseFact(9, "TimeoutException"), syntax.CatchOfTry(11, 13, 7, 13));
        // With a position outside that try (the method's brace), no clause.
        Assert.Null(syntax.CatchOfTry(11, 13, 4, 5));
    }

    [Fact]
    public void A_record_structs_parameter_list_is_its_primary_constructor()
    {
        var syntax = Parse("""
            public readonly record struct Point(
                int X, int Y);
            """);
        // From a positional property's parameter (`int Y`, 2:12), named as the constructor's.
        Assert.Equal(new SourceSpan(1, 31, 2, 18), syntax.PrimaryConstructor(2, 12, ["X", "Y"]));
        Assert.Null(syntax.PrimaryConstructor(2, 12, ["X"]));
        Assert.Null(syntax.PrimaryConstructor(1, 1, ["X", "Y"]));
    }

    private static SourceDocument Parse(string source)
    {
        var path = Path.Combine(Scratch.Folder("source-rules"), "Source.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, source);
        return SourceDocument.Read(path, "SHA256", SHA256.HashData(File.ReadAllBytes(path)), []) ?? throw new InvalidOperationException("not parsed");
    }
}
