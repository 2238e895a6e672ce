#!/usr/bin/env python3
"""generate.py ROOT TESTS LIBS: an xUnit v2 solution of LIBS libraries of 100 methods (4 statements
each, in 10 files) and one test project of TESTS [Fact] tests, 100 a class; test n calls, in each library l, methods
(n*37+l) % 100 and (n//100 + 3*l) % 100. expected.json maps 'LibL/OpsK.cs:LINE' to its tests."""
import json, os, sys
root, tests, libs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
per_class = 100
classes = tests // per_class
def w(rel, text):
    p = os.path.join(root, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, 'w').write(text)
def calls(n, l): return sorted({(n * 37 + l) % 100, (n // 100 + 3 * l) % 100})
expected = {}
for l in range(libs):
    w(f"Lib{l}/Lib{l}.csproj", '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n')
    for k in range(10):
        lines = [f"namespace Lib{l};", "", f"public static class Ops{k}", "{"]
        for j in range(k * 10, k * 10 + 10):
            lines += [f"    public static int F{j}(int x)", "    {"]
            first = len(lines) + 1
            lines += [f"        var a = x + {j};", f"        var b = a * {l + 2};", "        if (b % 7 == 0) b++;", "        return b;", "    }", ""]
            expected[f"Lib{l}/Ops{k}.cs:{first}"] = (l, j)
        lines += ["}", ""]
        w(f"Lib{l}/Ops{k}.cs", "\n".join(lines))
refs = "".join(f'<ProjectReference Include="../Lib{l}/Lib{l}.csproj" />' for l in range(libs))
w("Suite.Tests/Suite.Tests.csproj", f'''<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject><NuGetAudit>false</NuGetAudit></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
    <PackageReference Include="xunit" Version="2.9.3" />
    <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
  </ItemGroup>
  <ItemGroup>{refs}</ItemGroup>
</Project>
''')
for c in range(classes):
    body = [f"namespace Suite.Tests;", "", f"public sealed class C{c:03}", "{"]
    for m in range(per_class):
        n = c * per_class + m
        body += ["    [Xunit.Fact]", f"    public void T{m:02}()", "    {"]
        for l in range(libs):
            for j in calls(n, l):
                body.append(f"        Lib{l}.Ops{j // 10}.F{j}({n});")
        body += ["    }", ""]
    body += ["}", ""]
    w(f"Suite.Tests/C{c:03}.cs", "\n".join(body))
who = {}
for key, (l, j) in expected.items():
    who[key] = sorted(f"Suite.Tests.C{n // per_class:03}.T{n % per_class:02}" for n in range(tests) if j in calls(n, l))
json.dump(who, open(os.path.join(root, "expected.json"), "w"), indent=0)
