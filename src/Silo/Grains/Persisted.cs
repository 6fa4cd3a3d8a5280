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
        etag = await documents.WriteAsync(kind, id, JsonSerializer.Serialize(value, ContractSerialization.Json), etag);
        Value = value;
    }
}
