namespace FlowCover.Data;

/// <summary>
/// A problem the user can fix (a bad path, a corrupt file, a wrong option). The CLI prints its
/// message as one line and exits with code 2, never a stack trace, so the message must name the
/// file or option and say what to do.
/// </summary>
public sealed class UserError(string message, Exception? inner = null) : Exception(message, inner);
