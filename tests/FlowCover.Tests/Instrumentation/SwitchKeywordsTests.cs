using FlowCover.Instrumentation.Source;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace FlowCover.Tests.Instrumentation;

/// <summary>
/// <see cref="SwitchKeywords"/> lets the switch lookups answer "none" without a search of the
/// tree: it may say "may" where there is nothing, never "none" where the tree holds a
/// <c>switch</c> on a name or a <c>switch</c> expression.
/// </summary>
public sealed class SwitchKeywordsTests
{
    [Theory]
    [InlineData("class C { int M(int x) { switch (x % 4) { case 0: return 1; } return 0; } }", false, false)]
    [InlineData("class C { int M(int x) { switch (x) { case 0: return 1; } return 0; } }", true, false)]
    [InlineData("class C { int M(int x) { switch ( @x\n ) { case 0: return 1; } return 0; } }", true, false)]
    [InlineData("class C { int M(int x) { switch (/* c */ x % 4) { default: return 0; } } }", true, false)]
    [InlineData("class C { int M(int x) { switch ((x)) { default: return 0; } } }", false, false)]
    [InlineData("class C { int M(int x, int y) { switch (x, y) { default: return 0; } } }", false, false)]
    [InlineData("class C { int M(int x) => x switch { 0 => 1, _ => 2 }; }", false, true)]
    [InlineData("class C { int M(int x) => x switch\n{ 0 => 1, _ => 2 }; }", false, true)]
    [InlineData("class C { int M(int x) => x switch /* c */ { 0 => 1, _ => 2 }; }", false, true)]
    [InlineData("class C { int switchCount; int M() => switchCount; }", false, false)]
    [InlineData("class C { int M() => 0; } // switch", false, false)]
    [InlineData("class C { int M(int x) { switch (x\u00e9) { default: return 0; } } }", true, false)]
    public void Says_none_only_where_the_file_has_none(string text, bool onName, bool expression)
    {
        var switches = SwitchKeywords.Of(text);

        Assert.Equal((onName, expression), (switches.MayBeOnName, switches.MayBeExpression));
        AssertSound(text);
    }

    /// <summary>Every C# file of the test targets: where the scan says "none", the tree has none.</summary>
    [Fact]
    public void Never_says_none_where_the_tree_has_one_in_the_test_targets()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Targets"), "*.cs", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        foreach (var file in files)
            AssertSound(File.ReadAllText(file), file);
    }

    private static void AssertSound(string text, string name = "")
    {
        var switches = SwitchKeywords.Of(text);
        var root = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
        var onName = root.DescendantNodes().OfType<SwitchStatementSyntax>().Any(s => s.Expression is IdentifierNameSyntax);
        var expression = root.DescendantNodes().OfType<SwitchExpressionSyntax>().Any();
        Assert.True(switches.MayBeOnName || !onName, $"{name}: a switch on a name the scan said none of");
        Assert.True(switches.MayBeExpression || !expression, $"{name}: a switch expression the scan said none of");
    }
}
