using FlowCover.Data;
using FlowCover.Reporting;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>
/// An outcome of several probes in count mode: summed where the model marks it <c>sum</c> (each
/// probe counts other times it was taken), the largest where it does not, as every model written
/// before the mark reads (docs/DESIGN.md, "Model file").
/// </summary>
public sealed class SummedOutcomeTests
{
    private const string Model = """
        {"key":"M.1","assemblyName":"M","contentHash":"1","probeCount":4,"documents":["/src/A.cs"],
         "methods":[{"typeName":"A","name":"A.F","document":0,"firstLine":3,"lines":[{"line":3,"probes":[0]}],
         "branches":[{"line":3,"outcomes":[{"probes":[1,2],"label":"arm 1","targetLine":4SUM},{"probes":[3],"label":"arm 2","targetLine":5}]}]}]}
        """;

    [Theory]
    [InlineData("", CoverageMode.Count, 3)]                 // a model before the mark: the largest, as before
    [InlineData(",\"sum\":true", CoverageMode.Count, 5)]    // marked: 3 + 2
    [InlineData(",\"sum\":true", CoverageMode.Set, 1)]      // set mode: taken or not
    public void An_outcome_of_several_probes_counts_as_its_model_says(string mark, CoverageMode mode, long taken)
    {
        var folder = Directory.CreateDirectory(Scratch.Folder("summed-outcome")).FullName;
        var path = Path.Combine(folder, "M.1" + ModuleModelFile.Extension);
        File.WriteAllText(path, Model.Replace("SUM", mark, StringComparison.Ordinal));
        long[] hits = mode == CoverageMode.Count ? [5, 3, 2, 0] : [1, 1, 1, 0];

        var result = CoverageAnalysis.Analyze(new CoverageData(CoverageData.CurrentVersion, mode, [new ModuleCoverage(ModuleModelFile.Read(path), hits)]), "/src");

        Assert.Equal([taken, 0], result.Files.Single().Lines.Single().Outcomes.Select(o => o.Hits));
    }

    [Fact]
    public void Only_a_summed_outcome_carries_the_mark()
    {
        var folder = Scratch.Folder("summed-outcome");
        ModuleModelFile.Write(folder, new ModuleModel("W.1", "W", "1", 4, ["/src/A.cs"],
            [new MethodModel("A", "A.F", 0, 3, [new LineProbe(3, [0])],
                [new BranchPoint(3, [new BranchOutcome([1, 2], "arm 1", 4) { Sum = true }, new BranchOutcome([3], "arm 2", 5)])])]));
        var path = ModuleModelFile.PathFor(folder, "W.1");

        var text = File.ReadAllText(path);
        var read = ModuleModelFile.Read(path);

        Assert.Contains("""{"probes":[1,2],"label":"arm 1","targetLine":4,"sum":true}""", text, StringComparison.Ordinal);
        Assert.Contains("""{"probes":[3],"label":"arm 2","targetLine":5}""", text, StringComparison.Ordinal);
        Assert.Equal([true, false], read.Methods[0].Branches[0].Outcomes.Select(o => o.Sum));
    }
}
