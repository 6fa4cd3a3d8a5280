using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// Presence by the word of several web hosts, through a real cluster: hosts report every second, so
/// a host's word counts for three seconds.
/// </summary>
public sealed class PresenceTests(PresenceTests.ShortLeases fixture) : IClassFixture<PresenceTests.ShortLeases>
{
    private static readonly ScenarioRef Buurthuis = new("buurthuis", 1);

    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task A_seat_is_present_while_any_host_that_is_still_heard_from_has_it()
    {
        var table = await NewTableAsync(players: 3);
        await table.ReportPresenceAsync(Report("A", 1, 0, 1));
        await table.ReportPresenceAsync(Report("B", 1, 1, 2));
        await AssertPresentAsync(table, true, true, true);
        var reported = (await table.GetInfoAsync()).Version;

        // Host A lets go of seat 0; nobody else has it.
        await table.ReportPresenceAsync(Report("A", 2, 1));
        await AssertPresentAsync(table, false, true, true);

        // A late report of A's (older than its last) changes nothing.
        await table.ReportPresenceAsync(Report("A", 1, 0, 1));
        await AssertPresentAsync(table, false, true, true);

        // B lets go of seat 1, which A still has.
        await table.ReportPresenceAsync(Report("B", 2, 2));
        await AssertPresentAsync(table, false, true, true);

        // A falls silent (stopped or crashed); B keeps reporting. After A's lease, seat 1 is away.
        var silentSince = DateTime.UtcNow;
        while ((await PresentAsync(table))[1])
        {
            Assert.True(DateTime.UtcNow - silentSince < TimeSpan.FromSeconds(20), "seat 1 is still present long after its host fell silent");
            await table.ReportPresenceAsync(Report("B", 2, 2));
            await Task.Delay(200);
        }

        Assert.True(DateTime.UtcNow - silentSince > TimeSpan.FromSeconds(1.5), "seat 1 went away before its host's lease ran out");
        await AssertPresentAsync(table, false, false, true);

        // Each change is in the log once, as an event of the system.
        var changes = (await table.ReadSinceAsync(reported)).Select(e => e.Event).OfType<PresenceChanged>().ToList();
        Assert.Equal([new PresenceChanged(0, false), new PresenceChanged(1, false)], changes);
    }

    [Fact]
    public async Task A_table_that_starts_again_waits_one_lease_for_the_hosts_and_then_marks_away_the_seats_nobody_reports()
    {
        var table = await NewTableAsync(players: 2);
        await table.ReportPresenceAsync(Report("A", 1, 0, 1));

        await fixture.Cluster.DeactivateAsync(table.GetGrainId());
        var activations = await Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.DoesNotContain(table.GetGrainId(), activations.Select(s => s.GrainId));

        // The new activation knows no host yet: both seats stay present while it waits for their word.
        var restarted = DateTime.UtcNow;
        await AssertPresentAsync(table, true, true);
        await table.ReportPresenceAsync(Report("C", 1, 0));
        await AssertPresentAsync(table, true, true);

        while ((await PresentAsync(table))[1])
        {
            Assert.True(DateTime.UtcNow - restarted < TimeSpan.FromSeconds(20), "seat 1 is still present long after the table started again");
            await table.ReportPresenceAsync(Report("C", 1, 0));
            await Task.Delay(200);
        }

        Assert.True(DateTime.UtcNow - restarted > TimeSpan.FromSeconds(1.5), "seat 1 went away before the hosts had a lease to speak");
        await AssertPresentAsync(table, true, false);
    }

    [Fact]
    public async Task A_seat_just_taken_is_given_a_lease_for_its_first_connection()
    {
        var table = await NewTableAsync(players: 1);
        var taken = DateTime.UtcNow;
        await AssertPresentAsync(table, true);

        while ((await PresentAsync(table))[0])
        {
            Assert.True(DateTime.UtcNow - taken < TimeSpan.FromSeconds(20), "a seat that nobody connected to is still present");
            await Task.Delay(200);
        }

        Assert.True(DateTime.UtcNow - taken > TimeSpan.FromSeconds(1.5), "the seat went away before its player could connect");

        // Its player connects after all.
        await table.ReportPresenceAsync(Report("A", 1, 0));
        await AssertPresentAsync(table, true);
    }

    private static PresenceReport Report(string host, long sequence, params int[] seats) => new(host, sequence, [.. seats]);

    private static async Task AssertPresentAsync(ITableGrain table, params bool[] expected) =>
        Assert.Equal(expected, await PresentAsync(table));

    private static async Task<bool[]> PresentAsync(ITableGrain table) =>
        [.. (await table.GetStateAsync()).Seats.Select(s => s.Present)];

    private async Task<ITableGrain> NewTableAsync(int players)
    {
        var workshop = Grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 1, null, "nl", "Presence"));
        for (var i = 0; i < players; i++)
        {
            var joined = await workshop.JoinAsync($"Speler {i + 1}");
            Assert.True(joined.Joined, $"{joined.Code} {joined.Message}");
        }

        return Grains.GetGrain<ITableGrain>(created.Sessions[0]);
    }

    /// <summary>One silo whose presence reports are due every second.</summary>
    public sealed class ShortLeases() : OneSiloCluster(presenceReportSeconds: 1);
}
