using FlowCover.Tests.Cli;
using Xunit;

namespace FlowCover.Tests.Faults;

/// <summary>Data files that parse as JSON but have the wrong shape: every report verb names
/// the file and what is wrong in one line, exit 2, and leaves the file as it was.</summary>
public sealed class DataFileShapeTests
{
    private readonly FlowCoverProcess _flowcover = new();

    [Theory]
    [InlineData("""{"version":2,"mode":"set","modules":[null]}""", "module 0 is empty")]
    [InlineData("""{"version":2,"mode":"set","modules":[{"model":null,"hits":[]}]}""", "module 0 has no model")]
    [InlineData("""{"version":2,"mode":"set"}""", "empty")]
    [InlineData("""{"version":2,"mode":7,"modules":[]}""", "unknown mode 7")]
    [InlineData("""{"version":2,"mode":"set","modules":[{"model":{"key":"A.1","assemblyName":"A","contentHash":"1","probeCount":1,"documents":["a.cs"],"methods":[]},"hits":[]}]}""",
        "module 0 has 0 counters for 1 probes")]
    [InlineData("""{"version":2,"mode":"set","modules":[{"model":{"key":"A.1","assemblyName":"A","contentHash":"1","probeCount":1,"documents":["a.cs"],"methods":[{"typeName":"A","name":"A.M","document":3,"firstLine":1,"lines":[],"branches":[]}]},"hits":[0]}]}""",
        "module 0: A.M names document 3 of 1")]
    [InlineData("""{"version":2,"mode":"set","modules":[{"model":{"key":"A.1","assemblyName":"A","contentHash":"1","probeCount":1,"documents":["a.cs"],"methods":[{"typeName":"A","name":"A.M","document":0,"firstLine":1,"lines":[{"line":1,"probes":[5]}],"branches":[]}]},"hits":[0]}]}""",
        "module 0: A.M has line 1 with a probe out of range")]
    public void A_data_file_of_the_wrong_shape(string json, string problem)
    {
        var folder = Scratch.Folder("shape");
        Directory.CreateDirectory(folder);
        var dataFile = Path.Combine(folder, ".flowcover");
        File.WriteAllText(dataFile, json);
        foreach (var verb in new[] { new[] { "report" }, ["xml", "-o", "-"], ["json", "-o", "-"], ["lcov", "-o", "-"], ["html"] })
            FaultAssert.OneLineError(_flowcover.Run(folder, verb), ".flowcover: corrupt coverage data file (" + problem);
        Assert.Equal(json, File.ReadAllText(dataFile));
        Assert.Equal([dataFile], Directory.GetFileSystemEntries(folder));
    }
}
