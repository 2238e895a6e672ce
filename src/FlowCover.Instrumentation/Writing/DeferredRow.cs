namespace FlowCover.Instrumentation.Writing;

/// <summary>
/// A metadata row an encoded body names that the writer adds only when it finishes, in the order
/// of the bodies (<see cref="PatchingWriter.Finish"/>): bodies are encoded on every core, and
/// rows and heap entries added as each body asked were numbered in the order the threads ran,
/// so one input instrumented twice gave two different files (docs/DESIGN.md, "Deterministic
/// output"). The body is encoded with a placeholder where the token goes.
/// </summary>
internal sealed class DeferredRow(Func<int> add)
{
    private int _token;

    /// <summary>The row's token, the row added the first time it is asked for. On one thread
    /// only: the writer asks while it finishes.</summary>
    public int Token => _token != 0 ? _token : _token = add();
}

/// <summary>Where in an encoded body (from its first byte) the token of <paramref name="Row"/> goes.</summary>
internal readonly record struct TokenFixup(int At, DeferredRow Row);
