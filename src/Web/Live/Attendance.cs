using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Who is connected to this web host, and where: the connections of each seat, of each workshop's
/// facilitators and projectors. Pushes are computed only for readers that are here, and a seat's
/// first and last connection mark it present and away.
/// </summary>
public sealed class Attendance
{
    private readonly ConcurrentDictionary<string, Place> places = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> rooms = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long changes;

    /// <summary>Where one connection is: a seat at a table, or a facilitator's or projector's room.</summary>
    public abstract record Place(string Room);

    public sealed record AtSeat(string SessionId, int Seat) : Place(SeatRoom(SessionId, Seat));

    public sealed record AtConsole(string WorkshopId) : Place(ConsoleRoom(WorkshopId));

    public sealed record AtProjector(string WorkshopId) : Place(ProjectorRoom(WorkshopId));

    public static string SeatRoom(string sessionId, int seat) => $"seat:{sessionId}:{seat}";

    public static string ConsoleRoom(string workshopId) => $"facilitator:{workshopId}";

    public static string ProjectorRoom(string workshopId) => $"projector:{workshopId}";

    /// <summary>Puts a connection in a place (leaving its previous one); true when it is the first connection there.</summary>
    public (bool First, Place? Left, bool LeftWasLast) Enter(string connectionId, Place place)
    {
        lock (gate)
        {
            var (left, last) = LeaveLocked(connectionId);
            changes++;
            places[connectionId] = place;
            var room = rooms.GetOrAdd(place.Room, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
            room[connectionId] = 0;
            return (room.Count == 1, left, last);
        }
    }

    /// <summary>Takes a connection out; returns where it was and whether it was the last one there.</summary>
    public (Place? Left, bool WasLast) Leave(string connectionId)
    {
        lock (gate)
        {
            return LeaveLocked(connectionId);
        }
    }

    /// <summary>
    /// The seats of a table that have a connection here, with a number that grows with every change
    /// of this host's connections (taken together, so the newer of two answers has the larger number).
    /// </summary>
    public (long Sequence, ImmutableArray<int> Seats) SeatsOf(string sessionId)
    {
        lock (gate)
        {
            return (changes, [.. places.Values.OfType<AtSeat>().Where(s => s.SessionId == sessionId).Select(s => s.Seat).Distinct().Order()]);
        }
    }

    /// <summary>The tables with at least one seat connected here.</summary>
    /// <summary>How many seats have at least one connection on this host.</summary>
    public int ConnectedSeats => places.Values.OfType<AtSeat>().Distinct().Count();

    public IReadOnlyList<string> TablesWithSeats() => [.. places.Values.OfType<AtSeat>().Select(s => s.SessionId).Distinct(StringComparer.Ordinal)];

    public Place? Where(string connectionId) => places.GetValueOrDefault(connectionId);

    public bool AnyIn(string room) => rooms.TryGetValue(room, out var r) && !r.IsEmpty;

    /// <summary>The seats of a table that have a connection here.</summary>
    public IReadOnlyList<int> SeatsHere(string sessionId, int seatCount) =>
        [.. Enumerable.Range(0, seatCount).Where(s => AnyIn(SeatRoom(sessionId, s)))];

    private (Place? Left, bool WasLast) LeaveLocked(string connectionId)
    {
        if (!places.TryRemove(connectionId, out var place))
        {
            return (null, false);
        }

        changes++;

        var last = false;
        if (rooms.TryGetValue(place.Room, out var room))
        {
            room.TryRemove(connectionId, out _);
            if (room.IsEmpty)
            {
                rooms.TryRemove(place.Room, out _);
                last = true;
            }
        }

        return (place, last);
    }
}
