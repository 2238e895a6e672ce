using System.Reflection;

namespace FlowCover.Testing;

/// <summary>
/// The app did not start or did not answer. The message names the app, the mode, and the app's
/// own error (and, out of process, the end of its output), so a failed fixture explains itself.
/// </summary>
public sealed class LiveServerStartException : Exception
{
    /// <summary>Creates the exception with its full message.</summary>
    public LiveServerStartException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    internal static LiveServerStartException From(string appName, string mode, Exception error) =>
        new($"{appName} did not start {mode}: {Describe(error)}", error);

    /// <summary>Each distinct message down the chain of inner exceptions, the wrappers left out.</summary>
    internal static string Describe(Exception error)
    {
        var messages = new List<string>();
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            if (current is AggregateException { InnerExceptions.Count: 1 } or TargetInvocationException)
                continue;
            var message = $"{current.GetType().Name}: {current.Message}";
            if (!messages.Contains(message))
                messages.Add(message);
        }
        return messages.Count == 0 ? error.Message : string.Join(" ---> ", messages);
    }
}
