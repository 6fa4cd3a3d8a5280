using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>A consistent moment of a replica: the state, and the current round's events with the state it began from.</summary>
public sealed record ReplicaSnapshot(TableState State, TableState RoundStart, ImmutableList<TableEvent> RoundEvents);

/// <summary>
/// This web host's copy of one table's state, folded from the events the table pushes. Views are
/// computed from it here (by the one visibility filter), so the table is asked once per event, not
/// once per player. It also keeps the current round's events, for the round summary.
/// </summary>
public sealed class TableReplica(string sessionId, TableRules rules)
{
    private readonly Lock gate = new();
    private readonly Lock headlineGate = new();
    private ReplicaSnapshot snapshot = new(rules.Initial(), rules.Initial(), []);
    private Visibility.RoundHeadlines? headlines;

    /// <summary>
    /// The round's headlines for these readers after the version each was sent last (0: all), as of
    /// a snapshot, folding only the events not folded before.
    /// </summary>
    public ImmutableDictionary<int, ImmutableArray<Headline>> Headlines(ReplicaSnapshot at, IReadOnlyDictionary<int, long> readers)
    {
        lock (headlineGate)
        {
            if (headlines is null || !ReferenceEquals(headlines.Start, at.RoundStart) || headlines.Count > at.RoundEvents.Count)
            {
                headlines = new Visibility.RoundHeadlines(Rules, at.RoundStart, Math.Max(Rules.Scenario.Players.Max, at.State.Seats.Length));
            }

            for (var i = headlines.Count; i < at.RoundEvents.Count; i++)
            {
                headlines.Add(at.RoundEvents[i]);
            }

            return readers.ToImmutableDictionary(r => r.Key, r => headlines.After(r.Key, r.Value));
        }
    }

    public string SessionId { get; } = sessionId;

    public TableRules Rules { get; } = rules;

    public TableState State => Snapshot.State;

    public ReplicaSnapshot Snapshot
    {
        get
        {
            lock (gate)
            {
                return snapshot;
            }
        }
    }

    /// <summary>
    /// Applies the events that follow the replica's version and skips those it already has.
    /// Returns the events applied, or null when there is a gap (an event is missing before them).
    /// </summary>
    public ImmutableArray<LoggedEvent>? Apply(IEnumerable<LoggedEvent> events)
    {
        lock (gate)
        {
            var applied = ImmutableArray.CreateBuilder<LoggedEvent>();
            var (state, roundStart, roundEvents) = snapshot;
            foreach (var e in events.OrderBy(e => e.Version))
            {
                if (e.Version <= state.Version)
                {
                    continue;
                }

                if (e.Version != state.Version + 1)
                {
                    snapshot = new ReplicaSnapshot(state, roundStart, roundEvents);
                    return null;
                }

                if (e.Event is FlowChanged { Flow: { Stage: Stage.Playing, Phase: 0, Paused: false } } flow && flow.Flow.Round != state.Flow.Round)
                {
                    // A new round begins: its story starts here.
                    (roundStart, roundEvents) = (state, []);
                }

                state = Rules.Evolve(state, e.Event);
                roundEvents = roundEvents.Add(e.Event);
                applied.Add(e);
            }

            snapshot = new ReplicaSnapshot(state, roundStart, roundEvents);
            return applied.ToImmutable();
        }
    }
}
