using Npgsql;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>The store contract on a real PostgreSQL server, in a schema of its own. No server is a failure, not a skip.</summary>
public sealed class PostgresStoreTests(PostgresTestSchema schema) : StoreContract, IClassFixture<PostgresTestSchema>
{
    internal override SqlStore OpenStore(TimeProvider? time = null) => new PostgresStore(schema.ConnectionString, time);

    protected override Task BreakAppendsAsync(string? onlyStream = null, long? onlyVersion = null) =>
        StoreFaults.BreakPostgresAppendsAsync(schema.ConnectionString, onlyStream, onlyVersion);

    protected override Task RepairAppendsAsync() => StoreFaults.RepairPostgresAppendsAsync(schema.ConnectionString);

    protected override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        await Store.ReadAsync(NewStream());
        var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE events IN EXCLUSIVE MODE", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    [Fact]
    public async Task Two_stores_appending_different_numbers_of_events_at_one_version_leave_only_the_winners_events()
    {
        var stream = NewStream();
        await using var other = OpenStore();
        await other.ReadAsync(stream);
        Task<Outcome>[] attempts;
        await using (await HoldWriteLockAsync())
        {
            // Both batches read head 0 once the lock goes; the one that inserts second finds some of its
            // versions taken (ON CONFLICT DO NOTHING skips them) and must take back the rest it inserted.
            attempts =
            [
                Attempt("there", () => other.AppendAsync(stream, 0, [new SeatTaken(1, "Ann"), new SeatTaken(2, "Bo")], "there")),
                Attempt("here", () => Store.AppendAsync(stream, 0, [new SeatTaken(1, "Cas"), new SeatTaken(2, "Dirk"), new SeatTaken(3, "Eva")], "here")),
            ];
            await UntilAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", count => count >= 2);
        }

        var outcomes = await Task.WhenAll(attempts);
        var winner = Assert.Single(outcomes, o => o.Error is null);
        var conflict = Assert.IsType<StoreConflictException>(Assert.Single(outcomes, o => o.Error is not null).Error);
        Assert.Equal((0L, winner.Head), (conflict.Expected, conflict.Actual));
        var log = await Store.ReadAsync(stream);
        Assert.Equal(Enumerable.Range(1, (int)winner.Head).Select(v => (long)v), log.Select(e => e.Version));
        Assert.All(log, e => Assert.Equal(winner.Name, e.CommandId));
    }

    [Fact]
    public async Task A_batch_whose_commit_fails_fails_every_write_in_it_and_shows_none_of_it()
    {
        var doomed = NewStream();
        var others = Enumerable.Range(0, 5).Select(_ => NewStream()).ToArray();
        await Store.ReadAsync(doomed);
        // A deferred trigger raises at COMMIT, after every statement of the batch has succeeded.
        await schema.ExecuteAsync($"""
            CREATE FUNCTION refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'commit refused (simulated)'; END $$;
            CREATE CONSTRAINT TRIGGER refuse_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW WHEN (NEW.stream = '{doomed}') EXECUTE FUNCTION refuse_commit();
            """);
        Task<Outcome>[] attempts;
        try
        {
            await using (await HoldWriteLockAsync())
            {
                var stalled = Attempt("stalled", () => Store.AppendAsync(NewStream(), 0, [new SeatTaken(1, "Ann")], null));

                // The writer has taken the stalled write into a batch of its own once it waits for the lock.
                await UntilAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", count => count > 0);
                attempts =
                [
                    stalled,
                    .. others.Select(s => Attempt("batch", () => Store.AppendAsync(s, 0, [new SeatTaken(1, "Ann")], null))),
                    Attempt("batch", () => Store.AppendAsync(doomed, 0, [new SeatTaken(1, "Ann")], null)),
                    Attempt("batch", () => Store.WriteAsync("workshop", doomed, "{}", 0)),
                ];
                await Task.Delay(100);
            }

            var outcomes = (await Task.WhenAll(attempts)).ToLookup(o => o.Name);

            Assert.Equal(1, Assert.Single(outcomes["stalled"]).Head);
            Assert.All(outcomes["batch"], o => Assert.IsType<StoreUnavailableException>(o.Error));
            Assert.Contains("commit refused (simulated)", outcomes["batch"].First().Error!.Message);
            foreach (var stream in others.Append(doomed))
            {
                Assert.Empty(await Store.ReadAsync(stream));
            }

            Assert.Null(await Store.ReadAsync("workshop", doomed));
        }
        finally
        {
            await schema.ExecuteAsync("DROP TRIGGER refuse_commit ON events; DROP FUNCTION refuse_commit();");
        }

        Assert.Equal(1, await Store.AppendAsync(doomed, 0, [new SeatTaken(1, "Ann")], null));
    }

    [Fact]
    public async Task A_commit_whose_answer_is_lost_is_reported_as_unknown_and_the_log_holds_the_truth()
    {
        await using var proxy = ProxyToServer();
        await using var store = Behind(proxy);
        var stream = NewStream();
        Assert.Equal(1, await store.AppendAsync(stream, 0, [new SeatTaken(0, "Ann")], "join-ann"));

        proxy.ArmAtNextCommit();
        var unknown = await Assert.ThrowsAsync<StoreOutcomeUnknownException>(() => store.AppendAsync(stream, 1, [new SeatTaken(1, "Bob")], "join-bob"));
        await proxy.Cut.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains($"could not append to session {stream}", unknown.Message);
        Assert.IsType<StoreUnavailableException>(unknown, exactMatch: false);
        // The server did commit: the log (read past the proxy) has the event, with its command.
        var events = await Store.ReadAsync(stream);
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.Equal("join-bob", events[1].CommandId);

        // The writer goes on with a fresh connection.
        Assert.Equal(3, await store.AppendAsync(stream, 2, [new SeatTaken(2, "Cor")], "join-cor"));
    }

    [Fact]
    public async Task A_commit_cut_while_the_server_is_still_committing_is_over_before_anyone_reads_the_log()
    {
        await using var proxy = ProxyToServer();
        await using var store = Behind(proxy);
        var stream = NewStream();
        Assert.Equal(1, await store.AppendAsync(stream, 0, [new SeatTaken(0, "Ann")], "join-ann"));

        // A deferred trigger makes the server take 30 s over this one commit, after its client is gone.
        await schema.ExecuteAsync("""
            CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(30); RETURN NULL; END $$;
            CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON events DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (NEW.command_id = 'join-slow') EXECUTE FUNCTION slow_commit();
            """);
        try
        {
            proxy.ArmAtNextCommit(waitForAnswer: false);
            await Assert.ThrowsAsync<StoreOutcomeUnknownException>(() => store.AppendAsync(stream, 1, [new SeatTaken(1, "Bob")], "join-slow"));

            // What a table reads to settle the command is what the log holds from then on: the
            // unfinished commit was stopped (no backend sleeps in it any more), not left to land later.
            Assert.Equal(0L, await schema.ScalarAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()"));
            Assert.Equal([1L], (await Store.ReadAsync(stream)).Select(e => e.Version));
        }
        finally
        {
            await schema.ExecuteAsync("DROP TRIGGER slow_commit ON events; DROP FUNCTION slow_commit();");
        }
    }

    /// <summary>Waits (up to 10 s) until a count the server gives satisfies <paramref name="done"/>.</summary>
    private async Task UntilAsync(string countSql, Func<long, bool> done)
    {
        var since = DateTime.UtcNow;
        while (!done(Convert.ToInt64(await schema.ScalarAsync(countSql))))
        {
            Assert.True(DateTime.UtcNow - since < TimeSpan.FromSeconds(10), $"still not so after 10 s: {countSql}");
            await Task.Delay(20);
        }
    }

    /// <summary>A commit-cutting proxy in front of the test server.</summary>
    private CommitCuttingProxy ProxyToServer()
    {
        var direct = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        return new CommitCuttingProxy(direct.Host!, direct.Port);
    }

    /// <summary>A store of the test schema that reaches the server through <paramref name="proxy"/>, on connections of its own.</summary>
    private PostgresStore Behind(CommitCuttingProxy proxy) => new(new NpgsqlConnectionStringBuilder(schema.ConnectionString)
    {
        Host = "127.0.0.1",
        Port = proxy.Port,
        SslMode = SslMode.Disable,
        Pooling = false,
    }.ToString());

    [Fact]
    public async Task A_commit_that_can_not_be_fenced_is_reported_as_unsettled()
    {
        await using var proxy = ProxyToServer();
        await using var store = Behind(proxy);
        var stream = NewStream();
        Assert.Equal(1, await store.AppendAsync(stream, 0, [new SeatTaken(0, "Ann")], "join-ann"));

        // The server can not be reached again to stop the broken commit's backend.
        proxy.ArmAtNextCommit(refuseAfterCut: true);
        var unknown = await Assert.ThrowsAsync<StoreOutcomeUnknownException>(() => store.AppendAsync(stream, 1, [new SeatTaken(1, "Bob")], "join-bob"));

        Assert.False(unknown.Settled);
        Assert.Contains("could not be made to finish it", unknown.Message);
    }

    [Fact]
    public async Task Two_silos_starting_together_create_the_schema_once()
    {
        var fresh = new PostgresTestSchema();
        await fresh.InitializeAsync();
        try
        {
            var stores = Enumerable.Range(0, 4).Select(_ => new PostgresStore(fresh.ConnectionString)).ToArray();
            await Task.WhenAll(stores.Select(s => s.EnsureSchemaAsync()));
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }

            Assert.Equal(1L, await fresh.ScalarAsync("SELECT COUNT(*) FROM regiolab_schema"));
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }
}

/// <summary>
/// A schema of its own on the test server (<see cref="PostgresTestServer"/>: REGIOLAB_TEST_POSTGRES, or
/// the throwaway server of this test run), dropped afterwards, so tests never see each other's tables or triggers.
/// </summary>
public sealed class PostgresTestSchema : IAsyncLifetime
{
    private readonly string name = $"test_{Guid.NewGuid():N}";

    private string server = null!;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(server) { SearchPath = name }.ToString();

    public async Task InitializeAsync()
    {
        server = await PostgresTestServer.ConnectionStringAsync();
        try
        {
            await ExecuteAsync($"CREATE SCHEMA {name}");
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException)
        {
            var host = new NpgsqlConnectionStringBuilder(server) { Password = null };
            var remedy = PostgresTestServer.IsThrowaway
                ? "the tests started it themselves: see its log in the regiolab-pg-* folder under the temp folder"
                : $"check the server, or unset {PostgresTestServer.Variable} to let the tests start one of their own";
            throw new InvalidOperationException($"the PostgreSQL test server ({host}) is unreachable: {error.Message}. {remedy}.", error);
        }
    }

    public async Task DisposeAsync()
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {name} CASCADE");
        await using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
