// A minimal API whose configuration (TestApp:*) makes it misbehave the ways a fixture must
// report: refuse to start, start slowly, and say whether it was stopped gracefully.
using FlowCover.Testing.TestApp;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddHostedService<StartBehaviour>();
var app = builder.Build();

app.MapGet("/", () => "FlowCover.Testing.TestApp");
app.MapGet("/config/{key}", (string key, IConfiguration configuration) => configuration["TestApp:" + key] ?? "(unset)");
app.MapGet("/process", () => Environment.ProcessId);

// Written when the host stops gracefully (SIGTERM, or the in-process host disposed), never on a kill.
if (app.Configuration["TestApp:StoppedMarker"] is { Length: > 0 } marker)
    app.Lifetime.ApplicationStopping.Register(() => File.WriteAllText(marker, "stopped gracefully"));

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
