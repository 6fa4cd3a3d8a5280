using System.Collections.Concurrent;
using System.Diagnostics;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Bench.Durable;

/// <summary>
/// For <c>--breakdown</c>: the silo's event store, wrapped so that each append's start and end are
/// kept, keyed by stream and expected version. A table driver finds its own command's append by
/// that key and so splits the command's latency into the time before the append (dispatch to the
/// grain, decide, JSON), the append (queue of the group-commit writer, its transaction and fsync)
/// and the time after it (evolve, the answer's way back).
/// </summary>
internal sealed class TimedEventStore(IEventStore inner) : IEventStore
{
    private readonly ConcurrentDictionary<(string Stream, long Expected), (long Start, long End)> appends = new();

    public async Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<TableEvent> events, string? commandId, CancellationToken cancellationToken = default)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await inner.AppendAsync(stream, expectedVersion, events, commandId, cancellationToken);
        }
        finally
        {
            appends[(stream, expectedVersion)] = (start, Stopwatch.GetTimestamp());
        }
    }

    public Task<IReadOnlyList<RecordedEvent>> ReadAsync(string stream, long afterVersion = 0, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(stream, afterVersion, cancellationToken);

    /// <summary>The append a command of <paramref name="stream"/> made at <paramref name="expectedVersion"/>, forgotten once taken.</summary>
    public (long Start, long End)? Take(string stream, long expectedVersion) =>
        appends.TryRemove((stream, expectedVersion), out var append) ? append : null;
}
