using System.Collections.Immutable;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>A write waiting for the <see cref="GroupCommitWriter"/>, and the caller's answer once its batch is done.</summary>
internal abstract class PendingWrite(CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<long> outcome = new();

    // Callers never resume on the writer's loop. A grain awaits under its activation's scheduler,
    // which never runs a continuation inline on another thread: completing here posts it there, one
    // hop instead of a hop to the pool and then one to the grain (about 0.4 ms at p50 under load;
    // docs/benchmarks.md). Any other caller is completed from the thread pool.
    private readonly bool resumesOnItsScheduler = TaskScheduler.Current != TaskScheduler.Default;

    public Task<long> Outcome => outcome.Task;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>When the write was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the queue-wait metric.</summary>
    public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>The stream or document, as a conflict names it.</summary>
    public abstract string Key { get; }

    /// <summary>The version or etag the caller read.</summary>
    public abstract long Expected { get; }

    /// <summary>Writes inside the batch's transaction and returns the new version; throws <see cref="StoreConflictException"/> when the caller's read is stale.</summary>
    public abstract Task<long> ApplyAsync(WriterSession session, DateTimeOffset now);

    /// <summary>The version there really is, after another writer won.</summary>
    public abstract Task<long> ReadActualAsync(WriterSession session);

    /// <summary>The message a storage failure gives this caller.</summary>
    public abstract string Failure(string reason);

    public void Complete(long result) => Settle(o => o.TrySetResult(result));

    public void Fail(Exception error) => Settle(o => o.TrySetException(error));

    public void Cancel() => Settle(o => o.TrySetCanceled(CancellationToken));

    private void Settle(Action<TaskCompletionSource<long>> settle)
    {
        if (resumesOnItsScheduler)
        {
            settle(outcome);
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(s => s.settle(s.outcome), (settle, outcome), preferLocal: false);
        }
    }
}

/// <summary>Events appended to a stream after the version the caller read.</summary>
internal sealed class PendingAppend(string stream, long expectedVersion, ImmutableArray<EventRow> events, string? commandId, CancellationToken cancellationToken)
    : PendingWrite(cancellationToken)
{
    public string Stream => stream;

    public ImmutableArray<EventRow> Events => events;

    public string? CommandId => commandId;

    public override string Key => stream;

    public override long Expected => expectedVersion;

    public override async Task<long> ApplyAsync(WriterSession session, DateTimeOffset now)
    {
        var head = await session.ReadHeadAsync(stream);
        if (head != expectedVersion)
        {
            throw new StoreConflictException(stream, expectedVersion, head);
        }

        for (var i = 0; i < events.Length; i++)
        {
            await session.InsertEventAsync(stream, expectedVersion + 1 + i, events[i], commandId, now);
        }

        return expectedVersion + events.Length;
    }

    public override Task<long> ReadActualAsync(WriterSession session) => session.ReadHeadAsync(stream);

    public override string Failure(string reason) => $"could not append to session {stream}: {reason}";
}

/// <summary>A document written over the etag the caller read (0: it does not exist yet).</summary>
internal sealed class PendingDocumentWrite(string kind, string id, string json, long expectedEtag, CancellationToken cancellationToken)
    : PendingWrite(cancellationToken)
{
    public string Kind => kind;

    public string Id => id;

    public string Json => json;

    public override string Key => $"{kind}/{id}";

    public override long Expected => expectedEtag;

    public override async Task<long> ApplyAsync(WriterSession session, DateTimeOffset now)
    {
        if (expectedEtag == 0)
        {
            // An existing document makes this a unique violation, which the writer turns into a conflict.
            await session.InsertDocumentAsync(kind, id, json, now);
            return 1;
        }

        if (await session.UpdateDocumentAsync(kind, id, json, expectedEtag, now))
        {
            return expectedEtag + 1;
        }

        throw new StoreConflictException(Key, expectedEtag, await ReadActualAsync(session));
    }

    public override async Task<long> ReadActualAsync(WriterSession session) => await session.ReadEtagAsync(kind, id) ?? 0;

    public override string Failure(string reason) => $"could not write document {kind}/{id}: {reason}";
}

/// <summary>Streams and documents deleted in one transaction: all of them, or none.</summary>
internal sealed class PendingErasure(Erasure erasure, CancellationToken cancellationToken) : PendingWrite(cancellationToken)
{
    public Erasure Erasure => erasure;

    public override string Key => "erasure";

    public override long Expected => 0;

    public override async Task<long> ApplyAsync(WriterSession session, DateTimeOffset now)
    {
        long rows = 0;
        foreach (var stream in erasure.Streams)
        {
            rows += await session.DeleteStreamAsync(stream);
        }

        foreach (var document in erasure.Documents)
        {
            rows += await session.DeleteDocumentAsync(document.Kind, document.Id);
        }

        return rows;
    }

    // An erasure states no version, so no other writer can make it stale.
    public override Task<long> ReadActualAsync(WriterSession session) => Task.FromResult(0L);

    public override string Failure(string reason) => $"could not erase {erasure.Streams.Length} sessions and {erasure.Documents.Length} documents: {reason}";
}
