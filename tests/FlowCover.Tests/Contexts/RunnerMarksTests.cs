using FlowCover.Tests.Cli;
using FlowCover.Tests.Projects;
using Xunit;

namespace FlowCover.Tests.Contexts;

/// <summary>
/// A library and two test projects made by the SDK's own templates, <c>dotnet new nunit</c> and
/// <c>dotnet new mstest</c> (MSTest's parallelizes by method), each measured once by
/// <c>flowcover test --contexts test</c> into a data file of its own. The NUnit project's first
/// test throws, and an NUnit test action runs library code after each test on the test's own
/// thread, with no test in flight.
/// </summary>
public sealed class RunnerTestsSolution
{
    public string Root { get; } = Scratch.Folder("runners");

    public FlowCoverProcess FlowCover { get; } = new();

    public FlowCoverProcess.Result NUnit { get; }

    public FlowCoverProcess.Result MSTest { get; }

    public RunnerTestsSolution()
    {
        Directory.CreateDirectory(Root);
        Write("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        Write("Lib/Calc.cs", """
            namespace Lib;

            public static class Calc
            {
                public static int Setup()
                {
                    return 42; // setup
                }

                public static int First(int x)
                {
                    return x + 1; // first
                }

                public static int Second(int x)
                {
                    return x - 1; // second
                }

                public static int AfterEach()
                {
                    return 7; // after each test
                }
            }
            """);
        TemplateProjects.Dotnet(Root, "new", "nunit", "-n", "Lib.NUnit", "-o", "Lib.NUnit", "--no-restore");
        TemplateProjects.Dotnet(Root, "new", "mstest", "-n", "Lib.MSTest", "-o", "Lib.MSTest", "--no-restore");
        TemplateProjects.Dotnet(Root, "add", "Lib.NUnit", "reference", "Lib");
        TemplateProjects.Dotnet(Root, "add", "Lib.MSTest", "reference", "Lib");
        File.Delete(Path.Combine(Root, "Lib.NUnit/UnitTest1.cs"));
        File.Delete(Path.Combine(Root, "Lib.MSTest/Test1.cs"));
        Write("Lib.NUnit/CalcTests.cs", """
            using Lib;
            using NUnit.Framework.Interfaces;

            namespace Lib.NUnit;

            /// <summary>Runs after each test, on its thread, once the test is over.</summary>
            [AttributeUsage(AttributeTargets.Class)]
            public sealed class AfterEachAttribute : Attribute, ITestAction
            {
                public ActionTargets Targets => ActionTargets.Test;

                public void BeforeTest(ITest test)
                {
                }

                public void AfterTest(ITest test) => Calc.AfterEach();
            }

            [AfterEach]
            public class CalcTests
            {
                [SetUp]
                public void SetUp() => Calc.Setup();

                // NUnit runs a fixture's tests one after another on one thread, in name order.
                [Test]
                public void A_Fails()
                {
                    Calc.First(1);
                    throw new InvalidOperationException("fails on purpose");
                }

                [TestCase(2)]
                public void B_Passes(int x) => Assert.That(Calc.Second(x), Is.EqualTo(1));
            }
            """);
        Write("Lib.MSTest/CalcTests.cs", """
            using Lib;

            namespace Lib.MSTest;

            [TestClass]
            public sealed class CalcTests
            {
                [TestInitialize]
                public void Init() => Calc.Setup();

                [TestMethod]
                public void First() => Assert.AreEqual(2, Calc.First(1));

                [TestMethod]
                [DataRow(2)]
                public async Task Second(int x)
                {
                    await Task.Yield();
                    Assert.AreEqual(1, Calc.Second(x));
                }
            }
            """);
        NUnit = FlowCover.Run(Root, "test", "Lib.NUnit", "--contexts", "test", "--data-file", "nunit.flowcover");
        MSTest = FlowCover.Run(Root, "test", "Lib.MSTest", "--contexts", "test", "--data-file", "mstest.flowcover");
    }

    public string Who(string dataFile, string comment)
    {
        var who = FlowCover.Run(Root, "who", "Lib/Calc.cs:" + TestProjects.LineMarked(Root, "Lib/Calc.cs", comment), "--data-file", dataFile);
        Assert.True(who.ExitCode == 0, who.Error);
        return who.Output;
    }

    private void Write(string relative, string text) => TestProjects.Write(Root, relative, text);
}

/// <summary>
/// NUnit's and MSTest's tests are marked by their attributes as xUnit's are (no runner plug-in),
/// and a test that throws leaves its context: the mark's <c>Leave</c> is in a <c>finally</c>.
/// </summary>
public sealed class RunnerMarksTests(RunnerTestsSolution solution) : IClassFixture<RunnerTestsSolution>
{
    [Fact]
    public void Both_runs_mark_the_tests()
    {
        Assert.Contains("flowcover: marking the tests of Lib.NUnit for contexts\n", solution.NUnit.Error);
        Assert.Contains("flowcover: marking the tests of Lib.MSTest for contexts\n", solution.MSTest.Error);
        Assert.True(solution.MSTest.ExitCode == 0, solution.MSTest.Output + solution.MSTest.Error);
        // The NUnit run fails its one failing test, and measures all the same.
        Assert.Equal(1, solution.NUnit.ExitCode);
        Assert.Contains("Failed:     1, Passed:     1", solution.NUnit.Output);
    }

    [Theory]
    [InlineData("setup", "(setup) Lib.NUnit.CalcTests\n")]
    [InlineData("first", "Lib.NUnit.CalcTests.A_Fails\n")]
    [InlineData("second", "Lib.NUnit.CalcTests.B_Passes\n")]
    // After the failing test as after the passing one: no test in flight. Were the failing
    // test's context left only on return, this line would name it too.
    [InlineData("after each test", "(none)\n")]
    public void NUnit_tests_each_get_their_own_lines_and_a_failing_one_no_more(string comment, string tests) =>
        Assert.Equal(tests, solution.Who("nunit.flowcover", comment));

    [Theory]
    [InlineData("setup", "(setup) Lib.MSTest.CalcTests\n")]
    [InlineData("first", "Lib.MSTest.CalcTests.First\n")]
    [InlineData("second", "Lib.MSTest.CalcTests.Second\n")] // a data row, after an await
    [InlineData("after each test", "")]
    public void MSTest_tests_each_get_their_own_lines(string comment, string tests) =>
        Assert.Equal(tests, solution.Who("mstest.flowcover", comment));
}
