using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>A silo that hosts tables dies mid-game; the tables go on elsewhere from the log.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private const int Tables = 6;
    private static readonly ScenarioRef Stadstuin = new("stadstuin", 1);
    private readonly string database = TestSilo.NewDatabasePath();
    private TestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await TestSilo.StartAsync(3, database);

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        TestSilo.DeleteDatabase(database);
    }

    [Fact]
    public async Task Tables_on_a_killed_silo_continue_on_another_without_losing_an_acknowledged_event_and_their_timers_fire()
    {
        var grains = (IGrainFactory)cluster.Client;
        var rules = await new RulesCatalog(grains).GetAsync(Stadstuin, null);
        var workshop = grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Stadstuin, Tables, null, "nl", "Failover"));
        for (var i = 0; i < Tables * 3; i++)
        {
            var joined = await workshop.JoinAsync($"Speler {i}");
            Assert.True(joined.Joined, $"{joined.Code} {joined.Message}");
        }

        var plays = created.Sessions.Select(s => new Play(grains, s, rules)).ToArray();
        foreach (var play in plays)
        {
            await play.SendAsync(Actor.Facilitator, new Start(21));
            await play.PlayAsync(players: 3, phases: 3);
        }

        // Placement may have put every table on the primary (which holds the test membership and
        // cannot be killed): let the tables be collected and activated again from inside a secondary,
        // which placement prefers, until a secondary has one. (TestCluster.MigrateAsync moved them
        // too, but a call to a table right after its move hung in some runs.)
        var secondary = ((InProcessSiloHandle)cluster.SecondarySilos[0]).SiloHost.Services.GetRequiredService<IGrainFactory>();
        for (var attempt = 0; attempt < 20 && !(await HostsAsync()).Values.Any(cluster.SecondarySilos.Select(s => s.SiloAddress).Contains); attempt++)
        {
            await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            foreach (var play in plays)
            {
                await secondary.GetGrain<ITableGrain>(play.Table.GetPrimaryKeyString()).GetInfoAsync();
            }

            await Task.Delay(250);
        }

        // Every table's deadline a few seconds away: the timers must fire after the failover.
        foreach (var play in plays)
        {
            var state = await play.Table.GetStateAsync();
            Assert.True(state.Deadline.HasValue, $"{play.Table.GetPrimaryKeyString()} has no deadline in {state.Flow}");
            var left = (int)(state.Deadline.Value - DateTimeOffset.UtcNow).TotalSeconds;
            if (left > 4)
            {
                var shortened = await play.SendAsync(Actor.Facilitator, new ExtendTimer(-(left - 4)));
                Assert.True(shortened.Accepted, $"{shortened.Code} {shortened.Message}");
            }
        }

        var acknowledged = new Dictionary<string, TableState>();
        foreach (var play in plays)
        {
            acknowledged[play.Table.GetPrimaryKeyString()] = await play.Table.GetStateAsync();
        }

        // Kill (not stop) a secondary silo that hosts at least one table; the primary holds the test membership.
        var hosts = await HostsAsync();
        var victim = cluster.SecondarySilos.FirstOrDefault(s => hosts.Values.Contains(s.SiloAddress))
            ?? throw new InvalidOperationException($"no secondary silo hosts a table: {string.Join(", ", hosts.Select(h => $"{h.Key}@{h.Value}"))}; secondaries {string.Join(", ", cluster.SecondarySilos.Select(s => s.SiloAddress))}");
        var moved = hosts.Where(h => h.Value == victim.SiloAddress).Select(h => h.Key).ToHashSet();
        await cluster.KillSiloAsync(victim);

        foreach (var play in plays)
        {
            var id = play.Table.GetPrimaryKeyString();
            var before = acknowledged[id];
            var after = await play.Table.GetStateAsync();
            Assert.True(after.Version >= before.Version, $"{id} lost events: {after.Version} < {before.Version}");
            var log = await play.Table.ReadSinceAsync(0);
            Assert.Equal(Play.Json(before), Play.Json(rules.Fold(log.Take((int)before.Version).Select(e => e.Event))));
        }

        // The timers fire: every table leaves the phase it was in when its deadline passes.
        var until = DateTime.UtcNow.AddSeconds(30);
        foreach (var play in plays)
        {
            var before = acknowledged[play.Table.GetPrimaryKeyString()];
            while ((await play.Table.GetStateAsync()).Flow == before.Flow && DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }

            Assert.NotEqual(before.Flow, (await play.Table.GetStateAsync()).Flow);
        }

        var now = await HostsAsync();
        Assert.All(moved, id => Assert.NotEqual(victim.SiloAddress, now[id]));

        // And the games play on to the end.
        foreach (var play in plays)
        {
            await play.PlayAsync(players: 3);
            Assert.Equal(Stage.Ended, (await play.Table.GetStateAsync()).Flow.Stage);
        }
    }

    private async Task<Dictionary<string, SiloAddress>> HostsAsync()
    {
        var stats = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return stats.Where(s => s.GrainId.Type.ToString() == "table").ToDictionary(s => s.GrainId.Key.ToString()!, s => s.SiloAddress);
    }
}
