using Microsoft.Data.Sqlite;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>The backup of a SQLite store that a running store writes to, and the restore of that copy (docs/operations.md).</summary>
public sealed class SqliteBackupTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"regiolab-backup-{Guid.NewGuid():N}");

    private string Live => Path.Combine(directory, "live", "regiolab.db");

    private string Copy => Path.Combine(directory, "backups", "regiolab-copy.db");

    [Fact]
    public async Task A_copy_taken_while_a_store_writes_opens_as_a_store_with_every_log_whole_and_plays_on()
    {
        const int Streams = 12;
        var streams = Enumerable.Range(1, Streams).Select(t => $"{Guid.NewGuid():N}/{t}").ToArray();
        var heads = new long[Streams];
        BackupReport report;
        await using (var live = new SqliteStore(new SqliteStorageOptions { Path = Live }))
        {
            foreach (var stream in streams)
            {
                await live.WriteAsync("session", stream, "{}", 0);
            }

            using var stop = new CancellationTokenSource();
            var writers = streams.Select((stream, i) => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    heads[i] = await live.AppendAsync(stream, heads[i], [new SeatTaken((int)heads[i], $"Speler {heads[i]}")], $"c{heads[i]}");
                }
            })).ToArray();

            // Wait until the logs are well under way, so the copy lands in the middle of the writing.
            while (heads.Min() < 20)
            {
                await Task.Delay(10);
            }

            report = await Task.Run(() => SqliteBackup.Copy(Live, Copy));
            var atCopy = heads.ToArray();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            Assert.True(heads.Sum() > atCopy.Sum(), "the store kept writing after the copy");
        }

        Assert.Equal(Path.GetFullPath(Copy), report.To);
        Assert.Equal(1, report.SchemaVersion);
        Assert.Equal(Streams, report.Sessions);
        Assert.Equal(Streams, report.Documents);
        Assert.False(File.Exists(Copy + "-wal"), "the copy is one file");
        Assert.False(File.Exists(Copy + ".partial"));

        // Restore: the copy is the database of a new store, which reads every log and appends to each.
        var restored = Path.Combine(directory, "restored", "regiolab.db");
        Assert.Equal(report.Events, SqliteBackup.Restore(Copy, restored).Events);
        await using var store = new SqliteStore(new SqliteStorageOptions { Path = restored });
        long events = 0;
        foreach (var stream in streams)
        {
            var log = await store.ReadAsync(stream);
            Assert.True(log.Count >= 20);
            Assert.Equal(Enumerable.Range(1, log.Count).Select(v => (long)v), log.Select(e => e.Version));
            Assert.Equal(log.Count + 1, await store.AppendAsync(stream, log.Count, [new SeatLeft(0)], "after-restore"));
            Assert.Equal("after-restore", (await store.ReadAsync(stream, log.Count)).Single().CommandId);
            Assert.NotNull(await store.ReadAsync("session", stream));
            events += log.Count;
        }

        Assert.Equal(report.Events, events);
    }

    [Fact]
    public void A_backup_never_overwrites_and_refuses_a_file_that_is_not_a_store()
    {
        Directory.CreateDirectory(directory);
        var existing = Path.Combine(directory, "exists.db");
        File.WriteAllText(existing, "keep me");
        var notAStore = Path.Combine(directory, "other.db");
        using (var connection = new SqliteConnection($"Data Source={notAStore};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x)";
            command.ExecuteNonQuery();
        }

        Assert.Contains("exists already", Assert.Throws<IOException>(() => SqliteBackup.Copy(notAStore, existing)).Message, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(existing));
        Assert.Contains("not a RegioLab store", Assert.Throws<IOException>(() => SqliteBackup.Copy(notAStore, Copy)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Copy));
        Assert.Contains("no database file", Assert.Throws<IOException>(() => SqliteBackup.Copy(Path.Combine(directory, "missing.db"), Copy)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_refuses_a_place_where_an_old_write_ahead_log_would_spoil_it()
    {
        await using (var live = new SqliteStore(new SqliteStorageOptions { Path = Live }))
        {
            await live.AppendAsync("w/1", 0, [new SeatTaken(0, "Anna")], null);
        }

        SqliteBackup.Copy(Live, Copy);
        var target = Path.Combine(directory, "target", "regiolab.db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target + "-wal", "an old log");

        Assert.Contains("-wal exists", Assert.Throws<IOException>(() => SqliteBackup.Restore(Copy, target)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
        File.Delete(target + "-wal");
        Assert.Equal(1, SqliteBackup.Restore(Copy, target).Events);
        Assert.Contains("exists already", Assert.Throws<IOException>(() => SqliteBackup.Restore(Copy, target)).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
