using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>
/// One table. Runs the rules' decide/evolve on its state, appends the new events to the event
/// store before anyone is told, then pushes them to the subscribed web hosts. Not reentrant:
/// commands, timer expiries and reads are served one at a time, so they are serialized.
/// </summary>
internal sealed partial class TableGrain(
    IEventStore events,
    IDocumentStore documents,
    RulesCatalog catalog,
    TimeProvider time,
    IOptions<PresenceOptions> presenceOptions,
    IOptions<BotOptions> botOptions,
    ILogger<TableGrain> logger) : Grain, ITableGrain
{
    internal const string SetupKind = "session";

    private readonly List<LoggedEvent> log = [];
    private readonly Dictionary<string, (long From, long To)> commands = new(StringComparer.Ordinal);
    private readonly TableSubscribers subscribers = new(ObserverLease.Expiry);
    private Persisted<TableSetup>? setup;
    private TableRules? rules;
    private TableState? state;
    private IGrainTimer? timer;
    private DateTimeOffset? armedFor;
    private SeatPresence? presence;
    private IGrainTimer? presenceTimer;

    /// <summary>The soonest the presence timer is set for: a moment already past is looked at as soon as that.</summary>
    private static readonly TimeSpan MinimumPresenceDue = TimeSpan.FromMilliseconds(1);

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        setup = new Persisted<TableSetup>(documents, SetupKind, Id);
        await setup.LoadAsync(cancellationToken);
        if (setup.Value is not null)
        {
            await LoadAsync(cancellationToken);
        }
    }

    public async Task<TableInfo> CreateAsync(TableSetup requested)
    {
        if (setup!.Value is { } existing)
        {
            return existing == requested
                ? Info()
                : throw new InvalidOperationException($"table {Id} is already set up for {existing.Scenario}");
        }

        // Compile the rules first: an unknown or broken scenario leaves nothing behind.
        await catalog.GetAsync(requested.Scenario, requested.Rotation);
        await GrainFactory.GetGrain<IScenarioLibraryGrain>(0).MarkUsedAsync(requested.Scenario);
        await setup.SaveAsync(requested);
        await LoadAsync(CancellationToken.None);
        return Info();
    }

    public Task<TableInfo> GetInfoAsync() =>
        setup?.Value is null ? throw new InvalidOperationException($"there is no table {Id}") : Task.FromResult(Info());

    public Task<ImmutableArray<LoggedEvent>> ReadSinceAsync(long version) =>
        Task.FromResult(version < 0 || version >= log.Count ? ImmutableArray<LoggedEvent>.Empty : [.. log.Skip((int)version)]);

    public Task<TableState> GetStateAsync() =>
        state is null ? throw new InvalidOperationException($"there is no table {Id}") : Task.FromResult(state);

    public Task SubscribeAsync(ITableObserver observer)
    {
        subscribers.Subscribe(observer, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ITableObserver observer)
    {
        subscribers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task ReportPresenceAsync(PresenceReport report)
    {
        if (state is null || presence is null || string.IsNullOrEmpty(report.Host))
        {
            return;
        }

        if (presence.Take(report, time.GetUtcNow()))
        {
            await SettlePresenceAsync();
        }
    }

    public async Task<CommandResult> ExecuteAsync(CommandEnvelope envelope)
    {
        if (state is null || rules is null)
        {
            return CommandResult.Refused(0, Refusals.NoSuchTable(Id));
        }

        if (string.IsNullOrWhiteSpace(envelope.CommandId) || envelope.CommandId.Length > Limits.StoredCommandIdLength)
        {
            return CommandResult.Refused(state.Version, Refusals.InvalidStoredCommandId);
        }

        if (commands.TryGetValue(envelope.CommandId, out var done))
        {
            return new CommandResult(true, state.Version, EventsOf(done), null, null, true);
        }

        // Stale when the game changed after the version the sender saw; a seat going away or coming
        // back moves the version too, but a decision made before it is still a decision on this game.
        if (envelope.ExpectedVersion is { } expected && (expected < state.GameVersion || expected > state.Version))
        {
            return CommandResult.Refused(state.Version, Refusals.StaleVersion);
        }

        var now = time.GetUtcNow();
        var decision = rules.Decide(state, envelope.Actor, envelope.Command, now);
        if (decision.Rejection is { } rejection)
        {
            return CommandResult.Refused(state.Version, rejection);
        }

        if (decision.Events.Count == 0)
        {
            return new CommandResult(true, state.Version, [], null, null, false);
        }

        try
        {
            await events.AppendAsync(Id, state.Version, decision.Events, envelope.CommandId);
        }
        catch (StoreOutcomeUnknownException e)
        {
            logger.LogWarning(LogEvents.TableStoreOutcomeUnknown, e, "Table {Table}: the store may or may not have taken a command; reading the log again", Id);
            return await SettleUnknownAsync(envelope, e.Settled);
        }
        catch (StoreUnavailableException e)
        {
            logger.LogWarning(LogEvents.TableStoreUnavailable, e, "Table {Table}: a command could not be stored", Id);
            return CommandResult.Refused(state.Version, Refusals.StorageUnavailable);
        }
        catch (StoreConflictException e)
        {
            // Another activation wrote to this log (a split during a silo failure): catch up, refuse.
            logger.LogWarning(LogEvents.TableLogMoved, e, "Table {Table}: the log moved on under this activation; reloading", Id);
            try
            {
                await CatchUpAsync();
            }
            catch (StoreUnavailableException unreadable)
            {
                // This attempt was not made, but an earlier one with the same id may have been.
                logger.LogWarning(LogEvents.TableLogUnreadable, unreadable, "Table {Table}: the log could not be read after a conflict", Id);
                return CommandResult.Refused(state.Version, Refusals.StorageUnknown);
            }

            ArmTimer();
            if (commands.TryGetValue(envelope.CommandId, out var made))
            {
                // This very command, made by an attempt whose outcome was not known: it was taken.
                return new CommandResult(true, state.Version, EventsOf(made), null, null, true);
            }

            return CommandResult.Refused(state.Version, Refusals.Conflict);
        }

        var first = state.Version + 1;
        var appended = ImmutableArray.CreateBuilder<LoggedEvent>(decision.Events.Count);
        foreach (var e in decision.Events)
        {
            state = rules.Evolve(state, e);
            appended.Add(new LoggedEvent(state.Version, e, now));
            if (e is SeatTaken taken)
            {
                presence?.WaitFor(taken.Seat, now);
            }
        }

        if (decision.Events.Any(e => e is SeatTaken))
        {
            ArmPresenceTimer();
        }

        var added = appended.MoveToImmutable();
        log.AddRange(added);
        commands[envelope.CommandId] = (first, state.Version);
        Publish(added);
        ArmTimer();
        ScheduleBots();
        return new CommandResult(true, state.Version, added, null, null, false);
    }

    private TableInfo Info() => new(Id, setup!.Value!, state?.Version ?? 0);

    /// <summary>The logged events of one command, by the versions it made.</summary>
    private ImmutableArray<LoggedEvent> EventsOf((long From, long To) made) => [.. log.Skip((int)made.From - 1).Take((int)(made.To - made.From + 1))];

    /// <summary>
    /// After a commit whose outcome is unknown, the log decides: the command's events are there (it
    /// was taken; everyone is told as after any command), or they are not (nothing changed). When the
    /// log cannot be read either, or the store could not make sure the commit is over
    /// (<paramref name="settled"/> false), the player is told just that, not that nothing changed.
    /// </summary>
    private async Task<CommandResult> SettleUnknownAsync(CommandEnvelope envelope, bool settled)
    {
        try
        {
            await CatchUpAsync();
        }
        catch (StoreUnavailableException e)
        {
            logger.LogWarning(LogEvents.TableLogUnreadable, e, "Table {Table}: the log could not be read to settle a command", Id);
            return CommandResult.Refused(state!.Version, Refusals.StorageUnknown);
        }

        ArmTimer();
        if (commands.TryGetValue(envelope.CommandId, out var done))
        {
            return new CommandResult(true, state!.Version, EventsOf(done), null, null, false);
        }

        if (!settled)
        {
            // Not in the log yet, but the commit may still land: the same command again will know.
            return CommandResult.Refused(state!.Version, Refusals.StorageUnknown);
        }

        return CommandResult.Refused(state!.Version, Refusals.StorageUnavailable);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var (scenario, rotation) = (setup!.Value!.Scenario, setup.Value.Rotation);
        rules = await catalog.GetAsync(scenario, rotation);
        state = rules.Initial();
        log.Clear();
        commands.Clear();
        await CatchUpAsync(cancellationToken);
        ArmTimer();
        ScheduleBots();
        presence = new SeatPresence(presenceOptions.Value.Lease);
        presence.WaitForHosts(state, time.GetUtcNow());
        presenceTimer ??= this.RegisterGrainTimer(
            _ => SettlePresenceAsync(),
            new GrainTimerCreationOptions { DueTime = presenceOptions.Value.Report, Period = presenceOptions.Value.Report, KeepAlive = false });
        ArmPresenceTimer();
    }

    /// <summary>Logs the seats whose presence the hosts' word has changed; what fails is tried again on the next tick.</summary>
    private async Task SettlePresenceAsync()
    {
        foreach (var (seat, present) in presence!.Changes(state!, time.GetUtcNow()))
        {
            var result = await ExecuteAsync(new CommandEnvelope($"presence:{Guid.NewGuid():N}", Actor.System, new SetPresence(seat, present)));
            if (!result.Accepted)
            {
                logger.LogWarning(LogEvents.TablePresenceNotLogged, "Table {Table}: the presence of seat {Seat} could not be logged: {Code} {Message}", Id, seat, result.Code, result.Message);
            }
        }

        ArmPresenceTimer();
    }

    /// <summary>
    /// Looks at presence again exactly when the next host's word or seat's wait runs out, and at least
    /// once a report period (which retries what could not be logged). Without it a seat went away up
    /// to a period after its lease ended: "within 30 s" became up to 40 s (issue 16).
    /// </summary>
    private void ArmPresenceTimer()
    {
        if (presenceTimer is null || presence is null)
        {
            return;
        }

        // At least a millisecond: one that ran out since the last look is looked at now, not at the next period.
        var period = presenceOptions.Value.Report;
        var due = presence.NextExpiry() is { } at ? at - time.GetUtcNow() : period;
        presenceTimer.Change(due < MinimumPresenceDue ? MinimumPresenceDue : due > period ? period : due, period);
    }

    /// <summary>Folds whatever the store holds beyond the state's version.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var missed = await events.ReadAsync(Id, state!.Version, cancellationToken);
        foreach (var recorded in missed)
        {
            state = rules!.Evolve(state, recorded.Event);
            log.Add(new LoggedEvent(recorded.Version, recorded.Event, recorded.RecordedAt));
            if (recorded.Event is SeatTaken taken)
            {
                presence?.WaitFor(taken.Seat, time.GetUtcNow());
            }

            if (recorded.CommandId is { } id)
            {
                commands[id] = commands.TryGetValue(id, out var range) ? (range.From, recorded.Version) : (recorded.Version, recorded.Version);
            }
        }

        if (missed.Count > 0)
        {
            Publish([.. missed.Select(r => log[(int)r.Version - 1])]);
        }
    }

    private void Publish(ImmutableArray<LoggedEvent> added)
    {
        var now = time.GetUtcNow();
        var update = new TableUpdate(Id, state!.Version, added);
        foreach (var subscriber in subscribers.Current(now))
        {
            // Not awaited: a slow host must not hold up the table; the answer only says whether it arrived.
            _ = PushAsync(subscriber, update, now);
        }
    }

    /// <summary>
    /// One push to one web host. A push that fails (the host died: its silo is gone or its gateway
    /// dropped it, or it did not answer within the response timeout) ends the subscription at once;
    /// a host that is alive after all subscribes again at its next renewal and catches up.
    /// </summary>
    private async Task PushAsync(ITableObserver subscriber, TableUpdate update, DateTimeOffset sentAt)
    {
        try
        {
            await subscriber.OnTableUpdated(update);
        }
        catch (Exception e)
        {
            if (subscribers.DropAfterFailure(subscriber, sentAt))
            {
                TableMetrics.SubscriberDropped();
                logger.LogWarning(LogEvents.TableSubscriberDropped, "Table {Table}: a push to a web host failed ({Error}); its subscription is dropped until it renews", Id, e.Message);
            }
        }
    }

    /// <summary>
    /// Keeps one timer on the phase deadline. The deadline is part of the state, so a reactivated
    /// table re-arms it here, and one that is already overdue fires at once.
    /// </summary>
    private void ArmTimer()
    {
        var deadline = state!.Flow.Paused ? null : state.Deadline;
        if (deadline == armedFor)
        {
            return;
        }

        timer?.Dispose();
        timer = null;
        armedFor = deadline;
        if (deadline is { } due)
        {
            var wait = due - time.GetUtcNow();
            StartTimer(due, wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        }
    }

    private void StartTimer(DateTimeOffset due, TimeSpan wait)
    {
        timer?.Dispose();
        armedFor = due;
        timer = this.RegisterGrainTimer(OnDeadlineAsync, due, new GrainTimerCreationOptions
        {
            DueTime = wait,
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private async Task OnDeadlineAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        armedFor = null;
        if (state is null || state.Deadline != due || state.Flow.Paused)
        {
            ArmTimer();
            return;
        }

        // The id names the deadline, so a timer that fires twice (say, on two activations
        // during a failover) advances the table once.
        var result = await ExecuteAsync(new CommandEnvelope($"timer:{due.UtcTicks}", Actor.System, new Advance()));
        if (!result.Accepted)
        {
            logger.LogWarning(LogEvents.TableTimerRefused, "Table {Table}: the timer could not advance the game: {Code} {Message}", Id, result.Code, result.Message);
            if (result.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown)
            {
                // Try again shortly with the same id: the deadline stays in the state until the advance
                // is stored, and an advance that was stored after all is found in the log.
                StartTimer(due, TimeSpan.FromSeconds(1));
            }
        }
    }
}
