using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>
/// What every durable store promises, run against the real engine. A subclass says how to open a
/// store on its file or database, and how to make that engine refuse or hold writes.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 4, 12, 0, 0, 123, 456, TimeSpan.Zero);

    private SqlStore? store;

    internal SqlStore Store => store ?? throw new InvalidOperationException("the store is opened before each test");

    /// <summary>A new store instance on the same file or database as every other one of this test class.</summary>
    internal abstract SqlStore OpenStore(TimeProvider? time = null);

    /// <summary>Makes the engine refuse inserts into events: all of them, or only one stream's event at one version.</summary>
    protected abstract Task BreakAppendsAsync(string? onlyStream = null, long? onlyVersion = null);

    protected abstract Task RepairAppendsAsync();

    /// <summary>Holds the engine's write lock until disposed, so writes queue up behind it.</summary>
    protected abstract Task<IAsyncDisposable> HoldWriteLockAsync();

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
    public async Task An_append_reads_back_with_every_field()
    {
        await Store.DisposeAsync();
        store = OpenStore(new FixedClock(Noon));
        var stream = NewStream();
        var events = ImmutableArray.Create<TableEvent>(
            new SeatTaken(1, "Ann"),
            new ActionTaken(1, "alderman", "offer_roof", [new Change("trust_residents", 3), new Change("alderman.budget", -2.5)]));

        var head = await Store.AppendAsync(stream, 0, events, "command-1");
        await Store.AppendAsync(stream, head, [new SeatLeft(1)], null);

        var read = await Store.ReadAsync(stream);
        Assert.Equal(2, head);
        Assert.Equal([1L, 2L, 3L], read.Select(e => e.Version));
        Assert.Equal([.. events.Select(EventJson.Serialize), EventJson.Serialize(new SeatLeft(1))], read.Select(e => EventJson.Serialize(e.Event)));
        Assert.IsType<ActionTaken>(read[1].Event);
        Assert.Equal(["command-1", "command-1", null], read.Select(e => e.CommandId));
        Assert.All(read, e => Assert.Equal(Noon, e.RecordedAt));
    }

    [Fact]
    public async Task Reading_since_a_version_gives_only_the_later_events_and_an_unknown_stream_gives_none()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann"), new SeatTaken(2, "Bo"), new SeatTaken(3, "Cas")], null);

        Assert.Equal([3L], (await Store.ReadAsync(stream, 2)).Select(e => e.Version));
        Assert.Empty(await Store.ReadAsync(stream, 3));
        Assert.Empty(await Store.ReadAsync(NewStream()));
    }

    [Fact]
    public async Task An_append_at_a_stale_version_conflicts_and_writes_nothing()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann"), new SeatTaken(2, "Bo")], null);

        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync(stream, 1, [new SeatTaken(3, "Cas")], null));
        var ahead = await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync(stream, 5, [new SeatTaken(3, "Cas")], null));

        Assert.Equal((stream, 1L, 2L), (conflict.Key, conflict.Expected, conflict.Actual));
        Assert.Equal((5L, 2L), (ahead.Expected, ahead.Actual));
        Assert.Equal(2, (await Store.ReadAsync(stream)).Count);
    }

    [Fact]
    public async Task An_empty_append_returns_the_head_when_it_matches_and_conflicts_when_it_does_not()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann")], null);

        Assert.Equal(1, await Store.AppendAsync(stream, 1, [], null));
        Assert.Equal(0, await Store.AppendAsync(NewStream(), 0, [], null));
        var conflict = await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync(stream, 0, [], null));
        Assert.Equal(1, conflict.Actual);
    }

    [Fact]
    public async Task An_append_cancelled_before_it_starts_writes_nothing()
    {
        var stream = NewStream();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann")], null, new CancellationToken(canceled: true)));

        Assert.Empty(await Store.ReadAsync(stream));
    }

    [Fact]
    public async Task Of_two_appends_at_the_same_version_exactly_one_wins()
    {
        var stream = NewStream();

        var attempts = await Task.WhenAll(
            Attempt("ann", () => Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann")], "ann")),
            Attempt("bo", () => Store.AppendAsync(stream, 0, [new SeatTaken(1, "Bo")], "bo")));

        var winner = Assert.Single(attempts, a => a.Error is null);
        var loser = Assert.Single(attempts, a => a.Error is not null);
        Assert.Equal(1, winner.Head);
        Assert.Equal(1, Assert.IsType<StoreConflictException>(loser.Error).Actual);
        Assert.Equal(winner.Name, Assert.Single(await Store.ReadAsync(stream)).CommandId);
    }

    [Fact]
    public async Task Two_stores_on_the_same_database_never_both_win_the_same_version()
    {
        var stream = NewStream();
        await using var other = OpenStore();
        await other.ReadAsync(stream);

        Task<Outcome>[] attempts;
        await using (await HoldWriteLockAsync())
        {
            // On PostgreSQL both writers read head 0 before either can insert, and the primary key decides;
            // on SQLite the second writer waits for the file lock and then sees head 1.
            attempts =
            [
                Attempt("here", () => Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann")], "here")),
                Attempt("there", () => other.AppendAsync(stream, 0, [new SeatTaken(1, "Bo")], "there")),
            ];
            await Task.Delay(300);
        }

        var outcomes = await Task.WhenAll(attempts);
        var winner = Assert.Single(outcomes, a => a.Error is null);
        Assert.Equal(1, Assert.IsType<StoreConflictException>(Assert.Single(outcomes, a => a.Error is not null).Error).Actual);
        Assert.Equal(winner.Name, Assert.Single(await Store.ReadAsync(stream)).CommandId);
    }

    [Fact]
    public async Task Many_writers_racing_on_many_streams_leave_every_stream_gap_free_with_every_append_once()
    {
        const int Streams = 30, WritersPerStream = 3, AppendsPerWriter = 10;
        var streams = Enumerable.Range(0, Streams).Select(_ => NewStream()).ToArray();

        var writers = streams.SelectMany(stream => Enumerable.Range(1, WritersPerStream).Select(writer => Task.Run(async () =>
        {
            var expected = 0L;
            for (var i = 0; i < AppendsPerWriter; i++)
            {
                while (true)
                {
                    try
                    {
                        expected = await Store.AppendAsync(stream, expected, [new VoteCast(writer, i, "yes"), new VoteCast(writer, i, "no")], $"{writer}.{i}");
                        break;
                    }
                    catch (StoreConflictException conflict)
                    {
                        expected = conflict.Actual;
                    }
                }
            }
        })));
        await Task.WhenAll(writers);

        foreach (var stream in streams)
        {
            var read = await Store.ReadAsync(stream);
            Assert.Equal(Enumerable.Range(1, WritersPerStream * AppendsPerWriter * 2).Select(v => (long)v), read.Select(e => e.Version));
            Assert.Equal(WritersPerStream * AppendsPerWriter, read.Select(e => e.CommandId).Distinct().Count());
            Assert.All(read.Chunk(2), pair => Assert.Equal(pair[0].CommandId, pair[1].CommandId));
        }
    }

    [Fact]
    public async Task A_document_is_created_at_etag_zero_updated_at_its_etag_and_refused_at_a_stale_one()
    {
        var id = NewStream();

        Assert.Null(await Store.ReadAsync("workshop", id));
        Assert.Equal(1, await Store.WriteAsync("workshop", id, """{"name":"a"}""", 0));
        Assert.Equal(2, await Store.WriteAsync("workshop", id, """{"name":"b"}""", 1));
        var stale = await Assert.ThrowsAsync<StoreConflictException>(() => Store.WriteAsync("workshop", id, """{"name":"c"}""", 1));
        var again = await Assert.ThrowsAsync<StoreConflictException>(() => Store.WriteAsync("workshop", id, """{"name":"d"}""", 0));
        var missing = await Assert.ThrowsAsync<StoreConflictException>(() => Store.WriteAsync("workshop", NewStream(), "{}", 3));

        Assert.Equal(new StoredDocument("""{"name":"b"}""", 2), await Store.ReadAsync("workshop", id));
        Assert.Equal(($"workshop/{id}", 1L, 2L), (stale.Key, stale.Expected, stale.Actual));
        Assert.Equal((0L, 2L), (again.Expected, again.Actual));
        Assert.Equal(0, missing.Actual);
        Assert.Null(await Store.ReadAsync("join_code", id));
    }

    [Fact]
    public async Task A_new_store_on_the_same_database_sees_everything_written_before()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann"), new GameEnded("played", 7.5)], "c1");
        await Store.WriteAsync("workshop", stream, "{}", 0);
        await Store.DisposeAsync();

        store = OpenStore();

        Assert.Equal(["c1", "c1"], (await Store.ReadAsync(stream)).Select(e => e.CommandId));
        Assert.Equal(EventJson.Serialize(new GameEnded("played", 7.5)), EventJson.Serialize((await Store.ReadAsync(stream, 1)).Single().Event));
        Assert.Equal(1, (await Store.ReadAsync("workshop", stream))!.Etag);
        Assert.Equal(3, await Store.AppendAsync(stream, 2, [new SeatLeft(1)], null));
    }

    [Fact]
    public async Task When_the_engine_refuses_writes_an_append_fails_as_unavailable_and_succeeds_once_it_accepts_them_again()
    {
        var stream = NewStream();
        await Store.AppendAsync(stream, 0, [new SeatTaken(1, "Ann")], null);

        await BreakAppendsAsync();
        StoreUnavailableException refused;
        try
        {
            refused = await Assert.ThrowsAsync<StoreUnavailableException>(() => Store.AppendAsync(stream, 1, [new SeatTaken(2, "Bo"), new SeatTaken(3, "Cas")], null));

            // The writer lives on: a later batch that does not touch events goes through.
            Assert.Equal(1, await Store.WriteAsync("workshop", stream, "{}", 0));
            Assert.Single(await Store.ReadAsync(stream));
        }
        finally
        {
            await RepairAppendsAsync();
        }

        Assert.StartsWith($"could not append to session {stream}: ", refused.Message);
        Assert.Contains(StoreFaults.Reason, refused.Message);
        Assert.Equal(3, await Store.AppendAsync(stream, 1, [new SeatTaken(2, "Bo"), new SeatTaken(3, "Cas")], null));
    }

    [Fact]
    public async Task In_one_batch_a_conflicting_append_and_a_failing_append_fail_alone_and_the_rest_commit()
    {
        var failing = NewStream();
        var conflicting = NewStream();
        var fine = Enumerable.Range(0, 8).Select(_ => NewStream()).ToArray();
        await BreakAppendsAsync(onlyStream: failing, onlyVersion: 2);
        try
        {
            Task<Outcome>[] attempts;
            await using (await HoldWriteLockAsync())
            {
                // The first append stalls on the lock; everything after it piles up into the next batch.
                var stalled = Attempt("stalled", () => Store.AppendAsync(NewStream(), 0, [new SeatTaken(1, "Ann")], null));
                await Task.Delay(200);
                attempts =
                [
                    stalled,
                    .. fine.Take(4).Select(s => Attempt("fine", () => Store.AppendAsync(s, 0, ThreeSeats(), null))),
                    Attempt("failing", () => Store.AppendAsync(failing, 0, ThreeSeats(), null)),
                    Attempt("conflicting", () => Store.AppendAsync(conflicting, 4, ThreeSeats(), null)),
                    .. fine.Skip(4).Select(s => Attempt("fine", () => Store.AppendAsync(s, 0, ThreeSeats(), null))),
                ];
                await Task.Delay(100);
            }

            var outcomes = (await Task.WhenAll(attempts)).ToLookup(o => o.Name);

            Assert.Equal(1, Assert.Single(outcomes["stalled"]).Head);
            Assert.All(outcomes["fine"], o => Assert.Equal(3, o.Head));
            var failure = Assert.IsType<StoreUnavailableException>(Assert.Single(outcomes["failing"]).Error);
            Assert.Contains(failing, failure.Message);
            var conflict = Assert.IsType<StoreConflictException>(Assert.Single(outcomes["conflicting"]).Error);
            Assert.Equal((4L, 0L), (conflict.Expected, conflict.Actual));
            Assert.Empty(await Store.ReadAsync(failing));
            Assert.Empty(await Store.ReadAsync(conflicting));
            foreach (var stream in fine)
            {
                Assert.Equal([1L, 2L, 3L], (await Store.ReadAsync(stream)).Select(e => e.Version));
            }
        }
        finally
        {
            await RepairAppendsAsync();
        }

        Assert.Equal(3, await Store.AppendAsync(failing, 0, ThreeSeats(), null));
    }

    protected static string NewStream() => $"session-{Guid.NewGuid():N}";

    private static ImmutableArray<TableEvent> ThreeSeats() => [new SeatTaken(1, "Ann"), new SeatTaken(2, "Bo"), new SeatTaken(3, "Cas")];

    /// <summary>Starts the write and keeps its result or its store exception under a name.</summary>
    private protected static async Task<Outcome> Attempt(string name, Func<Task<long>> write)
    {
        try
        {
            return new Outcome(name, await write(), null);
        }
        catch (Exception error) when (error is StoreConflictException or StoreUnavailableException)
        {
            return new Outcome(name, 0, error);
        }
    }

    private protected sealed record Outcome(string Name, long Head, Exception? Error);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
