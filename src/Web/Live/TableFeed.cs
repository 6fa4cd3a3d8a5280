using System.Collections.Concurrent;
using System.Collections.Immutable;
using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// The one subscriber of this web host: a single grain observer, subscribed to every table the
/// host serves, renewed periodically (a table that moved to another silo forgets its observers;
/// the renewal finds it again and catches up on what was missed). Each table's events are
/// folded into a <see cref="TableReplica"/>; a gap is filled by asking for everything since.
/// </summary>
public sealed class TableFeed(IGrainFactory grains, RulesCatalog catalog, ILogger<TableFeed> logger) : BackgroundService, ITableObserver
{
    /// <summary>How many tables renew at once: a few calls stuck on a dead silo leave the rest going, without a burst of every table's calls.</summary>
    private const int RenewingAtOnce = 8;

    private readonly ConcurrentDictionary<string, Lazy<Task<Watched>>> watched = new(StringComparer.Ordinal);

    /// <summary>How many tables this host watches.</summary>
    public int WatchedCount => watched.Count;
    private ITableObserver? reference;

    /// <summary>Raised after events were applied to a replica (in order, once each).</summary>
    public event Action<TableReplica, ImmutableArray<LoggedEvent>>? Changed;

    /// <summary>The replica of a table, subscribing to it the first time.</summary>
    public async Task<TableReplica> WatchAsync(string sessionId)
    {
        var entry = watched.GetOrAdd(sessionId, id => new Lazy<Task<Watched>>(() => StartAsync(id)));
        try
        {
            return (await entry.Value).Replica;
        }
        catch
        {
            watched.TryRemove(new KeyValuePair<string, Lazy<Task<Watched>>>(sessionId, entry));
            throw;
        }
    }

    /// <summary>Whether this host holds a replica of the table (or is getting one).</summary>
    public bool IsWatching(string sessionId) => watched.ContainsKey(sessionId);

    /// <summary>
    /// Drops the replicas of a deleted workshop's tables at once: they hold the players' names and
    /// notes, which the erasure took from the store (docs/privacy.md). The tables let go of their
    /// observers when they deactivate, and the renewal no longer finds them here to subscribe again.
    /// A host that did not take the deletion drops them at its next renewal, finding the table gone.
    /// </summary>
    public void Forget(string workshopId)
    {
        foreach (var sessionId in watched.Keys.Where(id => TableIds.Parse(id).WorkshopId == workshopId))
        {
            watched.TryRemove(sessionId, out _);
        }
    }

    /// <summary>Folds events the host learned of itself (say, from a command's result) into the replica.</summary>
    public Task ApplyAsync(string sessionId, ImmutableArray<LoggedEvent> events) =>
        watched.TryGetValue(sessionId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully
            ? ApplyAsync(entry.Value.Result, events)
            : Task.CompletedTask;

    Task ITableObserver.OnTableUpdated(TableUpdate update)
    {
        // Do not block the call that delivered the update: folding may need a read from the table.
        _ = ApplyAsync(update.SessionId, update.Events);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every Renew, each watched table; a table whose renewal failed again after Retry, until it takes.
        var failed = new List<Watched>();
        var next = DateTimeOffset.UtcNow + ObserverLease.Renew;
        using var timer = new PeriodicTimer(ObserverLease.Retry);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            List<Watched> due;
            if (DateTimeOffset.UtcNow >= next)
            {
                next = DateTimeOffset.UtcNow + ObserverLease.Renew;
                due = [.. watched.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully).Select(e => e.Value.Result)];
            }
            else if (failed.Count > 0)
            {
                due = failed;
            }
            else
            {
                continue;
            }

            var again = new ConcurrentBag<Watched>();
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = RenewingAtOnce, CancellationToken = stoppingToken }, async (table, cancel) =>
            {
                if (!await RenewAsync(table, cancel))
                {
                    again.Add(table);
                }
            });
            failed = [.. again];
        }
    }

    /// <summary>Renews one table's subscription and catches up on what it missed; false when it must be tried again soon.</summary>
    private async Task<bool> RenewAsync(Watched table, CancellationToken stoppingToken)
    {
        var sessionId = table.Replica.SessionId;
        try
        {
            if (!await ExistsAsync(sessionId).WaitAsync(ObserverLease.CallTimeout, stoppingToken))
            {
                // Deleted by a facilitator on another host, or by retention: its copy goes too.
                watched.TryRemove(sessionId, out _);
                return true;
            }

            await Table(sessionId).SubscribeAsync(Reference).WaitAsync(ObserverLease.CallTimeout, stoppingToken);
            await CatchUpAsync(table);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not renew the subscription to table {Table}; trying again in {Retry}", sessionId, ObserverLease.Retry);
            return !watched.ContainsKey(sessionId);
        }
    }

    /// <summary>
    /// A host that stops tells its tables, so they stop pushing to it at once; a host that is killed
    /// cannot, and each table drops it at the first push that fails, or when its lease ends
    /// (<see cref="ObserverLease.Expiry"/>).
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (reference is null)
        {
            return;
        }

        var tables = watched.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully).Select(e => e.Value.Result.Replica.SessionId);
        try
        {
            await Task.WhenAll(tables.Select(id => Table(id).UnsubscribeAsync(reference))).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            logger.LogInformation("Stopping: not every table heard that this host left ({Error}); their leases end it", e.Message);
        }
    }

    /// <summary>False when the table's setup is gone from the store (its workshop was deleted).</summary>
    private async Task<bool> ExistsAsync(string sessionId)
    {
        try
        {
            await Table(sessionId).GetInfoAsync();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

        private ITableObserver Reference => reference ??= grains.CreateObjectReference<ITableObserver>(this);

    private ITableGrain Table(string sessionId) => grains.GetGrain<ITableGrain>(sessionId);

    private async Task<Watched> StartAsync(string sessionId)
    {
        var info = await Table(sessionId).GetInfoAsync();
        var rules = await catalog.GetAsync(info.Setup.Scenario, info.Setup.Rotation);
        var table = new Watched(new TableReplica(sessionId, rules));

        // Subscribe before reading the log, so nothing falls between the two.
        await Table(sessionId).SubscribeAsync(Reference);
        await CatchUpAsync(table);
        return table;
    }

    private async Task ApplyAsync(Watched table, ImmutableArray<LoggedEvent> events)
    {
        if (table.Replica.Apply(events) is { } applied)
        {
            Raise(table.Replica, applied);
            return;
        }

        await CatchUpAsync(table);
    }

    private async Task CatchUpAsync(Watched table)
    {
        // One catch-up at a time per table; the second finds nothing left to do.
        await table.Reading.WaitAsync();
        try
        {
            var missed = await Table(table.Replica.SessionId).ReadSinceAsync(table.Replica.State.Version);
            if (table.Replica.Apply(missed) is { } applied)
            {
                Raise(table.Replica, applied);
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not catch up with table {Table}", table.Replica.SessionId);
        }
        finally
        {
            table.Reading.Release();
        }
    }

    private void Raise(TableReplica replica, ImmutableArray<LoggedEvent> applied)
    {
        if (applied.Length > 0)
        {
            Changed?.Invoke(replica, applied);
        }
    }

    private sealed record Watched(TableReplica Replica)
    {
        public SemaphoreSlim Reading { get; } = new(1, 1);
    }
}
