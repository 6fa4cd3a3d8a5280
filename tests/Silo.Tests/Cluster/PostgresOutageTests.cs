using System.Diagnostics;
using Orleans.TestingHost;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;
using RegioLab.Sim.Silo.Tests.Storage;
using Xunit.Abstractions;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// PostgreSQL stopped under a silo mid-game (issue 16 §3), on a server of the test's own: the shared
/// test server must stay up for the tests that run beside this one. Figures in docs/operations.md.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly ScenarioRef Buurthuis = new("buurthuis", 1);

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    private PostgresTestServer.OwnServer server = null!;

    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        server = await PostgresTestServer.StartOwnAsync();
        cluster = await TestSilo.StartAsync(1, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:Postgres:ConnectionString"] = server.ConnectionString,
        });
    }

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
        await server.StopAsync();
    }

    [Fact]
    public async Task With_PostgreSQL_stopped_for_ten_seconds_commands_are_refused_by_name_nothing_acknowledged_is_lost_and_play_resumes_by_itself()
    {
        var grains = cluster.Client;
        var workshop = grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 1, null, "nl", "Storing"));
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await workshop.JoinAsync($"Speler {i + 1}")).Joined);
        }

        var rules = await new RulesCatalog(grains).GetAsync(Buurthuis, null);
        var play = new Play(grains, created.Sessions[0], rules);
        Assert.True((await play.SendAsync(Actor.Facilitator, new Start(3))).Accepted);
        await play.PlayAsync(players: 4, phases: 1);

        await server.StopAsync();
        var down = Stopwatch.StartNew();
        var refusals = new Dictionary<string, int>(StringComparer.Ordinal);
        var slowest = TimeSpan.Zero;
        while (down.Elapsed < Outage)
        {
            var state = await play.Table.GetStateAsync();
            var (actor, command) = Play.NextMove(rules, state);
            var asked = Stopwatch.StartNew();
            var result = await play.SendAsync(actor, command, state.Version);
            slowest = asked.Elapsed > slowest ? asked.Elapsed : slowest;

            // Refused by name, and never "nothing changed" when something might have.
            Assert.False(result.Accepted, $"{command} was taken with the store down");
            Assert.True(
                result.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown,
                $"{command} was refused with {result.Code} ({result.Message}), not a storage refusal");
            Assert.Equal(state.Version, (await play.Table.GetInfoAsync()).Version);
            refusals[result.Code!] = refusals.GetValueOrDefault(result.Code!) + 1;
            await Task.Delay(100);
        }

        await server.StartAsync();
        var up = Stopwatch.StartNew();
        CommandResult resumed;
        do
        {
            var state = await play.Table.GetStateAsync();
            var (actor, command) = Play.NextMove(rules, state);
            resumed = await play.SendAsync(actor, command, state.Version);
            Assert.True(resumed.Accepted || resumed.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown, resumed.Message);
            Assert.True(up.Elapsed < TimeSpan.FromSeconds(30), "play did not resume within 30 s of PostgreSQL's return");
        }
        while (!resumed.Accepted);

        var resumedAfter = up.Elapsed;
        await play.PlayAsync(players: 4);
        Assert.Equal(Stage.Ended, (await play.Table.GetStateAsync()).Flow.Stage);

        // Every acknowledged command's events are in the store, at the versions the players were told.
        await using var store = new PostgresStore(server.ConnectionString);
        var stored = await store.ReadAsync(created.Sessions[0]);
        var log = await play.Table.ReadSinceAsync(0);
        Assert.Equal(log.Select(e => EventJson.Serialize(e.Event)), stored.Select(e => EventJson.Serialize(e.Event)));
        var lost = play.Accepted.SelectMany(r => r.Events)
            .Count(e => e.Version > stored.Count || EventJson.Serialize(stored[(int)e.Version - 1].Event) != EventJson.Serialize(e.Event));
        Assert.Equal(0, lost);

        output.WriteLine(
            $"refused: {string.Join(", ", refusals.Select(r => $"{r.Value} {r.Key}"))}; slowest refusal {slowest.TotalMilliseconds:0} ms; "
            + $"first command taken {resumedAfter.TotalMilliseconds:0} ms after PostgreSQL was back; acknowledged events lost: {lost} of {play.Accepted.Sum(r => r.Events.Length)}");
    }
}
