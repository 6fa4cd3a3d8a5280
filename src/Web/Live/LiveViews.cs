using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

/// <summary>The hub messages made from a replica, through the one visibility filter (<see cref="Visibility"/>).</summary>
public static class LiveViews
{
    /// <summary>
    /// The round summaries of several readers (seats, <see cref="Visibility.PublicReader"/>,
    /// <see cref="Visibility.FacilitatorReader"/>), each after the version it was sent last, in one fold.
    /// </summary>
    public static ImmutableDictionary<int, RoundSummary> Summaries(TableReplica replica, ReplicaSnapshot snapshot, IReadOnlyDictionary<int, long> readers) =>
        readers.Count == 0
            ? ImmutableDictionary<int, RoundSummary>.Empty
            : replica.Headlines(snapshot, readers).ToImmutableDictionary(
                r => r.Key, r => new RoundSummary(snapshot.State.Flow.Round, snapshot.RoundStart.Version, readers[r.Key], r.Value));

    /// <summary>A seat's update; <paramref name="withBrief"/> adds the private texts of the role it holds.</summary>
    public static PlayerUpdate Player(TableReplica replica, ReplicaSnapshot snapshot, int seat, RoundSummary summary, bool withBrief) =>
        new(replica.SessionId, snapshot.State.Version, Visibility.ForSeat(replica.Rules, snapshot.State, seat), summary,
            withBrief ? Visibility.BriefOf(replica.Rules, snapshot.State, seat) : null);

    public static FacilitatorTable Facilitator(TableReplica replica, ReplicaSnapshot snapshot, RoundSummary summary)
    {
        var view = Visibility.ForFacilitator(replica.Rules, snapshot.State);
        var room = view.Room;
        return new FacilitatorTable(
            replica.SessionId, TableIds.Parse(replica.SessionId).Table, room.Version, room.Flow, room.PhaseId, room.Deadline, room.PausedSeconds, room.Metrics, room.Seats,
            view.Resources, view.Proposals, view.Ballot, view.OpenDilemma, view.SwapRequests, view.Reflections, view.Plan, view.CommunityScore, view.Contribution, summary, view.PinnedNotes,
            view.Waiting, view.Injects, view.Messages, view.Notes);
    }

    public static ProjectorTable Projector(TableReplica replica, ReplicaSnapshot snapshot, RoundSummary summary)
    {
        var room = Visibility.ForRoom(replica.Rules, snapshot.State);
        var floor = Visibility.FloorForRoom(replica.Rules, snapshot.State);
        return new ProjectorTable(replica.SessionId, TableIds.Parse(replica.SessionId).Table, room.Version, room.Flow, room.PhaseId, room.Deadline, room.PausedSeconds, room.Metrics, room.Seats, summary,
            floor.Dilemma, floor.Ballot, floor.Words);
    }
}
