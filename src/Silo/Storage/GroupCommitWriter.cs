using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The one writer of a store. A durable commit costs an fsync, so one commit per append caps a store
/// at a few hundred appends a second; instead this loop takes every write that is waiting (up to
/// <see cref="MaxBatch"/>), runs them in one transaction and commits once. A conflict undoes only its
/// own write: an engine with batches (PostgreSQL) sends the whole group as one batch whose statements
/// each check their own version (<see cref="SqlStore.TryApplyInOneRoundTripAsync"/>); otherwise, or
/// when the server refused a statement of that batch, each write runs inside its own savepoint. Each
/// caller then gets its own answer. If the transaction itself fails, every write of the batch fails
/// with <see cref="StoreUnavailableException"/> and none of it is visible; the loop reopens its
/// connection and goes on with the next batch. Batch sizes, commit and queue times and failures are
/// measured (<see cref="StoreMetrics"/>).
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private const string Savepoint = "write";

    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqlStore store;
    private readonly TimeProvider time;
    private readonly Task loop;
    private WriterSession? session;

    public GroupCommitWriter(SqlStore store, TimeProvider time)
    {
        this.store = store;
        this.time = time;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Queues the write; the task completes after the batch it lands in has committed (or failed).</summary>
    public Task<long> WriteAsync(PendingWrite write)
    {
        if (!queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqlStore), $"the store for the {store.Location} is closed");
        }

        return write.Outcome;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        StoreMetrics.Started(store.Engine);
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var write))
            {
                // A caller that gave up before its write started gets a cancellation, not a write.
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Cancel();
                }
                else
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }

        await CloseSessionAsync();
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var write in batch)
        {
            StoreMetrics.Queued(store.Engine, Stopwatch.GetElapsedTime(write.QueuedAt, started));
        }

        var outcomes = new WriteOutcome[batch.Count];
        var committing = false;
        DbTransaction? transaction = null;
        try
        {
            if (session is null)
            {
                var connection = await store.OpenWriterConnectionAsync();
                session = new WriterSession(connection, await store.ServerOfAsync(connection));
            }

            var now = ToMicroseconds(time.GetUtcNow());
            transaction = await session.Connection.BeginTransactionAsync();
            session.Enlist(transaction);
            var oneRoundTrip = await store.TryApplyInOneRoundTripAsync(session.Connection, transaction, batch, now, outcomes);
            if (oneRoundTrip != OneRoundTrip.Applied)
            {
                // Either the engine has no batches (SQLite: no round trips to save) or the server refused
                // one statement of the batch, which aborts the whole transaction: then the writes go again,
                // one savepoint each, so that only the refused one fails.
                if (oneRoundTrip == OneRoundTrip.Refused)
                {
                    await transaction.DisposeAsync();
                    transaction = await session.Connection.BeginTransactionAsync();
                    session.Enlist(transaction);
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i] = await ApplyAsync(batch[i], transaction, session, now);
                }
            }

            committing = true;
            await transaction.CommitAsync();
        }
        catch (Exception error)
        {
            // The transaction is gone: rolled back, so nothing of the batch is visible - unless the
            // connection broke during the COMMIT itself, when the server may have committed it.
            // A fresh connection serves the next batch.
            var server = session?.Server;
            await DisposeQuietlyAsync(transaction);
            await CloseSessionAsync();
            var reason = error is StoreUnavailableException ? error.Message : $"{error.Message} ({store.Location})";
            var unknown = committing && store.LeavesOutcomeUnknown(error);
            var settled = true;
            if (unknown)
            {
                try
                {
                    // Whoever reads the log next must see the commit's final outcome.
                    await store.FenceAsync(server);
                }
                catch (Exception fenceError)
                {
                    settled = false;
                    reason = $"{reason}; and the server could not be made to finish it ({fenceError.Message}), so a read may not yet show it";
                }
            }

            StoreMetrics.Committed(store.Engine, batch.Count, Stopwatch.GetElapsedTime(started), unknown ? StoreMetrics.OutcomeUnknown : StoreMetrics.Unavailable);
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                if (unknown && outcomes[i].Failure is { } known)
                {
                    // Not made inside the transaction (a conflict, or undone at its savepoint): not made, whatever the commit did.
                    write.Fail(known);
                }
                else
                {
                    write.Fail(unknown
                        ? new StoreOutcomeUnknownException(write.Failure($"the connection broke during the commit, which may have been made: {reason}"), error, settled)
                        : new StoreUnavailableException(write.Failure(reason), error));
                }
            }

            return;
        }

        await DisposeQuietlyAsync(transaction);
        StoreMetrics.Committed(store.Engine, batch.Count, Stopwatch.GetElapsedTime(started), StoreMetrics.Success);
        for (var i = 0; i < batch.Count; i++)
        {
            StoreMetrics.Written(store.Engine, outcomes[i].Failure);
            outcomes[i].Deliver(batch[i]);
        }
    }

    private async Task<WriteOutcome> ApplyAsync(PendingWrite write, DbTransaction transaction, WriterSession session, DateTimeOffset now)
    {
        await transaction.SaveAsync(Savepoint);
        Exception failure;
        try
        {
            var result = await write.ApplyAsync(session, now);
            await transaction.ReleaseAsync(Savepoint);
            return new WriteOutcome(result, null);
        }
        catch (StoreConflictException conflict)
        {
            failure = conflict;
        }
        catch (DbException error)
        {
            failure = error;
        }

        // Only this write is undone; the writes before and after it in the batch stand.
        await transaction.RollbackAsync(Savepoint);
        await transaction.ReleaseAsync(Savepoint);
        return failure switch
        {
            DbException error when store.IsUniqueViolation(error) =>
                new WriteOutcome(0, new StoreConflictException(write.Key, write.Expected, await write.ReadActualAsync(session))),
            DbException error => new WriteOutcome(0, new StoreUnavailableException(write.Failure($"{error.Message} ({store.Location})"), error)),
            _ => new WriteOutcome(0, failure),
        };
    }

    private async Task CloseSessionAsync()
    {
        if (session is null)
        {
            return;
        }

        try
        {
            await session.DisposeAsync();
        }
        catch (Exception)
        {
            // A broken connection may complain on close in any number of ways; it is dropped either
            // way, and the loop must outlive it.
        }

        session = null;
    }

    private static async Task DisposeQuietlyAsync(DbTransaction? transaction)
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            await transaction.DisposeAsync();
        }
        catch (Exception)
        {
            // Disposing rolls back what did not commit; on a broken connection that may throw, and the
            // connection is dropped anyway.
        }
    }

    /// <summary>PostgreSQL keeps microseconds; rounding here makes every engine give back the time it was given.</summary>
    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}

/// <summary>What one write of a batch came to: its new version or etag, or why it was not made.</summary>
internal readonly record struct WriteOutcome(long Result, Exception? Failure)
{
    public void Deliver(PendingWrite write)
    {
        if (Failure is null)
        {
            write.Complete(Result);
        }
        else
        {
            write.Fail(Failure);
        }
    }
}

/// <summary>What became of a group commit sent as one batch.</summary>
internal enum OneRoundTrip
{
    /// <summary>The engine has no such batch; the transaction is untouched.</summary>
    NotBatched,

    /// <summary>Every write has its outcome; the transaction is ready to commit.</summary>
    Applied,

    /// <summary>The server refused a statement, which aborted the transaction: it is rolled back.</summary>
    Refused,
}
