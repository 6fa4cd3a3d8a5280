using System.Text.Json;
using RegioLab.Sim.Baseline;

// The floor of this machine for the load test: a bare SignalR hub that broadcasts one message of
// the product's size to a group of a table's size, and nothing else (no grains, no storage, no views).
// Usage (the load tool starts it itself; see docs/benchmarks.md):
//   dotnet bench/RegioLab.Sim.Baseline/bin/Release/net10.0/RegioLab.Sim.Baseline.dll --urls http://127.0.0.1:5199 [--Payload update.json] [--Bytes 2048]
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(BarePayload.Load(builder.Configuration["Payload"], builder.Configuration.GetValue("Bytes", 2048)));
builder.Services.AddSingleton<BareTables>();
builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 16 * 1024)
    .AddJsonProtocol(o =>
    {
        o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.PayloadSerializerOptions.Converters.Add(new BareUpdateConverter());
    });

var app = builder.Build();
app.MapGet("/health", () => TypedResults.Ok(new { status = "ok", bytes = app.Services.GetRequiredService<BarePayload>().Bytes }));
app.MapHub<BareHub>("/hubs/bare");
app.Run();
