using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Pushes each table's changes to the readers connected to this host: every seat its own view,
/// the facilitators everything, the projectors the public state. Pushes of one table run one at
/// a time and coalesce: a reader always gets the newest state, in order, never an older one after
/// a newer one. A push carries only the headlines since the table's previous push, a role's brief
/// only when it is new to the seat, and of a seat's view and of the console's table only the fields that
/// changed since its room was sent last; a reader that just arrived gets the whole view, round and brief.
/// </summary>
public sealed class LivePush
{
    private readonly ConcurrentDictionary<string, TablePush> tables = new(StringComparer.Ordinal);
    private readonly IHubContext<PlayerHub, IPlayerClient> players;
    private readonly IHubContext<FacilitatorHub, IFacilitatorClient> facilitators;
    private readonly IHubContext<ProjectorHub, IProjectorClient> projectors;
    private readonly Attendance attendance;
    private readonly IGrainFactory grains;
    private readonly ILogger<LivePush> logger;
    private readonly LiveMetrics metrics;
    private readonly FieldsJson seatViews;
    private readonly FieldsJson consoleTables;

    public LivePush(
        IGrainFactory grains,
        TableFeed feed,
        Attendance attendance,
        IHubContext<PlayerHub, IPlayerClient> players,
        IHubContext<FacilitatorHub, IFacilitatorClient> facilitators,
        IHubContext<ProjectorHub, IProjectorClient> projectors,
        LiveMetrics metrics,
        IOptions<JsonHubProtocolOptions> json,
        ILogger<LivePush> logger)
    {
        seatViews = FieldsJson.Seats(json.Value.PayloadSerializerOptions);
        consoleTables = FieldsJson.Console(json.Value.PayloadSerializerOptions);
        this.metrics = metrics;
        this.attendance = attendance;
        this.grains = grains;
        this.players = players;
        this.facilitators = facilitators;
        this.projectors = projectors;
        this.logger = logger;
        feed.Changed += (replica, _) => Schedule(replica, arrived: null);
    }

    /// <summary>Tells a seat's pages that their player sits at another table now, and which.</summary>
    public Task TellMovedAsync(string sessionId, int seat, int table) => players.Clients.Group(Attendance.SeatRoom(sessionId, seat)).Moved(table);

    /// <summary>Pushes a workshop's players and tables to its facilitators (after a join or a move).</summary>
    public async Task WorkshopChangedAsync(string workshopId)
    {
        if (attendance.AnyIn(Attendance.ConsoleRoom(workshopId)) && await grains.GetGrain<IWorkshopGrain>(workshopId).GetAsync() is { } info)
        {
            await facilitators.Clients.Group(Attendance.ConsoleRoom(workshopId)).Workshop(info);
        }
    }

    /// <summary>
    /// Puts a console or projector connection in its workshop's room (out of any room it was in),
    /// watches every table of the workshop and pushes each; returns the rules of the last table.
    /// </summary>
    public async Task<TableReplica?> EnterWorkshopAsync(string connectionId, IGroupManager groups, Attendance.Place room, IEnumerable<string> sessions, TableFeed feed)
    {
        var (_, left, _) = attendance.Enter(connectionId, room);
        if (left is not null && left != room)
        {
            await groups.RemoveFromGroupAsync(connectionId, left.Room);
        }

        await groups.AddToGroupAsync(connectionId, room.Room);
        TableReplica? any = null;
        foreach (var session in sessions)
        {
            any = await feed.WatchAsync(session);
            Schedule(any, room.Room);
        }

        return any;
    }

    /// <summary>
    /// Marks a table changed; its push loop picks up the newest state. <paramref name="arrived"/> is a
    /// room a connection just entered: its next push is a whole one.
    /// </summary>
    public void Schedule(TableReplica replica, string? arrived) => tables.GetOrAdd(replica.SessionId, _ => new TablePush(this, replica)).Poke(arrived);

    /// <summary>Pushes the replica's newest state to every reader here; returns the state it pushed.</summary>
    private async Task<TableState> PushAsync(TableReplica replica, TableState? previous, IReadOnlySet<string> arrived, Sent sent)
    {
        var snapshot = replica.Snapshot;
        var state = snapshot.State;
        var workshopId = TableIds.Parse(replica.SessionId).WorkshopId;
        var seats = attendance.SeatsHere(replica.SessionId, state.Seats.Length);
        var consoleRoom = Attendance.ConsoleRoom(workshopId);
        var projectorRoom = Attendance.ProjectorRoom(workshopId);
        var console = attendance.AnyIn(consoleRoom);
        var projector = attendance.AnyIn(projectorRoom);

        // Each reader, and the version its room was sent last.
        var readers = seats.ToDictionary(seat => seat, seat => After(Attendance.SeatRoom(replica.SessionId, seat)));
        if (console)
        {
            readers[Visibility.FacilitatorReader] = After(consoleRoom);
        }

        if (projector)
        {
            readers[Visibility.PublicReader] = After(projectorRoom);
        }

        var summaries = LiveViews.Summaries(replica, snapshot, readers);
        var views = seats.Count == 0 ? null : LiveViews.Players(replica, snapshot, seatViews, sent.Shared);
        foreach (var seat in seats)
        {
            var after = readers[seat];
            if (after == state.Version)
            {
                // Nothing followed what this seat's pages were sent last (another room's arrival poked this push).
                continue;
            }

            var room = Attendance.SeatRoom(replica.SessionId, seat);
            var before = sent.Before(room, after);
            var newRole = after == 0 || previous!.RoleOf(seat) != state.RoleOf(seat);
            var (update, fields) = views!.Player(seat, after, before, summaries[seat], newRole);
            sent.Rooms[room] = (state.Version, fields);
            await players.Clients.Group(room).Update(update);
            metrics.Pushed("player");
        }

        sent.Shared = views?.SharedJson ?? sent.Shared;
        if (console && readers[Visibility.FacilitatorReader] is var consoleAfter && consoleAfter != state.Version)
        {
            var before = sent.Before(consoleRoom, consoleAfter);
            var table = LiveViews.Facilitator(replica, snapshot, before is null ? 0 : consoleAfter, summaries[Visibility.FacilitatorReader]);
            var fields = consoleTables.Fields(table, null, before);
            sent.Rooms[consoleRoom] = (state.Version, fields);
            await facilitators.Clients.Group(consoleRoom).Table(consoleTables.Since(fields, before));
            metrics.Pushed("facilitator");
        }

        if (sent.Rooms.Count > seats.Count + (console ? 1 : 0))
        {
            // A room without a reader here any more: what it was sent is no base for anything.
            var here = seats.Select(seat => Attendance.SeatRoom(replica.SessionId, seat)).Append(console ? consoleRoom : "").ToHashSet(StringComparer.Ordinal);
            foreach (var gone in sent.Rooms.Keys.Where(room => !here.Contains(room)).ToList())
            {
                sent.Rooms.Remove(gone);
            }
        }

        if (projector)
        {
            await projectors.Clients.Group(projectorRoom).Table(LiveViews.Projector(replica, snapshot, summaries[Visibility.PublicReader]));
            metrics.Pushed("projector");
        }

        return state;

        // What a room was sent last: the previous push, unless a connection arrived since (then nothing).
        long After(string room) => previous is null || arrived.Contains(room) ? 0 : previous.Version;
    }

    /// <summary>
    /// What one table's push loop sent: the JSON of each seat room's view and of the console room's table (by
    /// field, with the version it was of), the base of the room's next delta; and the shared part of the last push's views.
    /// </summary>
    private sealed class Sent
    {
        public Dictionary<string, (long Version, byte[][] Fields)> Rooms { get; } = new(StringComparer.Ordinal);

        /// <summary>The fields a room was sent as version <paramref name="after"/>, the base of its delta; null: send it whole.</summary>
        public byte[][]? Before(string room, long after) => after != 0 && Rooms.TryGetValue(room, out var last) && last.Version == after ? last.Fields : null;

        public byte[][]? Shared { get; set; }
    }

    /// <summary>
    /// One table's push loop: at most one push running, and one more owed if something changed
    /// meanwhile. It remembers the state it pushed last, so the next push sends only what followed.
    /// </summary>
    private sealed class TablePush(LivePush owner, TableReplica replica)
    {
        private readonly ConcurrentDictionary<string, byte> arrivals = new(StringComparer.Ordinal);
        private readonly Sent sent = new();
        private TableState? previous;
        private int owed;
        private int running;

        public void Poke(string? arrived)
        {
            if (arrived is not null)
            {
                arrivals[arrived] = 0;
            }

            Interlocked.Exchange(ref owed, 1);
            if (Interlocked.CompareExchange(ref running, 1, 0) == 0)
            {
                // Pushed from here, without a hop, unless the caller runs under a scheduler of its own
                // (a grain's), which must not capture the push's awaits.
                _ = TaskScheduler.Current == TaskScheduler.Default ? RunAsync() : Task.Run(RunAsync);
            }
        }

        private async Task RunAsync()
        {
            while (true)
            {
                while (Interlocked.Exchange(ref owed, 0) == 1)
                {
                    var arrived = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var room in arrivals.Keys)
                    {
                        if (arrivals.TryRemove(room, out _))
                        {
                            arrived.Add(room);
                        }
                    }

                    try
                    {
                        previous = await owner.PushAsync(replica, previous, arrived, sent);
                    }
                    catch (Exception e)
                    {
                        // Who got what is unknown now: the next push is a whole one for everybody.
                        previous = null;
                        sent.Rooms.Clear();
                        owner.logger.LogWarning(e, "Pushing table {Table} failed", replica.SessionId);
                    }
                }

                Interlocked.Exchange(ref running, 0);

                // A poke between the last check and the release found the loop still running: take it.
                if (Volatile.Read(ref owed) == 0 || Interlocked.CompareExchange(ref running, 1, 0) != 0)
                {
                    return;
                }
            }
        }
    }
}
