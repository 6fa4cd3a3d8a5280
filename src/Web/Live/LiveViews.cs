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

    /// <summary>The seat views of a snapshot, whose shared part is built and written once (<paramref name="sharedBefore"/>: as the previous push wrote it).</summary>
    public static SeatViews Players(TableReplica replica, ReplicaSnapshot snapshot, FieldsJson json, byte[][]? sharedBefore) => new(replica, snapshot, json, sharedBefore);

    /// <summary>The seat views of one snapshot of a table: the shared part once, each seat's own part per seat.</summary>
    public sealed class SeatViews
    {
        private readonly TableReplica replica;
        private readonly ReplicaSnapshot snapshot;
        private readonly FieldsJson json;
        private readonly Visibility.SeatViewsAt views;

        internal SeatViews(TableReplica replica, ReplicaSnapshot snapshot, FieldsJson json, byte[][]? sharedBefore)
        {
            this.replica = replica;
            this.snapshot = snapshot;
            this.json = json;
            views = new Visibility.SeatViewsAt(replica.Rules, snapshot.State);
            SharedJson = json.Shared(views.Room, sharedBefore);
        }

        /// <summary>The JSON of each field of the shared part: the room's view.</summary>
        public byte[][] SharedJson { get; }

        /// <summary>
        /// A seat's update, with the JSON of each field of its view (to keep for the next). The view is whole
        /// unless <paramref name="before"/> (the fields of version <paramref name="after"/>) is given: then only
        /// what changed. <paramref name="withBrief"/> adds the private texts of the role the seat holds.
        /// </summary>
        public (PlayerUpdate Update, byte[][] Fields) Player(int seat, long after, byte[][]? before, RoundSummary summary, bool withBrief)
        {
            var state = snapshot.State;
            var fields = json.Fields(views.For(seat), SharedJson, before);
            var update = new PlayerUpdate(replica.SessionId, state.Version, before is null ? 0 : after, json.Since(fields, before), summary,
                withBrief ? Visibility.BriefOf(replica.Rules, state, seat) : null);
            return (update, fields);
        }
    }

    /// <summary>The console's table; <paramref name="after"/>: the version of the table it is sent as a delta on (0: whole).</summary>
    public static FacilitatorTable Facilitator(TableReplica replica, ReplicaSnapshot snapshot, long after, RoundSummary summary)
    {
        var view = Visibility.ForFacilitator(replica.Rules, snapshot.State);
        var room = view.Room;
        return new FacilitatorTable(
            replica.SessionId, TableIds.Parse(replica.SessionId).Table, room.Version, after, room.Flow, room.PhaseId, room.Deadline, room.PausedSeconds, room.Metrics, room.Seats,
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
