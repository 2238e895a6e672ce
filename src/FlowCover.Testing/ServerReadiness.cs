using System.Diagnostics;

namespace FlowCover.Testing;

/// <summary>Waits until a server answers HTTP at all: any status code means it is up.</summary>
internal static class ServerReadiness
{
    /// <summary>Returns at the first HTTP answer; throws <see cref="LiveServerStartException"/> after <paramref name="timeout"/>.</summary>
    /// <remarks><paramref name="whyNot"/> is asked before every attempt; a non-null answer (say, "the process exited") ends the wait with that reason.</remarks>
    public static async Task WaitAsync(HttpClient client, string path, TimeSpan timeout, Func<string?> whyNot, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            if (whyNot() is { } reason)
                throw new LiveServerStartException(reason, lastError);
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new LiveServerStartException($"{client.BaseAddress} did not answer GET {path} within {timeout.TotalSeconds:0.#} s.", lastError);
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(left);
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
                return;
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                lastError = e;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }
}
