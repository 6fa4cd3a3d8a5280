using System.Diagnostics;
using Orleans.TestingHost;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Silo.Tests.Storage;
using Xunit.Abstractions;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// A silo's SQLite file on a disk that fills up mid-game (issue 16 §3): a real full disk, a 2 MB tmpfs
/// filled to the last block (<see cref="SmallDisk"/>). Figures in docs/operations.md.
/// </summary>
public sealed class FullDiskTests(ITestOutputHelper output) : IAsyncLifetime
{
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

        var game = await OutageGame.StartAsync(cluster!.Client, "Vol");
        var play = game.Play;

        disk.Fill();

        // Commits first reuse room the file and its WAL already hold; play until the disk is felt.
        var takenOnTheFullDisk = 0;
        var slowest = TimeSpan.Zero;
        for (var attempt = 0; game.Refusals.Values.Sum() < 5; attempt++)
        {
            Assert.True(attempt < 400, $"400 commands on a full disk, {takenOnTheFullDisk} taken and none refused");
            var state = await play.Table.GetStateAsync();
            Assert.NotEqual(Stage.Ended, state.Flow.Stage);
            var (actor, command) = Play.NextMove(game.Rules, state);
            var asked = Stopwatch.StartNew();
            var result = await play.SendAsync(actor, command, state.Version);
            if (result.Accepted)
            {
                takenOnTheFullDisk++;
                continue;
            }

            slowest = asked.Elapsed > slowest ? asked.Elapsed : slowest;
            await game.AssertRefusedByNameAsync(result, command, state);
        }

        Assert.Equal("ok", await SmallDisk.IntegrityAsync(DatabasePath));

        disk.Free();
        var resumedAfter = await game.ResumeAsync("the space's return");
        await play.PlayAsync(players: 4);
        Assert.Equal(Stage.Ended, (await play.Table.GetStateAsync()).Flow.Stage);

        Assert.Equal("ok", await SmallDisk.IntegrityAsync(DatabasePath));
        await using var store = StoreFaults.OpenSqlite(DatabasePath);
        var (lost, acknowledged) = await game.AssertNothingAcknowledgedLostAsync(store);

        output.WriteLine(
            $"taken on the full disk before the first refusal: {takenOnTheFullDisk}; refused: {string.Join(", ", game.Refusals.Select(r => $"{r.Value} {r.Key}"))}; "
            + $"slowest refusal {slowest.TotalMilliseconds:0} ms; first command taken {resumedAfter.TotalMilliseconds:0} ms after the space returned; "
            + $"integrity_check ok; acknowledged events lost: {lost} of {acknowledged}");
    }
}
