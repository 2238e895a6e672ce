namespace FlowCover.Tests;

/// <summary>Small projects tests write and build: the project files they share.</summary>
internal static class TestProjects
{
    /// <summary>An xUnit v2 test project (VSTest, as the sample) referencing <paramref name="reference"/>
    /// and the <paramref name="packages"/> given as <c>PackageReference</c> items.</summary>
    public static string XunitV2(string reference, string packages = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject><NuGetAudit>false</NuGetAudit></PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />{packages}
          </ItemGroup>
          <ItemGroup><ProjectReference Include="{reference}" /></ItemGroup>
        </Project>
        """;

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> under <paramref name="root"/>, making its folder.</summary>
    public static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The number (from 1) of the line of a written source that ends with
    /// <c>// comment</c>: generated sources mark the lines their tests ask about so.</summary>
    public static int LineMarked(string root, string relative, string comment)
    {
        var line = Array.FindIndex(File.ReadAllLines(Path.Combine(root, relative)), l => l.EndsWith("// " + comment, StringComparison.Ordinal)) + 1;
        Xunit.Assert.True(line > 0, $"no line of {relative} ends with // {comment}");
        return line;
    }
}
