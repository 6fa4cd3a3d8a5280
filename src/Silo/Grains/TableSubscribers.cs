using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>
/// The web hosts subscribed to one table. A subscription lasts one <see cref="ObserverLease.Expiry"/>
/// from its last renewal, and ends sooner when a push to it fails (<see cref="DropAfterFailure"/>):
/// a host that died is no longer pushed to from its first failed push on, instead of for the rest of
/// its lease with every push logged as a failure. A host that is alive after all subscribes again at
/// its next renewal and catches up. Lives in the table grain's turn, so needs no lock.
/// </summary>
internal sealed class TableSubscribers(TimeSpan lease)
{
    private readonly Dictionary<ITableObserver, DateTimeOffset> renewed = [];

    public int Count => renewed.Count;

    public void Subscribe(ITableObserver observer, DateTimeOffset now) => renewed[observer] = now;

    public void Unsubscribe(ITableObserver observer) => renewed.Remove(observer);

    /// <summary>The subscribers whose lease has not run out; the others are dropped.</summary>
    public IReadOnlyList<ITableObserver> Current(DateTimeOffset now)
    {
        foreach (var expired in renewed.Where(s => now - s.Value >= lease).Select(s => s.Key).ToList())
        {
            renewed.Remove(expired);
        }

        return [.. renewed.Keys];
    }

    /// <summary>
    /// Drops a subscriber a push sent at <paramref name="sentAt"/> could not reach, unless it renewed
    /// after that push was sent (the failure is then older than the subscription). True when dropped.
    /// </summary>
    public bool DropAfterFailure(ITableObserver observer, DateTimeOffset sentAt)
    {
        if (!renewed.TryGetValue(observer, out var at) || at > sentAt)
        {
            return false;
        }

        return renewed.Remove(observer);
    }
}
