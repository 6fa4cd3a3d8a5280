using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>The hub messages made from a replica, through the one visibility filter (<see cref="Visibility"/>).</summary>
public static class LiveViews
{
    /// <summary>The round summaries of several readers (seats, <see cref="Visibility.PublicReader"/>, <see cref="Visibility.FacilitatorReader"/>) in one fold.</summary>
    public static ImmutableDictionary<int, ImmutableArray<Headline>> Summaries(SessionReplica replica, ReplicaSnapshot snapshot, IReadOnlyCollection<int> readers) =>
        readers.Count == 0
            ? ImmutableDictionary<int, ImmutableArray<Headline>>.Empty
            : Visibility.HeadlinesByReader(replica.Rules, snapshot.RoundStart, snapshot.RoundEvents, readers);

    public static PlayerUpdate Player(SessionReplica replica, ReplicaSnapshot snapshot, int seat, ImmutableArray<Headline> headlines) =>
        new(replica.SessionId, snapshot.State.Version, Visibility.ForSeat(replica.Rules, snapshot.State, seat), new RoundSummary(snapshot.State.Flow.Round, headlines));

    public static FacilitatorTable Facilitator(SessionReplica replica, ReplicaSnapshot snapshot, ImmutableArray<Headline> headlines)
    {
        var state = snapshot.State;
        var view = Visibility.ForFacilitator(replica.Rules, state);
        return new FacilitatorTable(
            replica.SessionId, SessionIds.Parse(replica.SessionId).Table, state.Version, state.Flow, PhaseId(replica, state), state.Deadline,
            view.Metrics, view.Seats, state.Resources, state.Proposals, state.Ballot, state.OpenDilemma, state.SwapRequests, state.Reflections,
            state.Plan, view.CommunityScoreNow, view.Contribution, new RoundSummary(state.Flow.Round, headlines));
    }

    public static ProjectorTable Projector(SessionReplica replica, ReplicaSnapshot snapshot, ImmutableArray<Headline> headlines)
    {
        var state = snapshot.State;
        var view = Visibility.ForSeat(replica.Rules, state, Visibility.PublicReader);
        return new ProjectorTable(replica.SessionId, SessionIds.Parse(replica.SessionId).Table, state.Version, state.Flow, PhaseId(replica, state), state.Deadline,
            view.Metrics, view.Seats, new RoundSummary(state.Flow.Round, headlines));
    }

    private static string? PhaseId(SessionReplica replica, SessionState state) =>
        state.Flow.Stage == Stage.Playing ? replica.Rules.Scenario.Phase(state.Flow.Phase).Id : null;
}
