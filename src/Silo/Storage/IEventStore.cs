using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>One event as the store holds it: its number in the stream (1-based), the command that caused it, when it was recorded.</summary>
internal sealed record RecordedEvent(long Version, TableEvent Event, string? CommandId, DateTimeOffset RecordedAt);

/// <summary>
/// The durable, append-only log of every session. Events are numbered per stream from 1;
/// an append states the version it expects the stream to be at, and never overwrites.
/// </summary>
internal interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> after <paramref name="expectedVersion"/> in one transaction and
    /// returns the stream's new version. When the task completes, the events are durable in the sense
    /// the store documents. A stream at another version throws <see cref="StoreConflictException"/>;
    /// a storage failure throws <see cref="StoreUnavailableException"/>; either way nothing was written -
    /// except for <see cref="StoreOutcomeUnknownException"/> (the connection broke during the commit):
    /// then read the stream to know. <paramref name="commandId"/> is kept with every event of the append (for idempotency on reload).
    /// </summary>
    Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<TableEvent> events, string? commandId, CancellationToken cancellationToken = default);

    /// <summary>The events of a stream with a version greater than <paramref name="afterVersion"/>, in order; empty for an unknown stream.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAsync(string stream, long afterVersion = 0, CancellationToken cancellationToken = default);
}

/// <summary>A small JSON document with an etag, for grain state that is not an event log (workshops, join codes, the scenario library).</summary>
internal sealed record StoredDocument(string Json, long Etag);

/// <summary>
/// Durable documents keyed by kind and id, written with optimistic concurrency: a write states the
/// etag it read (0 for "does not exist yet") and gets the new one.
/// </summary>
internal interface IDocumentStore
{
    /// <summary>The document, or null when there is none.</summary>
    Task<StoredDocument?> ReadAsync(string kind, string id, CancellationToken cancellationToken = default);

    /// <summary>Writes the document when its etag is still <paramref name="expectedEtag"/>; returns the new etag. Throws <see cref="StoreConflictException"/> or <see cref="StoreUnavailableException"/>.</summary>
    Task<long> WriteAsync(string kind, string id, string json, long expectedEtag, CancellationToken cancellationToken = default);
}

/// <summary>A write found the stream or document at another version than the writer expected; nothing was written.</summary>
internal sealed class StoreConflictException(string key, long expected, long actual)
    : Exception($"'{key}' is at version {actual}, not {expected} as the writer expected")
{
    public string Key { get; } = key;

    public long Expected { get; } = expected;

    public long Actual { get; } = actual;
}

/// <summary>The storage could not be written or read (disk full, database down); nothing was written, a retry may succeed.</summary>
internal class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The connection broke while the store committed: the write may or may not have been made. Read
/// the stream or document again to know; until then, tell nobody that nothing changed.
/// </summary>
internal sealed class StoreOutcomeUnknownException(string message, Exception? inner = null, bool settled = true) : StoreUnavailableException(message, inner)
{
    /// <summary>
    /// Whether a read from now on shows the write's final outcome. False when the store could not make
    /// sure the broken commit is over (it may still land): then a read that does not find the write
    /// proves nothing, and nobody may be told that nothing changed.
    /// </summary>
    public bool Settled { get; } = settled;
}
