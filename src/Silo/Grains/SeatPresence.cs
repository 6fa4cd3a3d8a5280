using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>
/// Which seats of a table have a connection, by the word of the web hosts that hold the connections.
/// A host's word counts for one lease and is renewed by its next report; a seat is present while any
/// host whose word still counts has it. A seat the log calls present that no host has spoken of yet -
/// after the table (re)started, or just after the seat was taken - is given one lease for a host to
/// speak before it is called away. Kept in memory only: what changes is logged as presence events.
/// </summary>
internal sealed class SeatPresence(TimeSpan lease)
{
    private readonly Dictionary<string, Word> hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DateTimeOffset> waitingUntil = [];

    private sealed record Word(long Sequence, ImmutableArray<int> Seats, DateTimeOffset Until);

    /// <summary>Takes a host's report; an older one than the host's last is ignored (false).</summary>
    public bool Take(PresenceReport report, DateTimeOffset now)
    {
        if (hosts.TryGetValue(report.Host, out var known) && known.Sequence > report.Sequence)
        {
            return false;
        }

        hosts[report.Host] = new Word(report.Sequence, report.Seats, now + lease);
        foreach (var seat in report.Seats)
        {
            waitingUntil.Remove(seat);
        }

        return true;
    }

    /// <summary>Gives every seat the log calls present one lease for a host to speak of it (a table that starts again).</summary>
    public void WaitForHosts(TableState state, DateTimeOffset now)
    {
        foreach (var seat in state.Seats.Where(s => s.Present))
        {
            waitingUntil[seat.Id] = now + lease;
        }
    }

    /// <summary>Gives a seat just taken one lease for its player's connection to be reported.</summary>
    public void WaitFor(int seat, DateTimeOffset now) => waitingUntil[seat] = now + lease;

    /// <summary>
    /// The next moment a host's word or a seat's wait runs out (null: none is pending), so the table can
    /// look again exactly then rather than at its next periodic check. It may be past already: a word or a
    /// wait that ran out after the table last looked (<see cref="Changes"/>), even by a microsecond, is
    /// still to be looked at — left out, the seat went away a whole period late (PresenceTimingTests,
    /// about one run in eight).
    /// </summary>
    public DateTimeOffset? NextExpiry()
    {
        DateTimeOffset? next = null;
        foreach (var at in hosts.Values.Select(w => w.Until).Concat(waitingUntil.Values))
        {
            next = next is null || at < next ? at : next;
        }

        return next;
    }

    /// <summary>The seats whose logged presence is not what the hosts say now.</summary>
    public IReadOnlyList<(int Seat, bool Present)> Changes(TableState state, DateTimeOffset now)
    {
        foreach (var silent in hosts.Where(h => h.Value.Until <= now).Select(h => h.Key).ToList())
        {
            hosts.Remove(silent);
        }

        // A wait that ran out counts no more (as if it never was), and must not keep the next look due.
        foreach (var waited in waitingUntil.Where(w => w.Value <= now).Select(w => w.Key).ToList())
        {
            waitingUntil.Remove(waited);
        }

        var connected = hosts.Values.SelectMany(w => w.Seats).ToHashSet();
        var changes = new List<(int, bool)>();
        foreach (var seat in state.Seats.Where(s => !s.Left))
        {
            var present = connected.Contains(seat.Id);
            if (present && !seat.Present)
            {
                changes.Add((seat.Id, true));
            }
            else if (!present && seat.Present && !waitingUntil.ContainsKey(seat.Id))
            {
                changes.Add((seat.Id, false));
            }
        }

        return changes;
    }
}
