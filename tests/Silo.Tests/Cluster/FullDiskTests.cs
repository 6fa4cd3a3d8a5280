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
/// A silo's SQLite file on a disk that fills up mid-game (issue 16 §3): a real full disk, a 2 MB tmpfs
/// filled to the last block (<see cref="SmallDisk"/>). Figures in docs/operations.md.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly ScenarioRef Buurthuis = new("buurthuis", 1);

    private SmallDisk disk = null!;

    private TestCluster? cluster;

    private string DatabasePath => Path.Combine(disk.Folder, "regiolab.db");

    public async Task InitializeAsync()
    {
        disk = await SmallDisk.MountAsync();
        if (disk.CannotMount is null)
        {
            cluster = await TestSilo.StartAsync(1, DatabasePath);
        }
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        await disk.DisposeAsync();
    }

    [Fact]
    public async Task On_a_full_disk_commands_are_refused_by_name_the_file_stays_whole_and_play_resumes_when_space_returns()
    {
        if (disk.CannotMount is { } cannotMount)
        {
            output.WriteLine($"NOT RUN: a full disk needs a small tmpfs, and it could not be mounted (run as root): {cannotMount}");
            return;
        }

        var grains = cluster!.Client;
        var workshop = grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 1, null, "nl", "Vol"));
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await workshop.JoinAsync($"Speler {i + 1}")).Joined);
        }

        var rules = await new RulesCatalog(grains).GetAsync(Buurthuis, null);
        var play = new Play(grains, created.Sessions[0], rules);
        Assert.True((await play.SendAsync(Actor.Facilitator, new Start(3))).Accepted);

        disk.Fill();

        // Commits first reuse room the file and its WAL already hold; play until the disk is felt.
        var refusals = new Dictionary<string, int>(StringComparer.Ordinal);
        var takenOnTheFullDisk = 0;
        var slowest = TimeSpan.Zero;
        for (var attempt = 0; refusals.Values.Sum() < 5; attempt++)
        {
            Assert.True(attempt < 400, $"400 commands on a full disk, {takenOnTheFullDisk} taken and none refused");
            var state = await play.Table.GetStateAsync();
            Assert.NotEqual(Stage.Ended, state.Flow.Stage);
            var (actor, command) = Play.NextMove(rules, state);
            var asked = Stopwatch.StartNew();
            var result = await play.SendAsync(actor, command, state.Version);
            if (result.Accepted)
            {
                takenOnTheFullDisk++;
                continue;
            }

            slowest = asked.Elapsed > slowest ? asked.Elapsed : slowest;
            Assert.True(
                result.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown,
                $"{command} was refused with {result.Code} ({result.Message}), not a storage refusal");
            Assert.Equal(state.Version, (await play.Table.GetInfoAsync()).Version);
            refusals[result.Code!] = refusals.GetValueOrDefault(result.Code!) + 1;
        }

        Assert.Equal("ok", await SmallDisk.IntegrityAsync(DatabasePath));

        disk.Free();
        var freed = Stopwatch.StartNew();
        CommandResult resumed;
        do
        {
            var state = await play.Table.GetStateAsync();
            var (actor, command) = Play.NextMove(rules, state);
            resumed = await play.SendAsync(actor, command, state.Version);
            Assert.True(resumed.Accepted || resumed.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown, resumed.Message);
            Assert.True(freed.Elapsed < TimeSpan.FromSeconds(30), "play did not resume within 30 s of the space's return");
        }
        while (!resumed.Accepted);

        var resumedAfter = freed.Elapsed;
        await play.PlayAsync(players: 4);
        Assert.Equal(Stage.Ended, (await play.Table.GetStateAsync()).Flow.Stage);

        Assert.Equal("ok", await SmallDisk.IntegrityAsync(DatabasePath));
        await using var store = StoreFaults.OpenSqlite(DatabasePath);
        var stored = await store.ReadAsync(created.Sessions[0]);
        var log = await play.Table.ReadSinceAsync(0);
        Assert.Equal(log.Select(e => EventJson.Serialize(e.Event)), stored.Select(e => EventJson.Serialize(e.Event)));
        var lost = play.Accepted.SelectMany(r => r.Events)
            .Count(e => e.Version > stored.Count || EventJson.Serialize(stored[(int)e.Version - 1].Event) != EventJson.Serialize(e.Event));
        Assert.Equal(0, lost);

        output.WriteLine(
            $"taken on the full disk before the first refusal: {takenOnTheFullDisk}; refused: {string.Join(", ", refusals.Select(r => $"{r.Value} {r.Key}"))}; "
            + $"slowest refusal {slowest.TotalMilliseconds:0} ms; first command taken {resumedAfter.TotalMilliseconds:0} ms after the space returned; "
            + $"integrity_check ok; acknowledged events lost: {lost} of {play.Accepted.Sum(r => r.Events.Length)}");
    }
}
