using FlowCover.Data;

namespace FlowCover.Instrumentation;

/// <summary>What to instrument and how; the CLI fills it from its options.</summary>
public sealed record InstrumentOptions
{
    public CoverageMode Mode { get; init; } = CoverageMode.Set;

    /// <summary>Records which test ran each probe (docs/per-thread-blocks.md): probes store into
    /// the current context's block, and test assemblies are instrumented only to mark their test
    /// and setup methods. Set mode only.</summary>
    public bool Contexts { get; init; }

    /// <summary>Where the tracker writes hit files; FLOWCOVER_DATA_DIR is used instead only where this folder does not exist.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Source paths are matched relative to this folder; by default only sources
    /// under it are measured.</summary>
    public string SourceRoot { get; init; } = Directory.GetCurrentDirectory();

    public IReadOnlyList<Glob> Sources { get; init; } = [];

    /// <summary>Generated sources under obj/ are the build's, not the user's.</summary>
    public IReadOnlyList<Glob> Omit { get; init; } = [new Glob("**/obj/**")];

    /// <summary>Assemblies referencing one of these are test projects, not code under test.</summary>
    public IReadOnlyList<string> SkipReferencing { get; init; } =
        ["xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework", "TUnit.Core"];

    /// <summary>Attribute names (with or without the Attribute suffix) that exclude code.</summary>
    public IReadOnlyList<string> ExcludeByAttribute { get; init; } = ["ExcludeFromCodeCoverage"];

    /// <summary>Whether a line or outcome may be read from other probes instead of having one
    /// of its own (the sharing rules of BodyProbes, ImpliedLineProbes and LoopEntryProbes). Off,
    /// every line and outcome has its own probe where it runs: slower, and the plain reference
    /// the differential tests hold those rules to.</summary>
    internal bool ShareProbes { get; init; } = true;

    /// <summary>Whether every method's file is parsed and its Release rules run, rather than only
    /// where <see cref="Analysis.SyntaxNeed"/>'s cheap look asks: slower, and the reference the
    /// tests hold that look to (a shape it misses keeps the count the IL alone gives).</summary>
    internal bool SyntaxForEveryMethod { get; init; }
}
