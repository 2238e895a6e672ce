using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using FlowCover.Reporting.Tests.Fixtures;
using Xunit;

namespace FlowCover.Reporting.Tests.Browser;

/// <summary>
/// A real headless Chromium driven over the DevTools protocol (a websocket and JSON, nothing
/// else): opens pages, presses keys, runs checks in the page, takes screenshots, and collects
/// every script error, console error and failed load the page reports.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly TempDirectory _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly List<JsonObject> _events = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private string _session = "";
    private int _nextId;

    private HeadlessChromium(Process process, TempDirectory profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Script errors, console errors and failed loads seen so far, one line each.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_events)
                return _events.Select(Problem).OfType<string>().ToList();
        }
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(ExternalTool.Chromium.Path()) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.Path}", "--remote-debugging-port=0",
            "--hide-scrollbars", "about:blank",
        })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var browser = new HeadlessChromium(process, profile);
        try
        {
            var endpoint = await ReadEndpointAsync(process);
            await browser._socket.ConnectAsync(endpoint, browser._stop.Token);
            browser._receiving = Task.Run(browser.ReceiveAsync);
            var target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
            var attached = await browser.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = (string)target["targetId"]!, ["flatten"] = true }, browserLevel: true);
            browser._session = (string)attached["sessionId"]!;
            await browser.SendAsync("Page.enable");
            await browser.SendAsync("Runtime.enable");
            await browser.SendAsync("Log.enable");
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = 1280, ["height"] = 860, ["deviceScaleFactor"] = 1, ["mobile"] = false });
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a page and waits until it has loaded (scripts run, styles applied).</summary>
    public async Task OpenAsync(string path)
    {
        var loaded = WaitForEventAsync("Page.loadEventFired");
        var navigation = await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(path).AbsoluteUri });
        Assert.True(navigation["errorText"] is null, $"Chromium could not open {path}: {navigation["errorText"]}");
        await loaded;
    }

    /// <summary>The value of a JavaScript expression evaluated in the page.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var response = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        Assert.True(response["exceptionDetails"] is null, $"The page threw evaluating {expression}: {response["exceptionDetails"]}");
        return response["result"]?["value"];
    }

    /// <summary>Presses and releases a letter key or '/', as a person at the keyboard would.</summary>
    public async Task PressAsync(string key)
    {
        foreach (var type in new[] { "keyDown", "keyUp" })
        {
            var stroke = new JsonObject
            {
                ["type"] = type,
                ["key"] = key,
                ["code"] = key == "/" ? "Slash" : "Key" + char.ToUpperInvariant(key[0]),
                ["windowsVirtualKeyCode"] = key == "/" ? 191 : char.ToUpperInvariant(key[0]),
            };
            if (type == "keyDown")
                stroke["text"] = key;
            await SendAsync("Input.dispatchKeyEvent", stroke);
        }
    }

    /// <summary>Types text into the focused element.</summary>
    public Task TypeAsync(string text) => SendAsync("Input.insertText", new JsonObject { ["text"] = text });

    /// <summary>Scrolls the first element matching a CSS selector into view and clicks its middle with the mouse.</summary>
    public async Task ClickAsync(string selector)
    {
        var box = await EvaluateAsync($"(() => {{ const e = document.querySelector({Quote(selector)}); e.scrollIntoView({{ block: 'center' }}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()");
        var (x, y) = ((double)box![0]!, (double)box[1]!);
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
            await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = "left", ["clickCount"] = 1 });
    }

    public async Task ScreenshotAsync(string path)
    {
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String((string)shot["data"]!));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await SendAsync("Browser.close", browserLevel: true).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // Closing is best effort; the process is ended below either way.
        }
        _stop.Cancel();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
        _socket.Dispose();
        _profile.Dispose();
    }

    private Task<JsonObject> SendAsync(string method, JsonObject? parameters = null, bool browserLevel = false)
    {
        var id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (!browserLevel)
            message["sessionId"] = _session;
        var reply = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        return SendAndWaitAsync(method, message, reply);
    }

    private async Task<JsonObject> SendAndWaitAsync(string method, JsonObject message, TaskCompletionSource<JsonObject> reply)
    {
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, _stop.Token);
        var response = await reply.Task.WaitAsync(Timeout);
        Assert.True(response["error"] is null, $"Chromium refused {method}: {response["error"]}");
        return response["result"]?.AsObject() ?? [];
    }

    private async Task WaitForEventAsync(string method)
    {
        var seen = 0;
        lock (_events)
            seen = _events.Count;
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (_events)
                if (_events.Skip(seen).Any(e => (string?)e["method"] == method))
                    return;
            await Task.Delay(20);
        }
        Assert.Fail($"Chromium sent no {method} within {Timeout.TotalSeconds:0} s.");
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                    break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                    continue;
                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove((int)id, out var reply))
                    reply.TrySetResult(json);
                else if (json["method"] is not null)
                    lock (_events)
                        _events.Add(json);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The browser closed; pending requests time out with a clear message.
        }
    }

    /// <summary>The browser prints its DevTools websocket address on stderr once it listens.</summary>
    private static async Task<Uri> ReadEndpointAsync(Process process)
    {
        var lines = new StringBuilder();
        using var timeout = new CancellationTokenSource(Timeout);
        while (!timeout.IsCancellationRequested)
        {
            var line = await process.StandardError.ReadLineAsync(timeout.Token);
            if (line is null)
                break;
            lines.AppendLine(line);
            const string marker = "DevTools listening on ";
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                // Keep draining stderr so the browser never blocks on a full pipe.
                _ = Task.Run(() => process.StandardError.ReadToEndAsync());
                _ = Task.Run(() => process.StandardOutput.ReadToEndAsync());
                return new Uri(line[(at + marker.Length)..].Trim());
            }
        }
        Assert.Fail($"Chromium did not start its DevTools endpoint. Its output:\n{lines}");
        return null!;
    }

    private static string? Problem(JsonObject e)
    {
        var parameters = e["params"];
        return (string?)e["method"] switch
        {
            "Runtime.exceptionThrown" => "script error: " + (parameters?["exceptionDetails"]?["exception"]?["description"] ?? parameters?["exceptionDetails"]?["text"]),
            "Runtime.consoleAPICalled" when (string?)parameters?["type"] is "error" or "assert" =>
                "console error: " + string.Join(" ", parameters?["args"]?.AsArray().Select(a => a?["value"]?.ToString() ?? a?["description"]?.ToString()) ?? []),
            "Log.entryAdded" when (string?)parameters?["entry"]?["level"] == "error" =>
                "browser error: " + parameters?["entry"]?["text"] + " " + parameters?["entry"]?["url"],
            _ => null,
        };
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
