using Microsoft.Data.Sqlite;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>The store contract on a real SQLite file, fresh for this test class.</summary>
public sealed class SqliteStoreTests(TemporarySqliteFile file) : StoreContract, IClassFixture<TemporarySqliteFile>
{
    internal override SqlStore OpenStore(TimeProvider? time = null) => new SqliteStore(new SqliteStorageOptions { Path = file.Path }, time);

    protected override Task BreakAppendsAsync(string? onlyStream = null, long? onlyVersion = null) =>
        StoreFaults.BreakAppendsAsync(file.Path, onlyStream, onlyVersion);

    protected override Task RepairAppendsAsync() => StoreFaults.RepairAppendsAsync(file.Path);

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await connection.BeginTransactionAsync();
        return connection;
    }

    [Fact]
    public async Task A_write_lock_held_elsewhere_fails_an_append_after_the_busy_timeout_not_after_thirty_seconds()
    {
        var stream = NewStream();
        await Store.ReadAsync(stream);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using (await HoldWriteLockAsync())
        {
            // Microsoft.Data.Sqlite retries a busy file until its command timeout (30 s unless set), past
            // the busy_timeout pragma and past Orleans' 30 s call timeout: the player would hear host_unavailable.
            await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann")], "c-1"));
        }

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12));
        Assert.Empty(await Store.ReadAsync(stream));
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_with_a_schema_version_and_its_directory_was_created()
    {
        await Store.ReadAsync(NewStream());

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; SELECT MAX(version) FROM regiolab_schema;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("wal", reader.GetString(0));
        Assert.True(await reader.NextResultAsync() && await reader.ReadAsync());
        Assert.Equal(1, reader.GetInt64(0));
    }
}

/// <summary>A SQLite file in a directory of its own that does not exist yet; both are deleted afterwards.</summary>
public sealed class TemporarySqliteFile : IDisposable
{
    private readonly string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"regiolab-store-{Guid.NewGuid():N}");

    public TemporarySqliteFile()
    {
        Path = System.IO.Path.Combine(directory, "regiolab.db");
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
