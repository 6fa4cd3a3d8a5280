using System.Collections.Immutable;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>A document by its kind and id ("workshop", "3f2c…").</summary>
internal sealed record DocumentKey(string Kind, string Id);

/// <summary>What one erasure removes from the store: whole streams (every event) and documents.</summary>
internal sealed record Erasure(ImmutableArray<string> Streams, ImmutableArray<DocumentKey> Documents);

/// <summary>
/// What deleting personal data needs of the store (docs/privacy.md): every document of a kind, to find
/// what is due for deletion, and an erasure that really removes the rows. The log is otherwise never
/// rewritten; an erasure takes a workshop's logs away whole, it never edits one.
/// </summary>
internal interface IErasableStore
{
    /// <summary>Every document of <paramref name="kind"/>, by id.</summary>
    Task<IReadOnlyList<(string Id, StoredDocument Document)>> ReadAllAsync(string kind, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the streams and documents in one transaction and returns how many rows went; what does
    /// not exist is skipped. Throws <see cref="StoreUnavailableException"/> when nothing was deleted.
    /// </summary>
    Task<long> EraseAsync(Erasure erasure, CancellationToken cancellationToken = default);
}
