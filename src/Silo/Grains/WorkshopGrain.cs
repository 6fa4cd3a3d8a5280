using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Core.Internal;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>A facilitator's event: its join code, the facilitator key's hash, its tables and the players at them.</summary>
internal sealed class WorkshopGrain(IDocumentStore documents, IErasableStore erasure, RulesCatalog catalog, TimeProvider time, ILogger<WorkshopGrain> logger)
    : Grain, IWorkshopGrain
{
    internal const string Kind = "workshop";

    private const int MaxCodeAttempts = 20;

    /// <summary>Joins a workshop takes beyond its seats (at least this, or a quarter of its seats).</summary>
    private const int MinJoinMargin = 5;

    /// <summary>How soon a seat that could not be given up after a move is tried again; each failed try doubles it, up to a minute.</summary>
    internal static readonly TimeSpan FreeSeatRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FreeSeatRetryMax = TimeSpan.FromMinutes(1);

    /// <summary>How long the workshop waits for a table to give up a seat: joins and reconnects queue behind it.</summary>
    private static readonly TimeSpan FreeSeatWait = TimeSpan.FromSeconds(5);
    private static readonly string[] Languages = ["nl", "en"];

    private Persisted<WorkshopState>? workshop;
    private IGrainTimer? freeing;
    private TimeSpan freeingAfter = FreeSeatRetry;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        workshop = new Persisted<WorkshopState>(documents, Kind, Id);
        await workshop.LoadAsync(cancellationToken);
        if (workshop.Value?.ToFree is { Count: > 0 })
        {
            RetryFreeingSeats();
        }
    }

    public async Task<WorkshopCreated> CreateAsync(WorkshopSetup setup)
    {
        if (workshop!.Value is not null)
        {
            throw new InvalidOperationException($"workshop {Id} exists already");
        }

        var title = setup.Title.Trim();
        if (setup.Tables is < 1 or > Limits.Tables)
        {
            throw new ArgumentException(Refusals.InvalidTables.Message);
        }

        if (title.Length > Limits.TitleLength || title.Any(char.IsControl))
        {
            throw new ArgumentException(Refusals.InvalidTitle.Message);
        }

        if (!Languages.Contains(setup.Language))
        {
            throw new ArgumentException(Refusals.InvalidLanguage.Message);
        }

        // Throws for an unknown scenario version before anything is stored.
        await catalog.GetAsync(setup.Scenario, setup.Rotation);

        var code = await ClaimCodeAsync();
        var key = Secrets.NewKey();
        for (var table = 1; table <= setup.Tables; table++)
        {
            await Table(table).CreateAsync(new TableSetup(Id, table, setup.Scenario, setup.Rotation));
        }

        var state = new WorkshopState(code, Secrets.Hash(key), title, setup.Scenario, setup.Rotation, setup.Language, setup.Tables, time.GetUtcNow(), [], Seating: setup.Seating);
        await workshop.SaveAsync(state);
        return new WorkshopCreated(Id, code, key, Sessions(state));
    }

    public Task<WorkshopInfo?> GetAsync() => Task.FromResult(workshop!.Value is { } w
        ? new WorkshopInfo(Id, w.Code, w.Title, w.Scenario, w.Rotation, w.Language, Sessions(w), [.. w.Players.Select(p => p.Public)], w.CreatedAt, w.Seating)
        : null);

    public Task<bool> IsFacilitatorAsync(string key) =>
        Task.FromResult(workshop!.Value is { } w && !string.IsNullOrEmpty(key) && Secrets.Matches(key, w.KeyHash));

    public Task<JoinResult> JoinAsync(string typed) => SeatAsync(typed, chosen: null);

    public Task<JoinResult> JoinTableAsync(string typed, int table) => SeatAsync(typed, table);

    public async Task<ImmutableArray<TableSeats>> SeatsAsync()
    {
        if (workshop!.Value is not { } w)
        {
            return [];
        }

        var max = (await catalog.GetAsync(w.Scenario, w.Rotation)).Scenario.Players.Max;
        var seats = ImmutableArray.CreateBuilder<TableSeats>(w.Tables);
        for (var table = 1; table <= w.Tables; table++)
        {
            var state = await Table(table).GetStateAsync();
            seats.Add(new TableSeats(table, state.Playing.Count(), max, state.Started));
        }

        return seats.MoveToImmutable();
    }

    /// <summary>
    /// Seats a new player: at the table they chose, or else at the table with the fewest players that
    /// still has room (a full or started table sends them on to the next).
    /// </summary>
    private async Task<JoinResult> SeatAsync(string typed, int? chosen)
    {
        if (workshop!.Value is not { } w)
        {
            return JoinResult.Refused(Refusals.NoSuchWorkshop);
        }

        if (PlayerNames.Clean(typed) is not { } name)
        {
            return JoinResult.Refused(Refusals.InvalidName);
        }

        if (chosen is < 1 || chosen > w.Tables)
        {
            return JoinResult.Refused(Refusals.TablesNumbered(w.Tables));
        }

        // A room joins from one address, so the web host does not limit joins per address; this caps
        // what one workshop takes: its seats, and a margin for players who join again on a new phone.
        var seats = (await catalog.GetAsync(w.Scenario, w.Rotation)).Scenario.Players.Max * w.Tables;
        if (w.Players.Count >= seats + Math.Max(MinJoinMargin, seats / 4))
        {
            return JoinResult.Refused(Refusals.TooManyJoins);
        }

        var playerId = Secrets.NewId();
        IEnumerable<int> tables = chosen is { } one
            ? [one]
            : Enumerable.Range(1, w.Tables).OrderBy(t => w.Players.Count(p => p.Table == t)).ThenBy(t => t);
        CommandResult? last = null;
        foreach (var table in tables)
        {
            var join = new CommandEnvelope($"join:{playerId}", Actor.System, new TakeSeat(name));
            last = await Table(table).ExecuteAsync(join);
            if (last.Code == RefusalCodes.StorageUnknown)
            {
                // Asking again with the same id settles it: the table answers it as taken if it was.
                last = await Table(table).ExecuteAsync(join);
            }

            if (last.Accepted && last.Events.Select(e => e.Event).OfType<SeatTaken>().FirstOrDefault() is { } taken)
            {
                var token = $"{Id}.{playerId}.{Secrets.NewKey()}";
                var player = new PlayerRecord(playerId, name, Secrets.Hash(token), table, taken.Seat);
                var saved = await TrySaveAsync(w with { Players = w.Players.Add(player) });
                if (saved.Failure is { } failure)
                {
                    if (!saved.Unknown)
                    {
                        // The seat is taken but nobody holds its token: give it back, so no seat is left without a player.
                        await ReleaseAsync(table, taken.Seat, $"join:{playerId}:undo");
                    }

                    logger.LogWarning(LogEvents.WorkshopSaveFailed, "Workshop {Workshop}: a join could not be saved ({Failure})", Id, failure);
                    return JoinResult.Refused(saved.Unknown ? Refusals.StorageUnknown : Refusals.StorageUnavailable);
                }

                return new JoinResult(true, player.Public, TableIds.For(Id, table), token, null, null, null);
            }

            if (last.Code is not (RefusalCodes.TableFull or RefusalCodes.GameStarted))
            {
                // Only a full or started table sends the player on to the next; any other refusal is the answer.
                break;
            }
        }

        if (chosen is { } picked && last?.Code == RefusalCodes.TableFull)
        {
            return JoinResult.Refused(Refusals.ChosenTableFull(picked));
        }

        // Every table refused: all full (no room anywhere), or some started.
        return last is null || last.Code == RefusalCodes.TableFull
            ? JoinResult.Refused(Refusals.NoRoom)
            : new JoinResult(false, null, null, null, last.Code, last.Message, last.Reason);
    }

    public Task<WorkshopPlayer?> FindPlayerAsync(string seatToken)
    {
        var parts = seatToken.Split('.');
        var player = parts.Length == 3 && parts[0] == Id && workshop!.Value is { } w
            ? w.Players.FirstOrDefault(p => p.Id == parts[1] && Secrets.Matches(seatToken, p.TokenHash))
            : null;
        return Task.FromResult(player?.Public);
    }

    public async Task<MoveResult> MovePlayerAsync(string playerId, int table)
    {
        if (workshop!.Value is not { } w || w.Players.FirstOrDefault(p => p.Id == playerId) is not { } player)
        {
            return MoveResult.Refused(null, Refusals.NoSuchPlayer);
        }

        if (table < 1 || table > w.Tables)
        {
            return MoveResult.Refused(player.Public, Refusals.TablesNumbered(w.Tables));
        }

        if (table == player.Table)
        {
            return new MoveResult(true, player.Public, null, null);
        }

        // Each attempt is a command of its own: a retry after a failed move must not be answered with
        // the first attempt's seat, which was given back.
        var move = $"move:{playerId}:{Secrets.NewId()}";
        var seated = await Table(table).ExecuteAsync(new CommandEnvelope(move, Actor.System, new TakeSeat(player.Name)));
        if (!seated.Accepted || seated.Events.Select(e => e.Event).OfType<SeatTaken>().FirstOrDefault() is not { } taken)
        {
            return new MoveResult(false, player.Public, seated.Code, seated.Message, seated.Reason);
        }

        // The player's record moves before the old seat is given up, in one write with the promise to
        // give it up: if the record cannot be saved, the new seat goes back and the player is where
        // they were, token and all; once it is saved, the old seat is freed even if that takes retries.
        var moved = player with { Table = table, Seat = taken.Seat };
        var toFree = new SeatToFree(player.Table, player.Seat, move + ":leave");
        var saved = await TrySaveAsync(w with { Players = w.Players.Replace(player, moved), ToFree = (w.ToFree ?? []).Add(toFree) });
        if (saved.Failure is { } failure)
        {
            if (saved.Unknown)
            {
                logger.LogWarning(LogEvents.WorkshopSaveUnknown, "Workshop {Workshop}: a move may or may not be saved ({Failure})", Id, failure);
                return MoveResult.Refused(player.Public, Refusals.MoveUnknown);
            }

            await ReleaseAsync(table, taken.Seat, move + ":undo");
            logger.LogWarning(LogEvents.WorkshopSaveFailed, "Workshop {Workshop}: a move could not be saved ({Failure})", Id, failure);
            return MoveResult.Refused(player.Public, Refusals.StorageUnavailable);
        }

        await FreeSeatsAsync();
        return new MoveResult(true, moved.Public, null, null);
    }

    public async Task<bool> DeleteAsync()
    {
        if (workshop!.Value is not { } w)
        {
            return false;
        }

        var tables = Sessions(w);
        await erasure.EraseAsync(new Erasure(
            tables,
            [new(Kind, Id), new(JoinCodeGrain.Kind, w.Code), .. tables.Select(t => new DocumentKey(TableGrain.SetupKind, t))]));
        logger.LogInformation(LogEvents.WorkshopErased, "Workshop {Workshop}: erased with its {Tables} tables and its join code", Id, w.Tables);

        // The store no longer has it; neither may any grain that still holds a copy. A table or code
        // activated again finds nothing, so each is told to let go (Orleans' own management call,
        // which every grain answers) rather than taught a "deleted" state of its own.
        workshop = new Persisted<WorkshopState>(documents, Kind, Id);
        freeing?.Dispose();
        freeing = null;
        foreach (var grain in tables.Select(t => (IAddressable)GrainFactory.GetGrain<ITableGrain>(t)).Append(GrainFactory.GetGrain<IJoinCodeGrain>(w.Code)))
        {
            await LetGoAsync(grain);
        }

        DeactivateOnIdle();
        return true;
    }

    /// <summary>
    /// Tells a grain that held the workshop's data to deactivate. The data is gone from the store already,
    /// so this is best effort: a grain that cannot be reached now (its silo is down) is gone with its
    /// silo, or finds nothing when it is activated again.
    /// </summary>
    private async Task LetGoAsync(IAddressable grain)
    {
        try
        {
            await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(LogEvents.WorkshopGrainNotReleased, e, "Workshop {Workshop}: erased, but {Grain} could not be told to let go", Id, grain.GetGrainId());
        }
    }

    public async Task<string?> RotateKeyAsync(string currentKey)
    {
        if (workshop!.Value is not { } w || string.IsNullOrEmpty(currentKey) || !Secrets.Matches(currentKey, w.KeyHash))
        {
            return null;
        }

        var key = Secrets.NewKey();
        await workshop.SaveAsync(w with { KeyHash = Secrets.Hash(key) });
        return key;
    }

    public async Task<string?> RotateObserverKeyAsync(string facilitatorKey)
    {
        if (workshop!.Value is not { } w || string.IsNullOrEmpty(facilitatorKey) || !Secrets.Matches(facilitatorKey, w.KeyHash))
        {
            return null;
        }

        var key = Secrets.NewKey();
        await workshop.SaveAsync(w with { ObserverKeyHash = Secrets.Hash(key) });
        return key;
    }

    public Task<bool> IsObserverAsync(string key) =>
        Task.FromResult(workshop!.Value is { ObserverKeyHash: { } hash } && !string.IsNullOrEmpty(key) && Secrets.Matches(key, hash));

    public Task<ProjectorShow?> GetProjectorShowAsync() => Task.FromResult(workshop!.Value?.Show);

    public async Task SetProjectorShowAsync(ProjectorShow? show)
    {
        if (workshop!.Value is { } w && w.Show != show)
        {
            await workshop.SaveAsync(w with { Show = show });
        }
    }

    /// <summary>
    /// Gives up the seats that players moved away from. Each has its own command id, so a seat whose
    /// freeing was made but not confirmed is not freed twice; what fails is tried again shortly.
    /// </summary>
    private async Task FreeSeatsAsync()
    {
        if (workshop!.Value is not { ToFree: { Count: > 0 } pending } w)
        {
            return;
        }

        var done = new List<SeatToFree>();
        foreach (var seat in pending)
        {
            if (await TryFreeAsync(seat))
            {
                done.Add(seat);
            }
        }

        // Freed but still listed (the save failed) is harmless: freeing again is answered as done.
        var listed = done.Count == 0 || (await TrySaveAsync(w with { ToFree = pending.RemoveRange(done) })).Failure is null;
        if (listed && done.Count == pending.Count)
        {
            freeingAfter = FreeSeatRetry;
            return;
        }

        RetryFreeingSeats();
    }

    /// <summary>Asks a table to give up a seat; true when it is free now or asking again would not change the answer.</summary>
    private async Task<bool> TryFreeAsync(SeatToFree seat)
    {
        CommandResult left;
        try
        {
            left = await Table(seat.Table).ExecuteAsync(new CommandEnvelope(seat.CommandId, Actor.Facilitator, new LeaveSeat(seat.Seat))).WaitAsync(FreeSeatWait);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Meanwhile the player plays at the new table, and the old seat shows as away.
            logger.LogWarning(LogEvents.WorkshopSeatNotGivenUp, e, "Workshop {Workshop}: table {Table} could not be asked to give up seat {Seat} after a move; trying again", Id, seat.Table, seat.Seat);
            return false;
        }

        if (left.Accepted || left.Code is RefusalCodes.SeatLeft or RefusalCodes.NoSuchSeat)
        {
            return true;
        }

        if (left.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown or RefusalCodes.Conflict)
        {
            logger.LogWarning(LogEvents.WorkshopSeatNotGivenUp, "Workshop {Workshop}: seat {Seat} at table {Table} was not given up after a move; trying again: {Code} {Message}", Id, seat.Seat, seat.Table, left.Code, left.Message);
            return false;
        }

        logger.LogError(LogEvents.WorkshopSeatStuck, "Workshop {Workshop}: table {Table} refuses to give up seat {Seat} after a move, for good: {Code} {Message}", Id, seat.Table, seat.Seat, left.Code, left.Message);
        return true;
    }

    private void RetryFreeingSeats()
    {
        freeing?.Dispose();
        var after = freeingAfter;
        freeingAfter = freeingAfter * 2 < FreeSeatRetryMax ? freeingAfter * 2 : FreeSeatRetryMax;
        freeing = this.RegisterGrainTimer(
            async _ =>
            {
                freeing?.Dispose();
                freeing = null;
                await FreeSeatsAsync();
            },
            new GrainTimerCreationOptions { DueTime = after, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private ImmutableArray<string> Sessions(WorkshopState w) => [.. Enumerable.Range(1, w.Tables).Select(t => TableIds.For(Id, t))];

    private ITableGrain Table(int table) => GrainFactory.GetGrain<ITableGrain>(TableIds.For(Id, table));

    private async Task<string> ClaimCodeAsync()
    {
        for (var attempt = 0; attempt < MaxCodeAttempts; attempt++)
        {
            var code = Secrets.NewCode();
            if (await GrainFactory.GetGrain<IJoinCodeGrain>(code).ClaimAsync(Id))
            {
                return code;
            }
        }

        throw new InvalidOperationException("no free join code was found; try again");
    }

    /// <summary>
    /// Saves the workshop; says why not when the store refused (nothing was written) or could not
    /// tell (<c>Unknown</c>: the write may have been made). After an unknown outcome or a conflict,
    /// this activation's copy may be stale: it goes, and the next call reads the document again.
    /// </summary>
    private async Task<(string? Failure, bool Unknown)> TrySaveAsync(WorkshopState value)
    {
        try
        {
            await workshop!.SaveAsync(value);
            return (null, false);
        }
        catch (Exception e) when (e is StoreUnavailableException or StoreConflictException)
        {
            logger.LogWarning(LogEvents.WorkshopSaveFailed, e, "Workshop {Workshop} could not be saved", Id);
            if (e is StoreOutcomeUnknownException or StoreConflictException)
            {
                DeactivateOnIdle();
            }

            return (e.Message, e is StoreOutcomeUnknownException);
        }
    }

    /// <summary>Gives a seat back after the workshop could not record who holds it.</summary>
    private async Task ReleaseAsync(int table, int seat, string commandId)
    {
        var released = await Table(table).ExecuteAsync(new CommandEnvelope(commandId, Actor.Facilitator, new LeaveSeat(seat)));
        if (!released.Accepted)
        {
            logger.LogError(LogEvents.WorkshopSeatStuck, "Workshop {Workshop}: seat {Seat} at table {Table} has no player and could not be given back: {Code} {Message}", Id, seat, table, released.Code, released.Message);
        }
    }

    internal sealed record PlayerRecord(string Id, string Name, string TokenHash, int Table, int Seat)
    {
        public WorkshopPlayer Public => new(Id, Name, Table, Seat);
    }

    /// <summary>A seat a player moved away from, still to be given up, with the command id that gives it up.</summary>
    internal sealed record SeatToFree(int Table, int Seat, string CommandId);

    internal sealed record WorkshopState(
        string Code, string KeyHash, string Title, ScenarioRef Scenario, RotationMode? Rotation, string Language, int Tables, DateTimeOffset CreatedAt,
        ImmutableList<PlayerRecord> Players, ImmutableList<SeatToFree>? ToFree = null, SeatingMode Seating = SeatingMode.Spread,
        string? ObserverKeyHash = null, ProjectorShow? Show = null);
}
