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

    // Each table's seats with a connection here, by the number of connections (under the gate): a presence
    // report reads one table's seats without scanning every connection of the host.
    private readonly Dictionary<string, SortedDictionary<int, int>> seatsByTable = new(StringComparer.Ordinal);
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
            if (place is AtSeat seat)
            {
                var seats = seatsByTable.TryGetValue(seat.SessionId, out var known) ? known : seatsByTable[seat.SessionId] = [];
                seats[seat.Seat] = seats.GetValueOrDefault(seat.Seat) + 1;
            }

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
            return (changes, seatsByTable.TryGetValue(sessionId, out var seats) ? [.. seats.Keys] : []);
        }
    }

    /// <summary>How many seats have at least one connection on this host.</summary>
    public int ConnectedSeats
    {
        get
        {
            lock (gate)
            {
                return seatsByTable.Values.Sum(seats => seats.Count);
            }
        }
    }

    /// <summary>The tables with at least one seat connected here.</summary>
    public IReadOnlyList<string> TablesWithSeats()
    {
        lock (gate)
        {
            return [.. seatsByTable.Keys];
        }
    }

    public Place? Where(string connectionId) => places.GetValueOrDefault(connectionId);

    public bool AnyIn(string room) => rooms.TryGetValue(room, out var r) && !r.IsEmpty;

    /// <summary>The seats of a table that have a connection here.</summary>
    public IReadOnlyList<int> SeatsHere(string sessionId, int seatCount)
    {
        lock (gate)
        {
            return seatsByTable.TryGetValue(sessionId, out var seats) ? [.. seats.Keys.Where(s => s < seatCount)] : [];
        }
    }

    private (Place? Left, bool WasLast) LeaveLocked(string connectionId)
    {
        if (!places.TryRemove(connectionId, out var place))
        {
            return (null, false);
        }

        changes++;
        if (place is AtSeat seat && seatsByTable.TryGetValue(seat.SessionId, out var seats))
        {
            if (seats[seat.Seat] > 1)
            {
                seats[seat.Seat]--;
            }
            else
            {
                seats.Remove(seat.Seat);
                if (seats.Count == 0)
                {
                    seatsByTable.Remove(seat.SessionId);
                }
            }
        }

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
