using FlowCover.Data;
using Xunit;

namespace FlowCover.Tests.Data;

/// <summary>Model files left in a data folder by another FlowCover are refused in one line.</summary>
public sealed class ModuleModelFileTests
{
    [Fact]
    public void A_model_whose_outcomes_have_one_probe_each_from_an_older_flowcover_is_refused_and_left_as_it_was()
    {
        var folder = Scratch.Folder("models");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "Old.1" + ModuleModelFile.Extension);
        // The shape version 1 wrote: "probe", not "probes".
        const string old = """
            {"key":"Old.1","assemblyName":"Old","contentHash":"1","probeCount":3,"documents":["/src/A.cs"],
             "methods":[{"typeName":"A","name":"A.F","document":0,"firstLine":3,"lines":[{"line":3,"probes":[0]}],
             "branches":[{"line":3,"outcomes":[{"probe":1,"label":"true","targetLine":4},{"probe":2,"label":"false","targetLine":5}]}]}]}
            """;
        File.WriteAllText(path, old);

        var error = Assert.Throws<UserError>(() => ModuleModelFile.Read(path));

        Assert.StartsWith(path + ": module model written by another version of flowcover", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(old, File.ReadAllText(path));
    }

    [Fact]
    public void A_model_written_now_reads_back_with_every_outcome_probe()
    {
        var folder = Scratch.Folder("models");
        var model = new ModuleModel("New.1", "New", "1", 4, ["/src/A.cs"],
            [new MethodModel("A", "A.F", 0, 3, [new LineProbe(3, [0])], [new BranchPoint(3, [new BranchOutcome([1, 2], "true", 4), new BranchOutcome([3], "false", 5)])])]);
        ModuleModelFile.Write(folder, model);

        var read = ModuleModelFile.Read(ModuleModelFile.PathFor(folder, "New.1"));

        Assert.Equal([[1, 2], [3]], read.Methods[0].Branches[0].Outcomes.Select(o => o.Probes.ToArray()));
    }

    /// <summary>A model with two documents and one method, written as FlowCover writes it.</summary>
    private static string WrittenModel(string key)
    {
        var folder = Scratch.Folder("models");
        ModuleModelFile.Write(folder, new ModuleModel(key, "Lazy", key + ".hash", 2, ["/src/A.cs", "/src/B.cs"],
            [new MethodModel("A", "A.F", 1, 3, [new LineProbe(3, [0])], [new BranchPoint(3, [new BranchOutcome([1], "true", 4)])])]));
        return ModuleModelFile.PathFor(folder, key);
    }

    [Fact]
    public void Its_identity_is_read_first_and_the_rest_when_it_is_looked_at()
    {
        var path = WrittenModel("Lazy.1");

        var read = ModuleModelFile.ReadIdentity(path, new ModelFiles())!;

        Assert.Equal(("Lazy.1", "Lazy", "Lazy.1.hash", 2), (read.Key, read.AssemblyName, read.ContentHash, read.ProbeCount));
        File.Delete(path); // Read only now: the rest of the file is gone, and so is the model.
        var error = Assert.Throws<UserError>(() => read.Methods.Count);
        Assert.StartsWith(path + ": cannot read the module model", error.Message);
    }

    [Fact]
    public void Its_documents_and_methods_are_those_of_the_whole_file()
    {
        var path = WrittenModel("Lazy.2");

        var read = ModuleModelFile.ReadIdentity(path, new ModelFiles())!;

        Assert.Equal(["/src/A.cs", "/src/B.cs"], read.Documents);
        var method = Assert.Single(read.Methods);
        Assert.Equal(("A.F", 1, 3, 1), (method.Name, method.Document, method.FirstLine, method.Branches[0].Outcomes[0].Probes[0]));
    }

    [Theory]
    [InlineData("""{"assemblyName":"Lazy","key":"Lazy.3","contentHash":"3","probeCount":1,"documents":[],"methods":[]}""")]
    [InlineData("""{"key":"Lazy.3","assemblyName":"Lazy","contentHash":"3","probeCount":"1","documents":[],"methods":[]}""")]
    [InlineData("""{"key":"Lazy.3","assemblyName":""")]
    [InlineData("""{"key":"Lazy.3","assemblyName":"Lazy","contentHash":"3","probeCount":1,"documents":["/src/A.cs"],"meth""")]
    [InlineData("")]
    public void A_file_that_does_not_begin_with_the_identity_has_none(string json)
    {
        var path = Path.Combine(Scratch.Folder("models"), "Lazy.3" + ModuleModelFile.Extension);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);

        Assert.Null(ModuleModelFile.ReadIdentity(path, new ModelFiles()));
    }
}
