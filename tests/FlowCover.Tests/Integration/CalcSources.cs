namespace FlowCover.Tests.Integration;

/// <summary>
/// The sources of the Calc solutions the integrations build (<see cref="DotnetTestSolution"/>,
/// <see cref="ThreeTestProjects"/>): one library class and one-test classes in each test
/// framework's words, so every solution measures the same lines.
/// </summary>
internal static class CalcSources
{
    /// <summary>Calc.Calculator: Sign (3 statements, one decision of 2 branches), then
    /// <paramref name="more"/> members (each a line of its own, after Sign's lines).</summary>
    public static string Calculator(params string[] more) => $$"""
        namespace Calc;

        public static class Calculator
        {
            public static int Sign(int x)
            {
                if (x > 0)
                    return 1;
                return -1;
            }
        {{string.Concat(more.Select(member => "\n    " + member + "\n"))}}}
        """;

    /// <summary>Calc.Tests.SignTests with one test named <paramref name="test"/> that runs
    /// <paramref name="statements"/> and asserts <paramref name="actual"/> equals
    /// <paramref name="expected"/>, in the words of <paramref name="template"/>'s framework.</summary>
    public static string SignTests(TestTemplate template, string test, string expected, string actual, string statements = "")
    {
        var (classAttribute, testAttribute, assertion) = template switch
        {
            TestTemplate.XunitV2 or TestTemplate.XunitV3 => ("", "[Fact]", $"Assert.Equal({expected}, {actual});"),
            TestTemplate.NUnit or TestTemplate.NUnitOnPlatform => ("", "[Test]", $"Assert.That({actual}, Is.EqualTo({expected}));"),
            _ => ("[TestClass]\n", "[TestMethod]", $"Assert.AreEqual({expected}, {actual});"),
        };
        return $$"""
            namespace Calc.Tests;

            {{classAttribute}}public class SignTests
            {
                {{testAttribute}}
                public void {{test}}()
                {
                    {{statements}}
                    {{assertion}}
                }
            }
            """;
    }

    /// <summary>Deletes the test class a test template wrote in <paramref name="folder"/>
    /// (xunit's UnitTest1.cs, nunit's UnitTests.cs, mstest's Test1.cs).</summary>
    public static void RemoveTemplateTests(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*.cs"))
            if (Path.GetFileName(file) is "UnitTest1.cs" or "Test1.cs" or "UnitTests.cs")
                File.Delete(file);
    }
}
