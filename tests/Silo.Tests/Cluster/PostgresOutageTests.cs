using System.Diagnostics;
using Orleans.TestingHost;
using RegioLab.Sim.Scenarios.Flow;
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
        var game = await OutageGame.StartAsync(cluster.Client, "Storing");
        var play = game.Play;
        await play.PlayAsync(players: 4, phases: 1);

        await server.StopAsync();
        var down = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        while (down.Elapsed < Outage)
        {
            var state = await play.Table.GetStateAsync();
            var (actor, command) = Play.NextMove(game.Rules, state);
            var asked = Stopwatch.StartNew();
            var result = await play.SendAsync(actor, command, state.Version);
            slowest = asked.Elapsed > slowest ? asked.Elapsed : slowest;
            Assert.False(result.Accepted, $"{command} was taken with the store down");
            await game.AssertRefusedByNameAsync(result, command, state);
            await Task.Delay(100);
        }

        await server.StartAsync();
        var resumedAfter = await game.ResumeAsync("PostgreSQL's return");
        await play.PlayAsync(players: 4);
        Assert.Equal(Stage.Ended, (await play.Table.GetStateAsync()).Flow.Stage);

        await using var store = new PostgresStore(server.ConnectionString);
        var (lost, acknowledged) = await game.AssertNothingAcknowledgedLostAsync(store);

        output.WriteLine(
            $"refused: {string.Join(", ", game.Refusals.Select(r => $"{r.Value} {r.Key}"))}; slowest refusal {slowest.TotalMilliseconds:0} ms; "
            + $"first command taken {resumedAfter.TotalMilliseconds:0} ms after PostgreSQL was back; acknowledged events lost: {lost} of {acknowledged}");
    }
}
