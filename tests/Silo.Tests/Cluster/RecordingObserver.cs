using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>Records the events pushed to it.</summary>
internal sealed class RecordingObserver : ITableObserver
{
    private readonly Lock gate = new();
    private readonly List<LoggedEvent> events = [];
    private readonly List<TableUpdate> updates = [];

    public IReadOnlyList<LoggedEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    /// <summary>Every push as it came.</summary>
    public IReadOnlyList<TableUpdate> Updates
    {
        get
        {
            lock (gate)
            {
                return [.. updates];
            }
        }
    }

    /// <summary>While true, every push fails as a push to a host that is gone does, and is counted in <see cref="Failed"/>.</summary>
    public bool Failing { get; set; }

    /// <summary>How many pushes failed.</summary>
    public int Failed => Volatile.Read(ref failed);

    private int failed;

    public Task OnTableUpdated(TableUpdate update)
    {
        if (Failing)
        {
            Interlocked.Increment(ref failed);
            throw new InvalidOperationException("this host is gone");
        }

        lock (gate)
        {
            events.AddRange(update.Events);
            updates.Add(update);
        }

        return Task.CompletedTask;
    }

    /// <summary>Waits (up to 10 s) until every version from <paramref name="from"/> to <paramref name="version"/> has come, in any order.</summary>
    public async Task WaitForAsync(long from, long version)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (Events.Select(e => e.Version).Where(v => v >= from && v <= version).Distinct().Count() < version - from + 1 && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
    }
}
