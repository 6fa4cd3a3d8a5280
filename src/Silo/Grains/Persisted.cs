using System.Text.Json;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>A grain's state kept as one JSON document with optimistic concurrency (the etag it last read or wrote).</summary>
internal sealed class Persisted<T>(IDocumentStore documents, string kind, string id)
    where T : class
{
    private long etag;

    public T? Value { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await documents.ReadAsync(kind, id, cancellationToken) is { } stored)
        {
            Value = JsonSerializer.Deserialize<T>(stored.Json, ContractSerialization.Json);
            etag = stored.Etag;
        }
    }

    /// <summary>Stores <paramref name="value"/>; only when that succeeded does it become <see cref="Value"/>.</summary>
    public async Task SaveAsync(T value)
    {
        long written;
        try
        {
            written = await documents.WriteAsync(kind, id, JsonSerializer.Serialize(value, ContractSerialization.Json), etag);
        }
        catch (StoreOutcomeUnknownException unknown)
        {
            written = await SettleAsync(unknown);
        }

        etag = written;
        Value = value;
    }

    /// <summary>
    /// After a write whose outcome is unknown, the stored etag tells: one grain writes its own document,
    /// so etag + 1 is this write and the old etag means it was not made. Anything else stays unknown.
    /// </summary>
    private async Task<long> SettleAsync(StoreOutcomeUnknownException unknown)
    {
        StoredDocument? stored;
        try
        {
            stored = await documents.ReadAsync(kind, id);
        }
        catch (StoreUnavailableException)
        {
            throw unknown;
        }

        return (stored?.Etag ?? 0) switch
        {
            var now when now == etag + 1 => now,
            var now when now == etag && unknown.Settled => throw new StoreUnavailableException($"{unknown.Message}; it was not made", unknown),
            _ => throw unknown,
        };
    }
}
