using System.Text.Json;
using RegioLab.Sim.Baseline;

// The floors of this machine for the load test. By default a bare SignalR hub that broadcasts one
// message of the product's size to a group of a table's size, and nothing else (no grains, no
// storage, no views), on /hubs/bare. With --Durable PATH it is the durable floor instead, on
// /hubs/durable: the same hub, which first appends one row per command to a SQLite file through a
// group commit, set up as the product's store (docs/benchmarks.md, "The durable floor").
// Usage (the load tool starts it itself; see docs/benchmarks.md):
//   dotnet bench/RegioLab.Sim.Baseline/bin/Release/net10.0/RegioLab.Sim.Baseline.dll --urls http://127.0.0.1:5199 [--Payload update.json] [--Bytes 2048]
//     [--Durable /tmp/floor.db [--Synchronous full|normal]]
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(BarePayload.Load(builder.Configuration["Payload"], builder.Configuration.GetValue("Bytes", 2048)));
builder.Services.AddSingleton<BareTables>();
var durable = builder.Configuration["Durable"];
if (!string.IsNullOrEmpty(durable))
{
    builder.Services.AddSingleton(DurableLog.Open(durable, builder.Configuration["Synchronous"] ?? "full"));
}

builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 16 * 1024)
    .AddJsonProtocol(o =>
    {
        o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.PayloadSerializerOptions.Converters.Add(new BareUpdateConverter());
    });

var app = builder.Build();
var bytes = app.Services.GetRequiredService<BarePayload>().Bytes;
if (app.Services.GetService<DurableLog>() is { } log)
{
    app.MapGet("/health", () => TypedResults.Ok(new { status = "ok", bytes, durable = log.Path, committed = log.Committed, commits = log.Commits }));
    app.MapHub<DurableHub>("/hubs/durable");
}
else
{
    app.MapGet("/health", () => TypedResults.Ok(new { status = "ok", bytes }));
    app.MapHub<BareHub>("/hubs/bare");
}

app.Run();
