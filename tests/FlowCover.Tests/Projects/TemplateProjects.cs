using System.Diagnostics;
using Xunit;

namespace FlowCover.Tests.Projects;

/// <summary>
/// Real projects made at test time with the SDK's own templates (<c>dotnet new sln</c>,
/// <c>classlib</c>, <c>xunit</c>), restored from the configured feed (the local package cache
/// makes every restore after the first quick), with small sources whose coverage is known.
/// </summary>
internal static class TemplateProjects
{
    /// <summary>The table rows of <see cref="ThreeProjectSolution"/> after its one test ran,
    /// whitespace collapsed: Total(10, 2) runs Cart.Total and Discount.Apply's small-order path.</summary>
    public static readonly string[] ShopRows =
    [
        "src/Shop.Core/Cart.cs 3 1 2 0 40%",
        "src/Shop.Pricing/Discount.cs 3 1 2 1 60%",
        "TOTAL 6 2 4 1 50%",
    ];

    /// <summary>Shop.slnx: Shop.Core (classlib) references Shop.Pricing (classlib); Shop.Tests
    /// (xunit) references Shop.Core only; build output under artifacts/ (UseArtifactsOutput).</summary>
    public static string ThreeProjectSolution()
    {
        var root = Scratch.Folder("shop");
        Directory.CreateDirectory(root);
        Dotnet(root, "new", "sln", "-n", "Shop");
        Dotnet(root, "new", "classlib", "-n", "Shop.Pricing", "-o", "src/Shop.Pricing", "--no-restore");
        Dotnet(root, "new", "classlib", "-n", "Shop.Core", "-o", "src/Shop.Core", "--no-restore");
        Dotnet(root, "new", "xunit", "-n", "Shop.Tests", "-o", "tests/Shop.Tests", "--no-restore");
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"),
            "<Project>\n  <PropertyGroup>\n    <UseArtifactsOutput>true</UseArtifactsOutput>\n  </PropertyGroup>\n</Project>\n");
        Dotnet(root, "sln", "Shop.slnx", "add", "src/Shop.Pricing", "src/Shop.Core", "tests/Shop.Tests");
        Dotnet(root, "add", "src/Shop.Core", "reference", "src/Shop.Pricing");
        Dotnet(root, "add", "tests/Shop.Tests", "reference", "src/Shop.Core");
        WriteSources(root, "tests/Shop.Tests/CartTests.cs");
        return root;
    }

    /// <summary>A test project targeting net10.0 and net9.0 (TargetFrameworks) over a
    /// netstandard2.0 library (C# 7.3 there: the sources use block namespaces), and a second
    /// test project (net10.0) of the library it references, whose test takes the bulk discount;
    /// in a .sln-format solution.</summary>
    public static string MultiTargeted()
    {
        var root = Scratch.Folder("multi");
        Directory.CreateDirectory(root);
        Dotnet(root, "new", "sln", "-n", "Multi", "--format", "sln");
        Dotnet(root, "new", "classlib", "-n", "Shop.Pricing", "-o", "src/Shop.Pricing", "--no-restore", "-f", "netstandard2.0");
        Dotnet(root, "new", "classlib", "-n", "Shop.Core", "-o", "src/Shop.Core", "--no-restore", "-f", "netstandard2.0");
        Dotnet(root, "new", "xunit", "-n", "Shop.Tests", "-o", "tests/Shop.Tests", "--no-restore");
        var project = Path.Combine(root, "tests/Shop.Tests/Shop.Tests.csproj");
        File.WriteAllText(project, File.ReadAllText(project)
            .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net10.0;net9.0</TargetFrameworks>", StringComparison.Ordinal));
        Assert.Contains("<TargetFrameworks>net10.0;net9.0</TargetFrameworks>", File.ReadAllText(project));
        Dotnet(root, "new", "xunit", "-n", "Shop.Pricing.Tests", "-o", "tests/Shop.Pricing.Tests", "--no-restore");
        Dotnet(root, "sln", "Multi.sln", "add", "src/Shop.Pricing", "src/Shop.Core", "tests/Shop.Tests", "tests/Shop.Pricing.Tests");
        Dotnet(root, "add", "src/Shop.Core", "reference", "src/Shop.Pricing");
        Dotnet(root, "add", "tests/Shop.Tests", "reference", "src/Shop.Core");
        Dotnet(root, "add", "tests/Shop.Pricing.Tests", "reference", "src/Shop.Pricing");
        WriteSources(root, "tests/Shop.Tests/CartTests.cs");
        File.Delete(Path.Combine(root, "tests/Shop.Pricing.Tests/UnitTest1.cs"));
        File.WriteAllText(Path.Combine(root, "tests/Shop.Pricing.Tests/DiscountTests.cs"), """
            using Shop.Pricing;

            namespace Shop.Pricing.Tests;

            public class DiscountTests
            {
                [Fact]
                public void Ten_or_more_take_ten_percent_off() => Assert.Equal(9m, Discount.Apply(10m, 10));
            }
            """);
        return root;
    }

    private static void WriteSources(string root, string testFile)
    {
        foreach (var template in new[] { "src/Shop.Pricing/Class1.cs", "src/Shop.Core/Class1.cs", "tests/Shop.Tests/UnitTest1.cs" })
            File.Delete(Path.Combine(root, template));
        File.WriteAllText(Path.Combine(root, "src/Shop.Pricing/Discount.cs"), """
            namespace Shop.Pricing
            {
                public static class Discount
                {
                    public static decimal Apply(decimal price, int quantity)
                    {
                        if (quantity >= 10)
                            return price * 0.9m;
                        return price;
                    }
                }
            }
            """);
        File.WriteAllText(Path.Combine(root, "src/Shop.Core/Cart.cs"), """
            using Shop.Pricing;

            namespace Shop.Core
            {
                public static class Cart
                {
                    public static decimal Total(decimal price, int quantity)
                    {
                        var each = Discount.Apply(price, quantity);
                        return each * quantity;
                    }

                    public static string Describe(int quantity) => quantity == 0 ? "empty" : "items";
                }
            }
            """);
        File.WriteAllText(Path.Combine(root, testFile), """
            using Shop.Core;

            namespace Shop.Tests;

            public class CartTests
            {
                [Fact]
                public void Total_of_two() => Assert.Equal(20m, Cart.Total(10m, 2));
            }
            """);
    }

    /// <summary>The rows of a coverage table (header and rules left out), whitespace collapsed.</summary>
    public static string[] TableRows(string output) => output.Split('\n')
        .SkipWhile(l => !l.StartsWith("Name ", StringComparison.Ordinal))
        .Skip(1)
        .Where(l => l.Length > 0 && !l.StartsWith("---", StringComparison.Ordinal))
        .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        .ToArray();

    public static string Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }
}
