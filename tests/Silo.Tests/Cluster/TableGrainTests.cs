using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;
using RegioLab.Sim.Silo.Tests.Storage;

namespace RegioLab.Sim.Silo.Tests.Cluster;

public sealed class TableGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly ScenarioRef Buurthuis = new("buurthuis", 1);

    [Fact]
    public async Task A_workshop_seats_players_and_a_bot_played_game_runs_to_the_end_through_the_grains()
    {
        var (created, play) = await NewTableAsync(players: 4);

        await play.SendAsync(Actor.Facilitator, new Start(11));
        await play.PlayAsync(players: 4);

        var state = await play.Table.GetStateAsync();
        Assert.Equal(Stage.Ended, state.Flow.Stage);
        Assert.NotNull(state.CommunityScore);

        // The live state is the fold of the log, and the log is what the store holds.
        var log = await play.Table.ReadSinceAsync(0);
        Assert.Equal(state.Version, log.Length);
        Assert.Equal(Enumerable.Range(1, log.Length).Select(v => (long)v), log.Select(e => e.Version));
        var rules = await RulesAsync();
        Assert.Equal(Play.Json(state), Play.Json(rules.Fold(log.Select(e => e.Event))));
        var stored = await ReadStoreAsync(created.Sessions[0]);
        Assert.Equal(log.Select(e => EventJson.Serialize(e.Event)), stored.Select(e => EventJson.Serialize(e.Event)));

        var info = await fixture.Grains.GetGrain<IWorkshopGrain>(created.WorkshopId).GetAsync();
        Assert.Equal(4, info!.Players.Length);
        Assert.Equal(created.JoinCode, info.JoinCode);
        Assert.Equal(created.WorkshopId, await fixture.Grains.GetGrain<IJoinCodeGrain>(created.JoinCode).GetWorkshopAsync());
    }

    [Fact]
    public async Task A_deactivated_table_comes_back_with_the_identical_state()
    {
        var (_, play) = await NewTableAsync(players: 3);
        await play.SendAsync(Actor.Facilitator, new Start(5));
        await play.PlayAsync(players: 3, phases: 4);
        var before = Play.Json(await play.Table.GetStateAsync());
        var version = (await play.Table.GetInfoAsync()).Version;

        Assert.Contains(play.Table.GetGrainId(), await TableActivationsAsync());
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.DoesNotContain(play.Table.GetGrainId(), await TableActivationsAsync());

        Assert.Equal(before, Play.Json(await play.Table.GetStateAsync()));
        Assert.Equal(version, (await play.Table.GetInfoAsync()).Version);
        await play.PlayAsync(players: 3);
        Assert.Equal(Stage.Ended, (await play.Table.GetStateAsync()).Flow.Stage);
    }

    [Fact]
    public async Task A_hundred_concurrent_commands_are_serialized_and_a_repeated_id_appends_nothing()
    {
        var (_, play) = await NewTableAsync(players: 3);
        await play.SendAsync(Actor.Facilitator, new Start(3));
        await play.SendAsync(Actor.Facilitator, new Advance()); // briefing → round 1, a timer runs
        var start = await play.Table.GetStateAsync();
        var deadline = start.Deadline!.Value;

        var envelopes = Enumerable.Range(0, 100)
            .Select(i => new CommandEnvelope($"extend-{i}", Actor.Facilitator, new ExtendTimer(1)))
            .ToArray();
        var results = await Task.WhenAll(envelopes.Select(e => play.Table.ExecuteAsync(e)));

        Assert.All(results, r => Assert.True(r.Accepted, r.Message));
        Assert.Equal(Enumerable.Range(1, 100).Select(i => start.Version + i), results.Select(r => r.Version).Order());
        var after = await play.Table.GetStateAsync();
        Assert.Equal(start.Version + 100, after.Version);
        Assert.Equal(deadline.AddSeconds(100), after.Deadline);

        var repeated = await Task.WhenAll(envelopes.Select(e => play.Table.ExecuteAsync(e)));
        Assert.All(repeated, r => Assert.True(r.Repeated && r.Accepted));
        Assert.Equal(results.Select(r => r.Events.Single().Version).Order(), repeated.Select(r => r.Events.Single().Version).Order());
        Assert.Equal(after.Version, (await play.Table.GetStateAsync()).Version);
        Assert.Equal(after.Version, (await ReadStoreAsync(play.Table.GetPrimaryKeyString())).Count);
    }

    [Fact]
    public async Task A_seat_going_away_does_not_make_a_command_stale_but_a_change_of_the_game_does()
    {
        var (_, play) = await NewTableAsync(players: 3);
        var seen = (await play.Table.GetInfoAsync()).Version;

        var away = await play.SendAsync(Actor.System, new SetPresence(1, false));
        Assert.True(away.Accepted && away.Version > seen, away.Message);
        var started = await play.SendAsync(Actor.Facilitator, new Start(1), expected: seen);
        Assert.True(started.Accepted, started.Message);

        var stale = await play.SendAsync(Actor.Facilitator, new Advance(), expected: seen);
        Assert.Equal(RefusalCodes.StaleVersion, stale.Code);
        Assert.Equal(started.Version, stale.Version);
        var future = await play.SendAsync(Actor.Facilitator, new Advance(), expected: started.Version + 1);
        Assert.Equal(RefusalCodes.StaleVersion, future.Code);
        Assert.Equal(Stage.Briefing, (await play.Table.GetStateAsync()).Flow.Stage);
    }

    [Fact]
    public async Task A_stale_command_is_refused_with_the_current_version()
    {
        var (_, play) = await NewTableAsync(players: 3);
        var version = (await play.Table.GetInfoAsync()).Version;

        var stale = await play.SendAsync(Actor.Facilitator, new Start(1), expected: version - 1);

        Assert.False(stale.Accepted);
        Assert.Equal(RefusalCodes.StaleVersion, stale.Code);
        Assert.Equal(version, stale.Version);
        Assert.Equal(Stage.Lobby, (await play.Table.GetStateAsync()).Flow.Stage);
        Assert.True((await play.SendAsync(Actor.Facilitator, new Start(1), expected: version)).Accepted);
    }

    [Fact]
    public async Task A_storage_failure_refuses_the_command_cleanly_and_the_retry_succeeds()
    {
        var (_, play) = await NewTableAsync(players: 3);
        var before = Play.Json(await play.Table.GetStateAsync());
        var envelope = new CommandEnvelope("start-once", Actor.Facilitator, new Start(9));

        await StoreFaults.BreakAppendsAsync(fixture.DatabasePath);
        CommandResult failed;
        try
        {
            failed = await play.Table.ExecuteAsync(envelope);
        }
        finally
        {
            await StoreFaults.RepairAppendsAsync(fixture.DatabasePath);
        }

        Assert.False(failed.Accepted);
        Assert.Equal(RefusalCodes.StorageUnavailable, failed.Code);
        Assert.Equal(before, Play.Json(await play.Table.GetStateAsync()));

        var retried = await play.Table.ExecuteAsync(envelope);
        Assert.True(retried.Accepted, retried.Message);
        Assert.False(retried.Repeated);
        Assert.Equal(Stage.Briefing, (await play.Table.GetStateAsync()).Flow.Stage);
    }

    [Fact]
    public async Task A_command_whose_commit_was_made_but_not_confirmed_is_answered_as_taken()
    {
        var (created, play) = await NewTableAsync(players: 3);
        var envelope = new CommandEnvelope("start-unconfirmed", Actor.Facilitator, new Start(5));

        UnknownOutcomes.MadeButUnconfirmed[created.Sessions[0]] = true;
        var result = await play.Table.ExecuteAsync(envelope);

        Assert.True(result.Accepted, result.Message);
        Assert.False(result.Repeated);
        Assert.NotEmpty(result.Events);
        Assert.Equal(Stage.Briefing, (await play.Table.GetStateAsync()).Flow.Stage);
        Assert.Equal(result.Version, (await ReadStoreAsync(created.Sessions[0])).Count);
        Assert.True((await play.Table.ExecuteAsync(envelope)).Repeated);
    }

    [Fact]
    public async Task A_command_whose_commit_was_not_made_nor_confirmed_changes_nothing_and_says_so()
    {
        var (created, play) = await NewTableAsync(players: 3);
        var before = Play.Json(await play.Table.GetStateAsync());
        var envelope = new CommandEnvelope("start-lost", Actor.Facilitator, new Start(5));

        UnknownOutcomes.LostAndUnconfirmed[created.Sessions[0]] = true;
        var result = await play.Table.ExecuteAsync(envelope);

        Assert.False(result.Accepted);
        Assert.Equal(RefusalCodes.StorageUnavailable, result.Code);
        Assert.Equal(Refusals.StorageUnavailable.Reason, result.Reason);
        Assert.Equal(before, Play.Json(await play.Table.GetStateAsync()));
        Assert.True((await play.Table.ExecuteAsync(envelope)).Accepted);
    }

    [Fact]
    public async Task A_command_whose_commit_may_still_land_is_not_called_unchanged()
    {
        var (created, play) = await NewTableAsync(players: 3);
        var envelope = new CommandEnvelope("start-unsettled", Actor.Facilitator, new Start(5));

        UnknownOutcomes.LostAndUnsettled[created.Sessions[0]] = true;
        var result = await play.Table.ExecuteAsync(envelope);

        Assert.False(result.Accepted);
        Assert.Equal(RefusalCodes.StorageUnknown, result.Code);
        Assert.Equal(Refusals.StorageUnknown.Reason, result.Reason);
        Assert.True((await play.Table.ExecuteAsync(envelope)).Accepted);
    }

    [Fact]
    public async Task A_command_that_cannot_be_confirmed_at_all_is_not_called_unchanged_and_its_retry_is_answered_as_taken()
    {
        var (created, play) = await NewTableAsync(players: 3);
        var session = created.Sessions[0];
        var envelope = new CommandEnvelope("start-unknown", Actor.Facilitator, new Start(5));

        UnknownOutcomes.MadeButUnconfirmed[session] = true;
        UnknownOutcomes.Unreadable[session] = true;
        CommandResult result;
        try
        {
            result = await play.Table.ExecuteAsync(envelope);
        }
        finally
        {
            UnknownOutcomes.Unreadable.TryRemove(session, out _);
        }

        Assert.False(result.Accepted);
        Assert.Equal(RefusalCodes.StorageUnknown, result.Code);
        Assert.DoesNotContain("nothing changed", result.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason?.Nl));

        // The event is in the log; the retry finds it there instead of starting the game twice.
        var retried = await play.Table.ExecuteAsync(envelope);
        Assert.True(retried.Accepted, retried.Message);
        Assert.True(retried.Repeated);
        Assert.Equal(Stage.Briefing, (await play.Table.GetStateAsync()).Flow.Stage);
        Assert.Equal(retried.Version, (await ReadStoreAsync(session)).Count);
    }

    [Fact]
    public async Task A_join_the_workshop_cannot_record_gives_its_seat_back_and_a_retry_seats_the_player()
    {
        var workshop = fixture.Grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 1, null, "nl", "Test"));
        Assert.True((await workshop.JoinAsync("Anna")).Joined);
        var table = fixture.Grains.GetGrain<ITableGrain>(created.Sessions[0]);

        await StoreFaults.BreakDocumentWritesAsync(fixture.DatabasePath, "workshop");
        JoinResult failed;
        try
        {
            failed = await workshop.JoinAsync("Bram");
        }
        finally
        {
            await StoreFaults.RepairDocumentWritesAsync(fixture.DatabasePath);
        }

        Assert.False(failed.Joined);
        Assert.Equal(RefusalCodes.StorageUnavailable, failed.Code);
        Assert.Null(failed.SeatToken);
        Assert.Equal(["Anna"], (await table.GetStateAsync()).Playing.Select(s => s.Name));
        Assert.Equal(["Anna"], (await workshop.GetAsync())!.Players.Select(p => p.Name));

        var retried = await workshop.JoinAsync("Bram");
        Assert.True(retried.Joined, retried.Message);
        Assert.Equal(["Anna", "Bram"], (await table.GetStateAsync()).Playing.Select(s => s.Name));
    }

    [Fact]
    public async Task A_join_whose_seat_was_taken_but_not_confirmed_asks_again_and_seats_the_player_once()
    {
        var workshop = fixture.Grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 2, null, "nl", "Test"));
        var anna = (await workshop.JoinAsync("Anna")).Player!;

        // Bram goes to the emptier table; its TakeSeat is made, but the store cannot confirm it.
        var emptier = created.Sessions[2 - anna.Table];
        UnknownOutcomes.MadeButUnconfirmed[emptier] = true;
        UnknownOutcomes.Unreadable[emptier] = true;
        var bram = await workshop.JoinAsync("Bram");

        Assert.True(bram.Joined, bram.Message);
        Assert.Equal(3 - anna.Table, bram.Player!.Table);
        var table = fixture.Grains.GetGrain<ITableGrain>(emptier);
        Assert.Equal(["Bram"], (await table.GetStateAsync()).Playing.Select(s => s.Name));
        Assert.Equal(["Anna", "Bram"], (await workshop.GetAsync())!.Players.Select(p => p.Name));
    }

    [Fact]
    public async Task A_move_the_workshop_cannot_record_leaves_the_player_where_they_were()
    {
        var workshop = fixture.Grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 2, null, "nl", "Test"));
        var anna = (await workshop.JoinAsync("Anna")).Player!;
        var from = fixture.Grains.GetGrain<ITableGrain>(created.Sessions[anna.Table - 1]);
        var to = fixture.Grains.GetGrain<ITableGrain>(created.Sessions[2 - anna.Table]);

        await StoreFaults.BreakDocumentWritesAsync(fixture.DatabasePath, "workshop");
        MoveResult failed;
        try
        {
            failed = await workshop.MovePlayerAsync(anna.PlayerId, 3 - anna.Table);
        }
        finally
        {
            await StoreFaults.RepairDocumentWritesAsync(fixture.DatabasePath);
        }

        Assert.False(failed.Moved);
        Assert.Equal(RefusalCodes.StorageUnavailable, failed.Code);
        Assert.False(string.IsNullOrWhiteSpace(failed.Reason?.Nl));
        Assert.Equal(anna, (await workshop.GetAsync())!.Players.Single());
        Assert.Equal(["Anna"], (await from.GetStateAsync()).Playing.Select(s => s.Name));
        Assert.Empty((await to.GetStateAsync()).Playing);

        var moved = await workshop.MovePlayerAsync(anna.PlayerId, 3 - anna.Table);
        Assert.True(moved.Moved, moved.Message);
        Assert.Empty((await from.GetStateAsync()).Playing);
        Assert.Equal(["Anna"], (await to.GetStateAsync()).Playing.Select(s => s.Name));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_seat_that_could_not_be_given_up_after_a_move_is_given_up_on_a_retry(bool callFails)
    {
        var workshop = fixture.Grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 2, null, "nl", "Test"));
        var anna = (await workshop.JoinAsync("Anna")).Player!;
        var from = fixture.Grains.GetGrain<ITableGrain>(created.Sessions[anna.Table - 1]);
        var to = fixture.Grains.GetGrain<ITableGrain>(created.Sessions[2 - anna.Table]);

        // The old table refuses the LeaveSeat (its store loses it and cannot say so, nor be read), or
        // the call to it fails outright.
        if (callFails)
        {
            UnknownOutcomes.CallFails[created.Sessions[anna.Table - 1]] = true;
        }
        else
        {
            UnknownOutcomes.LostAndUnconfirmed[created.Sessions[anna.Table - 1]] = true;
            UnknownOutcomes.Unreadable[created.Sessions[anna.Table - 1]] = true;
        }

        var moved = await workshop.MovePlayerAsync(anna.PlayerId, 3 - anna.Table);

        Assert.True(moved.Moved, moved.Message);
        Assert.Equal(["Anna"], (await to.GetStateAsync()).Playing.Select(s => s.Name));
        var since = DateTime.UtcNow;
        while ((await from.GetStateAsync()).Playing.Any())
        {
            Assert.True(DateTime.UtcNow - since < TimeSpan.FromSeconds(20), "the old seat still counts as playing long after the move");
            await Task.Delay(100);
        }

        // Given up once, by the workshop's retry; the player is at the new table only.
        var leaves = (await from.ReadSinceAsync(0)).Select(e => e.Event).OfType<SeatLeft>().ToList();
        Assert.Equal([new SeatLeft(anna.Seat)], leaves);
        Assert.Equal(3 - anna.Table, (await workshop.GetAsync())!.Players.Single().Table);
    }

    [Fact]
    public async Task Observers_receive_every_new_event_once_each_push_in_order()
    {
        var (_, play) = await NewTableAsync(players: 3);
        var observer = new RecordingObserver();
        var reference = ((IGrainFactory)fixture.Cluster.Client).CreateObjectReference<ITableObserver>(observer);
        await play.Table.SubscribeAsync(reference);

        await play.SendAsync(Actor.Facilitator, new Start(2));
        await play.PlayAsync(players: 3, phases: 3);
        var version = (await play.Table.GetInfoAsync()).Version;

        await observer.WaitForAsync(4, version);

        // Pushes are not awaited one after the other, so Orleans may deliver them out of order (a web host
        // fills any gap it sees by reading the log); each push is in order and every event comes once.
        var seen = observer.Events.Select(e => e.Version).ToArray();
        Assert.Equal(Enumerable.Range(4, (int)version - 3).Select(v => (long)v), seen.Order());
        Assert.All(observer.Updates, u => Assert.Equal(Enumerable.Range((int)u.Events[0].Version, u.Events.Length).Select(v => (long)v), u.Events.Select(e => e.Version)));
        await play.Table.UnsubscribeAsync(reference);
    }

    [Fact]
    public async Task A_host_whose_push_fails_is_dropped_at_once_and_the_others_keep_getting_every_push()
    {
        var (_, play) = await NewTableAsync(players: 3);
        var client = (IGrainFactory)fixture.Cluster.Client;
        var (healthy, gone) = (new RecordingObserver(), new RecordingObserver());
        var (healthyRef, goneRef) = (client.CreateObjectReference<ITableObserver>(healthy), client.CreateObjectReference<ITableObserver>(gone));
        await play.Table.SubscribeAsync(healthyRef);
        await play.Table.SubscribeAsync(goneRef);
        using var drops = new DropCount();

        await play.SendAsync(Actor.Facilitator, new Start(2));
        var started = (await play.Table.GetInfoAsync()).Version;
        await gone.WaitForAsync(4, started);

        // The second host dies: every push to it fails from now on. It is dropped at the first one,
        // well within its lease (30 s), while the first host keeps getting every push.
        gone.Failing = true;
        var died = DateTime.UtcNow;
        await play.PlayAsync(players: 3, phases: 1);
        while (drops.Count == 0)
        {
            Assert.True(DateTime.UtcNow - died < TimeSpan.FromSeconds(10), "the host whose push failed is still subscribed");
            await Task.Delay(20);
        }

        await play.PlayAsync(players: 3, phases: 2);
        var version = (await play.Table.GetInfoAsync()).Version;
        await healthy.WaitForAsync(4, version);
        Assert.Equal(Enumerable.Range(4, (int)version - 3).Select(v => (long)v), healthy.Events.Select(e => e.Version).Order());
        Assert.Equal(1, gone.Failed);
        Assert.Equal(1, drops.Count);

        // A host that was alive after all subscribes again at its next renewal and is pushed to again.
        gone.Failing = false;
        await play.Table.SubscribeAsync(goneRef);
        await play.PlayAsync(players: 3, phases: 1);
        var after = (await play.Table.GetInfoAsync()).Version;
        await gone.WaitForAsync(version + 1, after);
        Assert.Contains(after, gone.Events.Select(e => e.Version));
        await play.Table.UnsubscribeAsync(healthyRef);
        await play.Table.UnsubscribeAsync(goneRef);
    }

    [Fact]
    public async Task Unknown_tables_and_bad_command_ids_are_refused()
    {
        var nowhere = fixture.Grains.GetGrain<ITableGrain>("nowhere/1");
        var refused = await nowhere.ExecuteAsync(new CommandEnvelope("x", Actor.Facilitator, new Start(1)));
        Assert.Equal(RefusalCodes.NoSuchTable, refused.Code);

        var (_, play) = await NewTableAsync(players: 3);
        var empty = await play.Table.ExecuteAsync(new CommandEnvelope(" ", Actor.Facilitator, new Start(1)));
        Assert.Equal(RefusalCodes.InvalidCommandId, empty.Code);
        var illegal = await play.SendAsync(Actor.Player(0), new Start(1));
        Assert.False(illegal.Accepted);
        Assert.Equal("not_allowed", illegal.Code);
    }

    private async Task<(WorkshopCreated Created, Play Play)> NewTableAsync(int players)
    {
        var workshop = fixture.Grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(Buurthuis, 1, null, "nl", "Test"));
        for (var i = 0; i < players; i++)
        {
            var joined = await workshop.JoinAsync($"Speler {i + 1}");
            Assert.True(joined.Joined, joined.Message);
            Assert.Equal(i, joined.Player!.Seat);
        }

        return (created, new Play(fixture.Grains, created.Sessions[0], await RulesAsync()));
    }

    private Task<TableRules> RulesAsync() => new RulesCatalog(fixture.Grains).GetAsync(Buurthuis, null);

    private async Task<IReadOnlyList<RecordedEvent>> ReadStoreAsync(string stream)
    {
        await using var store = StoreFaults.OpenSqlite(fixture.DatabasePath);
        return await store.ReadAsync(stream);
    }

    private async Task<ImmutableArray<GrainId>> TableActivationsAsync()
    {
        var stats = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return [.. stats.Where(s => s.GrainId.Type.ToString() == "table").Select(s => s.GrainId)];
    }

    /// <summary>Counts the subscriptions tables drop (<c>regiolab_table_subscribers_dropped_total</c>) while it lives.</summary>
    private sealed class DropCount : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener listener = new();
        private long count;

        public DropCount()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Grains.TableMetrics.MeterName && instrument.Name == "regiolab.table.subscribers.dropped")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref count, value));
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}
