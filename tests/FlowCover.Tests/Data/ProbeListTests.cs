using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>A probe list holds one probe inline and several in an array, and reads and writes
/// the model file as the arrays it replaced did.</summary>
public sealed class ProbeListTests
{
    private static ProbeList List(params ReadOnlySpan<int> probes) => ProbeList.Create(probes);

    [Fact]
    public void None_one_and_several_probes_read_back_in_order()
    {
        ProbeList none = [], one = [7], several = [3, 1, 2];

        Assert.Equal((0, 1, 3), (none.Count, one.Count, several.Count));
        Assert.Equal([7], one);
        Assert.Equal([3, 1, 2], several);
        Assert.Equal(default, none);
        Assert.Throws<ArgumentOutOfRangeException>(() => one[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => none[0]);
    }

    [Fact]
    public void Lists_are_equal_when_their_probes_are_in_the_same_order()
    {
        Assert.Equal(ProbeList.Of(4), [4]);
        Assert.Equal([1, 2], List(1, 2));
        Assert.NotEqual([2, 1], List(1, 2));
        Assert.NotEqual([1], List(1, 2));
        Assert.Equal(new LineProbe(3, [5, 6]), new LineProbe(3, [5, 6]));
        Assert.Equal(List(5, 6).GetHashCode(), List(5, 6).GetHashCode());
    }

    [Fact]
    public void Shifting_moves_every_probe_and_leaves_the_list_it_came_from()
    {
        ProbeList several = [0, 2];

        Assert.Equal([10, 12], several.Shifted(10));
        Assert.Equal([10], ProbeList.Of(0).Shifted(10));
        Assert.Equal([0, 2], several);
        Assert.Empty(List().Shifted(10));
    }

    [Fact]
    public void The_largest_hit_count_of_its_probes_is_read_from_the_counters()
    {
        long[] hits = [5, 0, 9, 1];

        Assert.Equal((9, 5, 0), (List(0, 2, 3).MaxOf(hits), ProbeList.Of(0).MaxOf(hits), List(1).MaxOf(hits)));
    }

    [Fact]
    public void A_model_file_keeps_each_list_as_an_array_of_numbers()
    {
        var folder = Scratch.Folder("probe-lists");
        var model = new ModuleModel("P.1", "P", "1", 20, ["/src/A.cs"],
            [new MethodModel("A", "A.F", 0, 3, [new LineProbe(3, [0]), new LineProbe(4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])],
                [new BranchPoint(3, [new BranchOutcome([12, 13], "true", 4)])])]);
        ModuleModelFile.Write(folder, model);
        var path = ModuleModelFile.PathFor(folder, "P.1");

        var text = File.ReadAllText(path);
        var read = ModuleModelFile.Read(path);

        Assert.Contains("""{"line":3,"probes":[0]}""", text);
        Assert.Contains("""{"line":4,"probes":[1,2,3,4,5,6,7,8,9,10,11]}""", text);
        Assert.Contains("""{"probes":[12,13],"label":"true","targetLine":4}""", text);
        Assert.Equal(model.Methods[0].Lines, read.Methods[0].Lines);
        Assert.Equal(model.Methods[0].Branches[0].Outcomes, read.Methods[0].Branches[0].Outcomes);
    }

    [Theory]
    [InlineData("""[0,"1"]""")]
    [InlineData("""{"probe":0}""")]
    [InlineData("7")]
    public void A_model_file_whose_probes_are_not_numbers_is_refused_as_corrupt_and_left_as_it_was(string probes)
    {
        var folder = Scratch.Folder("probe-lists");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "Bad.1" + ModuleModelFile.Extension);
        var text = """
            {"key":"Bad.1","assemblyName":"Bad","contentHash":"1","probeCount":3,"documents":["/src/A.cs"],
             "methods":[{"typeName":"A","name":"A.F","document":0,"firstLine":3,"lines":[{"line":3,"probes":PROBES}],"branches":[]}]}
            """.Replace("PROBES", probes);
        File.WriteAllText(path, text);

        var error = Assert.Throws<UserError>(() => ModuleModelFile.Read(path));

        Assert.StartsWith(path + ": corrupt module model", error.Message);
        Assert.Equal(text, File.ReadAllText(path));
    }
}
