using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// This web host's copy of one table's state, folded from the events the table pushes. Views are
/// computed from it here (by the one visibility filter), so the table is asked once per event, not
/// once per player.
/// </summary>
public sealed class SessionReplica(string sessionId, SessionRules rules)
{
    private readonly Lock gate = new();
    private SessionState state = rules.Initial();

    public string SessionId { get; } = sessionId;

    public SessionRules Rules { get; } = rules;

    public SessionState State
    {
        get
        {
            lock (gate)
            {
                return state;
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
            foreach (var e in events.OrderBy(e => e.Version))
            {
                if (e.Version <= state.Version)
                {
                    continue;
                }

                if (e.Version != state.Version + 1)
                {
                    return null;
                }

                state = Rules.Evolve(state, e.Event);
                applied.Add(e);
            }

            return applied.ToImmutable();
        }
    }
}
