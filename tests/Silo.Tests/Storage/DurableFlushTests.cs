using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>
/// SQLite with synchronous=full: the writer commits without syncing and the store fsyncs the WAL
/// itself. Nobody may be answered before the flush that covers their commit, and a flush must not
/// hold up the next batch's commit. A real SQLite file; the flush is the real one, watched.
/// </summary>
public sealed class DurableFlushTests : IDisposable
{
    private readonly TemporarySqliteFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task An_append_is_answered_only_after_a_flush_of_the_wal_and_the_next_batch_commits_meanwhile()
    {
        await using var store = new WatchedStore(file.Path);
        var (first, second) = ($"first-{Guid.NewGuid():N}", $"second-{Guid.NewGuid():N}");
        await store.AppendAsync(first, 0, [new SeatTaken(0, "Ann")], null);
        var before = store.Flushes;

        store.Hold();
        var held = store.AppendAsync(first, 1, [new SeatTaken(1, "Bo")], null);
        await store.FlushStarted.WaitAsync(TimeSpan.FromSeconds(10));

        // The writer does not wait for the flush: the next batch commits (a reader sees it) ...
        var next = store.AppendAsync(second, 0, [new SeatTaken(0, "Cas")], null);
        await WaitUntilAsync(async () => (await store.ReadAsync(second)).Count == 1);

        // ... but neither caller is answered while the flush is under way.
        await Task.Delay(100);
        Assert.False(held.IsCompleted);
        Assert.False(next.IsCompleted);

        store.Release();
        Assert.Equal(2, await held);
        Assert.Equal(1, await next);
        Assert.True(store.Flushes >= before + 2, $"{store.Flushes - before} flushes for two batches");
        Assert.True(File.Exists(file.Path + "-wal"));
    }

    [Fact]
    public async Task A_failed_flush_fails_the_appends_it_covers_and_the_store_goes_on()
    {
        await using var store = new WatchedStore(file.Path);
        var stream = $"s-{Guid.NewGuid():N}";
        await store.AppendAsync(stream, 0, [new SeatTaken(0, "Ann")], null);

        store.FailNext();
        var failed = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.AppendAsync(stream, 1, [new SeatTaken(1, "Bo")], null));
        Assert.Contains("could not be flushed to disk", failed.Message);
        Assert.Contains(file.Path, failed.Message);

        // The next write goes through and is flushed.
        var flushes = store.Flushes;
        Assert.Equal(1, await store.WriteAsync("workshop", stream, "{}", 0));
        Assert.True(store.Flushes > flushes);
    }

    [Fact]
    public async Task With_synchronous_normal_nothing_is_flushed_by_the_store()
    {
        await using var store = new WatchedStore(file.Path, SqliteSynchronous.Normal);
        var stream = $"s-{Guid.NewGuid():N}";
        for (var version = 0; version < 5; version++)
        {
            await store.AppendAsync(stream, version, [new SeatTaken(version, $"P{version}")], null);
        }

        Assert.Equal(0, store.Flushes);
        Assert.Equal(5, (await store.ReadAsync(stream)).Count);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not come true within 10 s");
            await Task.Delay(5);
        }
    }

    /// <summary>A SQLite store whose WAL flushes can be counted, held up, or made to fail once.</summary>
    private sealed class WatchedStore(string path, SqliteSynchronous synchronous = SqliteSynchronous.Full)
        : SqliteStore(new SqliteStorageOptions { Path = path, Synchronous = synchronous })
    {
        private readonly ManualResetEventSlim open = new(initialState: true);
        private TaskCompletionSource flushHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int flushes;
        private int failNext;

        public int Flushes => Volatile.Read(ref flushes);

        /// <summary>Completes when a flush has started and is being held.</summary>
        public Task FlushStarted => flushHeld.Task;

        public void Hold()
        {
            flushHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.Reset();
        }

        public void Release() => open.Set();

        public void FailNext() => Interlocked.Exchange(ref failNext, 1);

        internal override LogFile? OpenLogFile() => base.OpenLogFile() is { } wal ? new WatchedLogFile(wal.Path, this) : null;

        private sealed class WatchedLogFile(string path, WatchedStore store) : LogFile(path)
        {
            public override void Flush()
            {
                if (!store.open.IsSet)
                {
                    store.flushHeld.TrySetResult();
                    store.open.Wait(TimeSpan.FromSeconds(30));
                }

                if (Interlocked.Exchange(ref store.failNext, 0) == 1)
                {
                    throw new IOException("Input/output error (simulated)");
                }

                base.Flush();
                Interlocked.Increment(ref store.flushes);
            }
        }
    }
}
