using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Tests.Storage;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// The standalone silo as the cluster will run it: two silo processes on Redis membership and
/// PostgreSQL storage (both real servers), a client in the test. One silo is killed mid-game.
/// </summary>
public sealed class StandaloneClusterTests(PostgresTestSchema schema) : IClassFixture<PostgresTestSchema>, IAsyncLifetime
{
    private static readonly ScenarioRef Energie = new("energiecooperatie", 1);
    private readonly string clusterId = $"test-{Guid.NewGuid():N}";
    private readonly int redisPort = ExternalProcess.FreePort();
    private readonly List<ExternalProcess> silos = [];
    private ExternalProcess? redis;
    private IHost? client;

    private string Redis => $"127.0.0.1:{redisPort}";

    public async Task InitializeAsync()
    {
        redis = await ExternalProcess.StartRedisAsync(redisPort);
        silos.Add(StartSilo());
        silos.Add(StartSilo());
        foreach (var silo in silos)
        {
            await silo.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(60));
        }

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(c =>
        {
            c.UseRedisClustering(Redis);
            c.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, "regiolab"));
            c.Services.AddSerializer(s => s.AddRegioLabTypes());

            // Calls to a silo that died fail fast and are retried (see Play.RetryAsync).
            c.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
        });
        client = builder.Build();
        await client.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (client is not null)
        {
            await client.StopAsync();
            client.Dispose();
        }

        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_silo_processes_on_redis_and_postgresql_play_on_when_one_is_killed()
    {
        var grains = client!.Services.GetRequiredService<IGrainFactory>();
        var rules = await new RulesCatalog(grains).GetAsync(Energie, null);
        var workshop = grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Energie, 4, null, "en", "Cluster"));
        for (var i = 0; i < 12; i++)
        {
            Assert.True((await workshop.JoinAsync($"Player {i}")).Joined);
        }

        var plays = created.Sessions.Select(s => new Play(grains, s, rules)).ToArray();
        foreach (var play in plays)
        {
            await play.SendAsync(Actor.Facilitator, new Start(3));
            await play.PlayAsync(players: 3, phases: 4);
        }

        var acknowledged = new Dictionary<string, long>();
        foreach (var play in plays)
        {
            acknowledged[play.Table.GetPrimaryKeyString()] = (await play.Table.GetInfoAsync()).Version;
        }

        silos[1].Kill();

        foreach (var play in plays)
        {
            await play.PlayAsync(players: 3);
            var state = await Play.RetryAsync(play.Table.GetStateAsync);
            Assert.Equal(Stage.Ended, state.Flow.Stage);
            Assert.True(state.Version > acknowledged[play.Table.GetPrimaryKeyString()]);

            // What the surviving silo holds is exactly the fold of what PostgreSQL holds.
            await using var store = new Sim.Silo.Storage.PostgresStore(schema.ConnectionString);
            var stored = await store.ReadAsync(play.Table.GetPrimaryKeyString());
            Assert.Equal(Play.Json(state), Play.Json(rules.Fold(stored.Select(e => e.Event))));
        }

        Assert.False(silos[0].Exited, silos[0].Output);
    }

    private ExternalProcess StartSilo() => ExternalProcess.StartSilo(new Dictionary<string, string>
    {
        ["Silo__Clustering"] = "redis",
        ["Silo__Redis"] = Redis,
        ["Silo__ClusterId"] = clusterId,
        ["Silo__SiloPort"] = ExternalProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Silo__GatewayPort"] = ExternalProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Silo__Membership__ProbeTimeout"] = "00:00:02",
        ["Silo__Membership__NumMissedProbesLimit"] = "3",
        ["Silo__Membership__NumVotesForDeathDeclaration"] = "1",
        // No web host reports presence here; the bots send with the version they saw, so seats
        // must not be marked away mid-game.
        ["Presence__ReportSeconds"] = "3600",
        ["Storage__Provider"] = "postgres",
        ["Storage__Postgres__ConnectionString"] = schema.ConnectionString,
        ["Logging__LogLevel__Default"] = "Information",
        ["Logging__LogLevel__Orleans"] = "Warning",
        ["DOTNET_ENVIRONMENT"] = "Production",
    });
}
