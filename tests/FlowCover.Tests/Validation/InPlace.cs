using FlowCover.Data;
using FlowCover.Instrumentation;

namespace FlowCover.Tests.Validation;

/// <summary>Instruments an assembly where it is, as <c>flowcover run</c> does (prepare, write,
/// the model left in the data folder), for tests that load and run it themselves.</summary>
internal static class InPlace
{
    public static ModuleModel Instrument(string dll, InstrumentOptions options)
    {
        var (prepared, skip) = new AssemblyInstrumenter(options).Prepare(dll);
        if (prepared is null)
            throw new InvalidOperationException($"{Path.GetFileName(dll)} was not instrumented: {skip}");
        prepared.Write();
        ModuleModelFile.Write(options.DataDirectory, prepared.Model);
        return prepared.Model;
    }
}
