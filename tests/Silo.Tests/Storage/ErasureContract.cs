using Microsoft.Data.Sqlite;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>
/// Deleting personal data (docs/privacy.md), on each real engine: an erasure takes the rows out of the
/// database, as a query of the tables themselves shows, and leaves everything else as it was.
/// </summary>
public abstract class ErasureContract : IAsyncLifetime
{
    private SqlStore? store;

    internal SqlStore Store => store ?? throw new InvalidOperationException("the store is opened before each test");

    internal abstract SqlStore OpenStore();

    /// <summary>The number a query of the engine's own tables gives, past the store.</summary>
    protected abstract Task<long> CountAsync(string sql);

    public Task InitializeAsync()
    {
        store = OpenStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_erased_workshop_leaves_no_row_of_its_logs_or_documents_and_the_other_workshop_keeps_all_of_its()
    {
        var (gone, kept) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        foreach (var workshop in new[] { gone, kept })
        {
            await Store.AppendAsync($"{workshop}/1", 0, [new SeatTaken(0, "Anna"), new ReflectionGiven(0, "alderman", 1, "machteloos", "veel overleg")], "c1");
            await Store.AppendAsync($"{workshop}/2", 0, [new SeatTaken(0, "Bo")], "c2");
            await Store.WriteAsync("workshop", workshop, """{"players":[{"name":"Anna"}]}""", 0);
            await Store.WriteAsync("session", $"{workshop}/1", "{}", 0);
            await Store.WriteAsync("session", $"{workshop}/2", "{}", 0);
            await Store.WriteAsync("join-code", $"C{workshop[..5]}", $$"""{"workshopId":"{{workshop}}"}""", 0);
        }

        var rows = await Store.EraseAsync(new Erasure(
            [$"{gone}/1", $"{gone}/2", $"{gone}/3"],
            [new("workshop", gone), new("session", $"{gone}/1"), new("session", $"{gone}/2"), new("join-code", $"C{gone[..5]}")]));

        Assert.Equal(3 + 4, rows);
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{gone}%'"));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM documents WHERE id LIKE '%{gone}%' OR json LIKE '%{gone}%' OR id = 'C{gone[..5]}'"));
        Assert.Equal(3, await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{kept}%'"));
        Assert.Equal(4, await CountAsync($"SELECT COUNT(*) FROM documents WHERE id LIKE '%{kept}%' OR json LIKE '%{kept}%'"));
        Assert.Empty(await Store.ReadAsync($"{gone}/1"));
        Assert.Null(await Store.ReadAsync("workshop", gone));
        Assert.Equal(2, (await Store.ReadAsync($"{kept}/1")).Count);
    }

    [Fact]
    public async Task A_writer_that_still_holds_an_erased_log_can_not_write_it_back()
    {
        var stream = $"{Guid.NewGuid():N}/1";
        var head = await Store.AppendAsync(stream, 0, [new SeatTaken(0, "Anna"), new SeatTaken(1, "Bo")], null);
        await Store.WriteAsync("workshop", stream, "{}", 0);

        await Store.EraseAsync(new Erasure([stream], [new("workshop", stream)]));

        // A table activation that has not let go yet appends at the version it knew: the log is not there.
        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync(stream, head, [new SeatLeft(0)], null));
        Assert.Equal(0, conflict.Actual);
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.WriteAsync("workshop", stream, "{}", 1));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM events WHERE stream = '{stream}'"));
    }

    [Fact]
    public async Task Erasing_what_is_not_there_deletes_nothing_and_succeeds()
    {
        Assert.Equal(0, await Store.EraseAsync(new Erasure([$"{Guid.NewGuid():N}/1"], [new("workshop", Guid.NewGuid().ToString("N"))])));
    }

    [Fact]
    public async Task Every_document_of_a_kind_is_listed_with_its_etag_and_no_other_kind()
    {
        var kind = $"kind-{Guid.NewGuid():N}";
        await Store.WriteAsync(kind, "a", "{\"n\":1}", 0);
        await Store.WriteAsync(kind, "a", "{\"n\":2}", 1);
        await Store.WriteAsync(kind, "b", "{\"n\":3}", 0);
        await Store.WriteAsync($"{kind}-other", "c", "{}", 0);

        var all = await Store.ReadAllAsync(kind);

        Assert.Equal([("a", "{\"n\":2}", 2L), ("b", "{\"n\":3}", 1L)], all.Select(d => (d.Id, d.Document.Json, d.Document.Etag)));
    }
}

/// <summary>The erasure on a real SQLite file.</summary>
public sealed class SqliteErasureTests(TemporarySqliteFile file) : ErasureContract, IClassFixture<TemporarySqliteFile>
{
    internal override SqlStore OpenStore() => new SqliteStore(new SqliteStorageOptions { Path = file.Path });

    protected override async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_erased_names_are_not_left_in_the_database_file()
    {
        var name = $"Zwaantje{Guid.NewGuid():N}";
        var stream = $"{Guid.NewGuid():N}/1";
        await Store.AppendAsync(stream, 0, [new SeatTaken(0, name)], null);
        await Store.EraseAsync(new Erasure([stream], []));

        // Past SQLite: the bytes of the file and its WAL, after the WAL was copied back in.
        await Store.DisposeAsync();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.Path, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var bytes = await File.ReadAllBytesAsync(file.Path);
        Assert.DoesNotContain(name, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        await InitializeAsync();
    }
}

/// <summary>The erasure on a real PostgreSQL server, in a schema of its own.</summary>
public sealed class PostgresErasureTests(PostgresTestSchema schema) : ErasureContract, IClassFixture<PostgresTestSchema>
{
    internal override SqlStore OpenStore() => new PostgresStore(schema.ConnectionString);

    protected override async Task<long> CountAsync(string sql) => Convert.ToInt64(await schema.ScalarAsync(sql));
}
