using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Grains;
using RegioLab.Sim.Silo.Storage;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web;

/// <summary>
/// The product's own measurements, on one <see cref="Meter"/> ("RegioLab.Sim"; Prometheus names
/// them <c>regiolab_…</c>): commands by type and outcome and how long each took from the hub to its
/// events being durable and handed to the push, pushes by kind, connected players, watched tables.
/// </summary>
public sealed class LiveMetrics : IDisposable
{
    public const string MeterName = "RegioLab.Sim";

    private readonly Meter meter;
    private readonly Counter<long> commands;
    private readonly Histogram<double> commandDuration;
    private readonly Counter<long> pushes;

    public LiveMetrics(IMeterFactory meters, Attendance attendance, TableFeed feed)
    {
        // Each host's meter carries its own instance tag. OpenTelemetry keys a metric stream by meter name,
        // version and tags, and ends a stream when any meter of that identity is disposed
        // (open-telemetry/opentelemetry-dotnet#6412): without the tag, a second host in the same process
        // (tests, or a silo restarted in place) that stops would silence this host's metrics.
        meter = meters.Create(new MeterOptions(MeterName) { Tags = [new("regiolab.host.instance", Guid.NewGuid().ToString("N")[..12])] });
        commands = meter.CreateCounter<long>("regiolab.commands", "{command}", "Commands sent through the hubs, by type and outcome (accepted or the refusal's code)");
        commandDuration = meter.CreateHistogram<double>("regiolab.command.duration", "s",
            "From a command reaching the hub to its events being durable and handed to this host's push",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        pushes = meter.CreateCounter<long>("regiolab.pushes", "{push}", "Views pushed to connections, by kind (player, facilitator, projector)");
        meter.CreateObservableGauge("regiolab.players.connected", () => (long)attendance.ConnectedSeats, "{seat}", "Seats with at least one connection on this host");
        meter.CreateObservableGauge("regiolab.tables.active", () => (long)feed.WatchedCount, "{table}", "Tables this host watches (has connections for)");
    }

    /// <summary>One command answered: its type (the protocol's <c>type</c>), accepted or the refusal's code, and the time it took.</summary>
    public void Command(string type, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "type", type }, { "outcome", outcome } };
        commands.Add(1, tags);
        commandDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void Pushed(string kind) => pushes.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Dispose() => meter.Dispose();
}

/// <summary>Metrics and traces (OpenTelemetry), the Prometheus scrape endpoint, and the health checks.</summary>
internal static class Observability
{
    /// <summary>The Orleans runtime's meter.</summary>
    private const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>
    /// Tag combinations kept per metric of the runtime, Orleans and ASP.NET (the SDK's default, 2,000, is
    /// allocated up front for every metric: large-object heap the web host never uses). The product's own
    /// metrics keep the default.
    /// </summary>
    private const int OtherCardinalityLimit = 100;

    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<LiveMetrics>();
        var otel = services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(LiveMetrics.MeterName, StoreMetrics.MeterName, TableMetrics.MeterName, OrleansMeter, "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Hosting")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddView(instrument => instrument.Meter.Name == LiveMetrics.MeterName ? null : new MetricStreamConfiguration { CardinalityLimit = OtherCardinalityLimit })
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(OrleansMeter, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics")));

        // Traces and metrics go out over OTLP only when an endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT).
        if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithMetrics(m => m.AddOtlpExporter()).WithTracing(t => t.AddOtlpExporter());
        }

        services.AddHealthChecks()
            .AddCheck("live", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<ClusterReady>("cluster", tags: ["ready"]);
        return services;
    }

    public static WebApplication MapObservability(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    /// <summary>Ready when a grain answers: the silo is active in its cluster, and the scenario library read its store.</summary>
    private sealed class ClusterReady(IGrainFactory grains) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var library = await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                return library.IsDefaultOrEmpty ? HealthCheckResult.Unhealthy("the scenario library is empty") : HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                return HealthCheckResult.Unhealthy("the cluster did not answer", e);
            }
        }
    }
}
