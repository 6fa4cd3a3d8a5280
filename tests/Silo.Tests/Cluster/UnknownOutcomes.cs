using System.Collections.Concurrent;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// The silos' event store, wrapped so a test can make it behave as a connection that breaks during
/// the COMMIT: the append is made (durably, in the real SQLite file) but its caller hears
/// <see cref="StoreOutcomeUnknownException"/>; and, if asked, the read that follows fails too.
/// Streams not named here pass straight through.
/// </summary>
internal sealed class UnknownOutcomes(IEventStore inner) : IEventStore
{
    /// <summary>Streams whose next append is made and then reported as unknown.</summary>
    public static readonly ConcurrentDictionary<string, bool> MadeButUnconfirmed = new(StringComparer.Ordinal);

    /// <summary>Streams whose next append is not made and reported as unknown.</summary>
    public static readonly ConcurrentDictionary<string, bool> LostAndUnconfirmed = new(StringComparer.Ordinal);

    /// <summary>Streams whose next read fails.</summary>
    public static readonly ConcurrentDictionary<string, bool> Unreadable = new(StringComparer.Ordinal);

    /// <summary>Streams whose next append is not made and reported as unknown, by a store that could not make sure the commit is over.</summary>
    public static readonly ConcurrentDictionary<string, bool> LostAndUnsettled = new(StringComparer.Ordinal);

    /// <summary>Streams whose next append throws as a call that timed out: the grain's caller gets an exception, not an answer.</summary>
    public static readonly ConcurrentDictionary<string, bool> CallFails = new(StringComparer.Ordinal);

    public async Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<TableEvent> events, string? commandId, CancellationToken cancellationToken = default)
    {
        if (CallFails.TryRemove(stream, out _))
        {
            throw new TimeoutException($"appending to session {stream} timed out (simulated)");
        }

        if (LostAndUnsettled.TryRemove(stream, out _))
        {
            throw new StoreOutcomeUnknownException($"could not append to session {stream}: the connection broke during the commit, and the server could not be made to finish it (simulated, not made yet)", settled: false);
        }

        if (LostAndUnconfirmed.TryRemove(stream, out _))
        {
            throw new StoreOutcomeUnknownException($"could not append to session {stream}: the connection broke during the commit (simulated, not made)");
        }

        var version = await inner.AppendAsync(stream, expectedVersion, events, commandId, cancellationToken);
        return MadeButUnconfirmed.TryRemove(stream, out _)
            ? throw new StoreOutcomeUnknownException($"could not append to session {stream}: the connection broke during the commit (simulated, made)")
            : version;
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAsync(string stream, long afterVersion = 0, CancellationToken cancellationToken = default) =>
        Unreadable.TryRemove(stream, out _)
            ? throw new StoreUnavailableException($"could not read session {stream} (simulated)")
            : inner.ReadAsync(stream, afterVersion, cancellationToken);
}
