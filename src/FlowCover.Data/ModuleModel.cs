using System.Text.Json.Serialization;

namespace FlowCover.Data;

/// <summary>
/// What could run in one instrumented assembly: its source files, methods, lines and branch
/// outcomes, each tied to a probe index in the module's hit counters.
/// Written by the instrumenter next to the hit files, read back by the collector; it is the
/// only bridge between IL and the user's source, so reports never need the assembly again.
/// </summary>
/// <param name="Key">Identity of this build of the assembly: name plus a hash of its bytes, so
/// runs of the same build combine and different builds never mix.</param>
/// <param name="ContentHash">Hex SHA-256 of the original assembly and its symbols.</param>
/// <param name="ProbeCount">Number of hit counters the module's tracker allocates.</param>
/// <param name="Checksums">Each document's checksum as the PDB recorded it at build time, by
/// index into <see cref="Documents"/> (null where the PDB had none FlowCover knows); the whole
/// list is null in models written before it was recorded. Reports compare it with the file on
/// disk: a source edited after the build would otherwise have its marks on the wrong lines.</param>
public sealed record ModuleModel(
    string Key,
    string AssemblyName,
    string ContentHash,
    int ProbeCount,
    IReadOnlyList<string> Documents,
    IReadOnlyList<MethodModel> Methods,
    IReadOnlyList<SourceChecksum?>? Checksums = null)
{
    /// <summary>The build-time checksum of document <paramref name="document"/>, or null when
    /// none was recorded.</summary>
    public SourceChecksum? ChecksumOf(int document) =>
        Checksums is { } checksums && document < checksums.Count ? checksums[document] : null;
}

/// <summary>A source file's checksum as the compiler put it in the PDB.</summary>
/// <param name="Algorithm"><c>MD5</c>, <c>SHA1</c> or <c>SHA256</c> (the PDB's algorithm GUIDs,
/// by name).</param>
/// <param name="Hash">The hash in lowercase hex.</param>
public sealed record SourceChecksum(string Algorithm, string Hash);

/// <summary>A method as the user wrote it (state machines and lambdas already mapped back).</summary>
/// <param name="Document">Index into <see cref="ModuleModel.Documents"/>.</param>
/// <param name="TypeName">The declaring type as the user names it, with namespace (Cobertura classes).</param>
/// <param name="Name">The display name, e.g. <c>FxService.GetLatestAsync</c> or
/// <c>FxEndpoints.Map (lambda at line 23)</c>.</param>
public sealed record MethodModel(
    string TypeName,
    string Name,
    int Document,
    int FirstLine,
    IReadOnlyList<LineProbe> Lines,
    IReadOnlyList<BranchPoint> Branches);

/// <summary>A source line with the probes of the statements that begin on it: it ran when any
/// of them did. In set mode a statement reached only straight from other probes has theirs
/// (see ImpliedLineProbes); in count mode every statement is counted by one probe (one it may
/// share with another statement or an outcome that runs exactly when it does), so the line's
/// count, the largest of its probes', is that of the statement on it run most.</summary>
public readonly record struct LineProbe(int Line, ProbeList Probes)
{
    /// <summary>Whether each of <see cref="Probes"/> counts the runs of one copy of the line's
    /// statement (a member initializer, in each constructor that runs it), so that in count mode
    /// the line's count is their sum (<see cref="CountOf"/>). Written by count-mode
    /// instrumentation; a model without it reads the largest, as every model before it was read.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Sum { get; init; }

    /// <summary>How often the line ran by <paramref name="hits"/>, count-mode counters: the sum
    /// of its probes' where <see cref="Sum"/> says so, else the largest.</summary>
    public long CountOf(IReadOnlyList<long> hits) => Sum ? Probes.SumOf(hits) : Probes.MaxOf(hits);
}

/// <summary>A source-level decision on a line, with its outcomes.</summary>
public readonly record struct BranchPoint(int Line, IReadOnlyList<BranchOutcome> Outcomes);

/// <summary>One way a decision can go: it was taken when any of its probes ran. Usually one
/// probe; in set mode an outcome that leads straight into another decision may have none of its
/// own and be read from that decision's outcomes (see ImpliedLineProbes).</summary>
/// <param name="Label">What the outcome means in source terms ("true", "false", "null",
/// "case 3", "default"...), for explanations in reports.</param>
/// <param name="TargetLine">The line execution continues on, or 0 when it leaves the method
/// or is not known; used for coverage.py-style <c>12->14</c> partial-branch notes.</param>
public readonly record struct BranchOutcome(ProbeList Probes, string Label, int TargetLine)
{
    /// <summary>Whether each of <see cref="Probes"/> counts different times the outcome was taken
    /// (each on edges of its own), so that in count mode its count is their sum
    /// (<see cref="CountOf"/>). Written by count-mode instrumentation for an outcome of several
    /// probes; a model without it reads the largest, as every model before it was read.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Sum { get; init; }

    /// <summary>How often the outcome was taken by <paramref name="hits"/>, count-mode counters:
    /// the sum of its probes' where <see cref="Sum"/> says so, else the largest.</summary>
    public long CountOf(IReadOnlyList<long> hits) => Sum ? Probes.SumOf(hits) : Probes.MaxOf(hits);
}
