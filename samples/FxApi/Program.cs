using FxApi.Endpoints;
using FxApi.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFxApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
await app.Services.EnsureFxDatabaseAsync();

app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
FxEndpoints.Map(app);
AssetEndpoints.Map(app);

await app.RunAsync();

/// <summary>The entry point, public so tests can start the app with <c>LiveServer.StartAsync&lt;Program&gt;</c>.</summary>
public partial class Program;
