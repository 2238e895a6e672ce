using System.Text;
using FlowCover.Data;

namespace FlowCover.Bench;

/// <summary>
/// A made-up solution of the given size, written to disk (the HTML report reads every source)
/// with coverage data shaped like a real run: ten methods a file, an if/else and a switch in
/// each, about a third of the code never run. Seeded, so every run measures the same work.
/// </summary>
internal static class SyntheticSolution
{
    private const int MethodsPerFile = 10;

    public static CoverageData Create(string root, int fileCount)
    {
        var random = new Random(20251125);
        var documents = new List<string>();
        var methods = new List<MethodModel>();
        var hits = new List<long>();
        for (var f = 0; f < fileCount; f++)
        {
            var path = Path.Combine(root, $"Project{f % 20}", $"Area{f % 7}", $"Service{f}.cs");
            var source = new StringBuilder();
            source.Append($"using System;\n\nnamespace Bench.Project{f % 20};\n\n/// <summary>Synthetic service {f}.</summary>\npublic sealed class Service{f}\n{{\n");
            var line = 8;
            for (var m = 0; m < MethodsPerFile; m++)
            {
                var ran = random.NextDouble() < 0.7;
                var first = line;
                source.Append($"    public string Run{m}(int value, string? name)\n    {{\n");
                line += 2;
                var lines = new List<LineProbe>();
                var branches = new List<BranchPoint>();
                void Statement(string text)
                {
                    source.Append(text).Append('\n');
                    lines.Add(new LineProbe(line, [hits.Count]));
                    hits.Add(ran ? random.Next(1, 50) : 0);
                    line++;
                }
                void Plain(string text)
                {
                    source.Append(text).Append('\n');
                    line++;
                }
                Statement($"        var total = value * {m + 1} + \"<tag>\".Length; // counts <b>bold</b>");
                var ifLine = line;
                Statement("        if (name is null)");
                var both = random.NextDouble() < 0.5;
                branches.Add(new BranchPoint(ifLine, [Outcome("true", ifLine + 1, ran), Outcome("false", ifLine + 3, ran && both)]));
                Statement("            return \"none\";");
                Plain("        /* a comment");
                Plain("           over two lines */");
                var switchLine = line;
                Statement("        switch (value % 3)");
                Plain("        {");
                Plain("            case 0:");
                Statement("                total += 1;");
                Statement("                break;");
                Plain("            case 1:");
                Statement("                total += 2;");
                Statement("                break;");
                Plain("            default:");
                Statement("                total -= 1;");
                Statement("                break;");
                Plain("        }");
                branches.Add(new BranchPoint(switchLine,
                    [Outcome("case 0", switchLine + 3, ran), Outcome("case 1", switchLine + 6, ran && both), Outcome("default", switchLine + 9, ran && !both)]));
                Statement($"        return $\"{{name}}: {{total}}\";");
                Plain("    }");
                Plain("");
                methods.Add(new MethodModel($"Bench.Project{f % 20}.Service{f}", $"Service{f}.Run{m}", documents.Count, first, lines, branches));
            }
            source.Append("}\n");
            documents.Add(path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, source.ToString());
        }
        var model = new ModuleModel("Bench.1", "Bench", "0", hits.Count, documents, methods);
        return new CoverageData(CoverageData.CurrentVersion, CoverageMode.Count, [new ModuleCoverage(model, hits)]);

        BranchOutcome Outcome(string label, int target, bool taken)
        {
            hits.Add(taken ? random.Next(1, 20) : 0);
            return new BranchOutcome([hits.Count - 1], label, target);
        }
    }
}
