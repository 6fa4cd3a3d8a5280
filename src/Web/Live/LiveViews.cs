using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>The hub messages made from a replica, through the one visibility filter (<see cref="Visibility"/>).</summary>
public static class LiveViews
{
    /// <summary>
    /// The round summaries of several readers (seats, <see cref="Visibility.PublicReader"/>,
    /// <see cref="Visibility.FacilitatorReader"/>), each after the version it was sent last, in one fold.
    /// </summary>
    public static ImmutableDictionary<int, RoundSummary> Summaries(SessionReplica replica, ReplicaSnapshot snapshot, IReadOnlyDictionary<int, long> readers) =>
        readers.Count == 0
            ? ImmutableDictionary<int, RoundSummary>.Empty
            : replica.Headlines(snapshot, readers).ToImmutableDictionary(
                r => r.Key, r => new RoundSummary(snapshot.State.Flow.Round, snapshot.RoundStart.Version, readers[r.Key], r.Value));

    /// <summary>A seat's update; <paramref name="withBrief"/> adds the private texts of the role it holds.</summary>
    public static PlayerUpdate Player(SessionReplica replica, ReplicaSnapshot snapshot, int seat, RoundSummary summary, bool withBrief) =>
        new(replica.SessionId, snapshot.State.Version, Visibility.ForSeat(replica.Rules, snapshot.State, seat), summary,
            withBrief ? Visibility.BriefOf(replica.Rules, snapshot.State, seat) : null);

    public static FacilitatorTable Facilitator(SessionReplica replica, ReplicaSnapshot snapshot, RoundSummary summary)
    {
        // The public view already holds the metrics and seats; the private side comes from the state itself.
        var state = snapshot.State;
        var scenario = replica.Rules.Scenario;
        var shared = Visibility.ForSeat(replica.Rules, state, Visibility.PublicReader);
        return new FacilitatorTable(
            replica.SessionId, SessionIds.Parse(replica.SessionId).Table, state.Version, state.Flow, PhaseId(replica, state), state.Deadline,
            shared.Metrics, shared.Seats, state.Resources, state.Proposals, state.Ballot, state.OpenDilemma, state.SwapRequests, state.Reflections,
            state.Plan, Scoring.Community(scenario, state), Scoring.Contribution(scenario, state), summary);
    }

    public static ProjectorTable Projector(SessionReplica replica, ReplicaSnapshot snapshot, RoundSummary summary)
    {
        var state = snapshot.State;
        var view = Visibility.ForSeat(replica.Rules, state, Visibility.PublicReader);
        return new ProjectorTable(replica.SessionId, SessionIds.Parse(replica.SessionId).Table, state.Version, state.Flow, PhaseId(replica, state), state.Deadline,
            view.Metrics, view.Seats, summary);
    }

    private static string? PhaseId(SessionReplica replica, SessionState state) =>
        state.Flow.Stage == Stage.Playing ? replica.Rules.Scenario.Phase(state.Flow.Phase).Id : null;
}
