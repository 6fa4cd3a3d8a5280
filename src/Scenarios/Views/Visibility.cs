using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Expressions;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Views;

/// <summary>
/// The one place that decides what each person may see. A player sees the public state and
/// their current role's brief, resources, goals and proposals; never another role's secrets.
/// </summary>
public static class Visibility
{
    /// <summary>The view of one seat.</summary>
    public static SeatView ForSeat(TableRules rules, TableState state, int seat) => new SeatViewsAt(rules, state).For(seat);

    /// <summary>The view of one seat around the room's view of the same state; for several seats of one state, <see cref="SeatViewsAt"/>.</summary>
    public static SeatView ForSeatWith(TableRules rules, TableState state, RoomView room, int seat) => new SeatViewsAt(rules, state, room).For(seat);

    /// <summary>
    /// Every seat's view of one state. What is the same for every seat is worked out once: the room's
    /// view (<see cref="ForRoom"/>, the public part of every seat's view), the formula scope, and per
    /// role its card (resources and goals met) and the open dilemma as its holders read it. What
    /// differs per seat (its actions, proposals, vote, next role, points, messages) is built per seat.
    /// A push to several seats makes one of these; <see cref="ForSeat"/> is the same for one seat.
    /// Not for use by several threads at once: it fills its per-role part as seats ask.
    /// </summary>
    public sealed class SeatViewsAt
    {
        private readonly TableRules rules;
        private readonly TableState state;
        private readonly IFormulaScope scope;
        private readonly int present;
        private readonly PerRole?[] roles;
        private DilemmaView? dilemmaForNoRole;

        public SeatViewsAt(TableRules rules, TableState state)
            : this(rules, state, ForRoom(rules, state))
        {
        }

        /// <summary>Around the room's view of the same state (<paramref name="room"/>), when the caller has it already.</summary>
        public SeatViewsAt(TableRules rules, TableState state, RoomView room)
        {
            if (room.Version != state.Version)
            {
                throw new ArgumentException($"the room's view is of version {room.Version}, the state of {state.Version}", nameof(room));
            }

            this.rules = rules;
            this.state = state;
            Room = room;
            scope = rules.Scope(state);
            roles = new PerRole?[rules.Scenario.Roles.Length];
            foreach (var s in state.Seats)
            {
                present += !s.Left && s.Present ? 1 : 0;
            }
        }

        /// <summary>The room's view of the state: the public part of every seat's view.</summary>
        public RoomView Room { get; }

        /// <summary>What one seat sees.</summary>
        public SeatView For(int seat)
        {
            var roleId = state.RoleOf(seat);
            var role = roleId is null ? null : Of(roleId);
            var actions = role is null || state.Flow.Stage is Stage.Debrief or Stage.Ended ? [] : Actions(role.Role, seat);

            var ballot = state.Ballot is { } b
                ? new BallotView(b.Id, b.Subject, b.SubjectId, b.Options, b.Votes.GetValueOrDefault(seat), b.Votes.Count, present)
                : null;

            var me = seat >= 0 && seat < state.Seats.Length ? state.Seats[seat] : null;
            return new SeatView(
                rules.Scenario.Id,
                Room.Version,
                Room.Flow,
                Room.PhaseId,
                Room.Deadline,
                Room.PausedSeconds,
                Room.Metrics,
                Room.Seats,
                seat,
                role?.Card,
                actions,
                Proposals(seat, roleId),
                ballot,
                role is null ? dilemmaForNoRole ??= OpenDilemma(rules.Scenario, state, null) : role.Dilemma,
                Next(state, seat),
                me?.Points ?? 0,
                me?.Achievements ?? [],
                state.CommunityScore,
                MessagesFor(state, seat));
        }

        /// <summary>A role's card and dilemma, the same for every seat that holds it.</summary>
        private sealed record PerRole(Role Role, RoleCard Card, DilemmaView? Dilemma);

        private PerRole Of(string roleId)
        {
            var all = rules.Scenario.Roles;
            var i = 0;
            while (all[i].Id != roleId)
            {
                i++;
            }

            return roles[i] ??= Make(all[i]);
        }

        private PerRole Make(Role role)
        {
            var resources = ImmutableArray.CreateBuilder<ResourceView>(role.Resources.Length);
            foreach (var r in role.Resources)
            {
                resources.Add(new ResourceView(r.Id, state.Resources[EffectTarget.ResourceKey(role.Id, r.Id)]));
            }

            var met = ImmutableArray.CreateBuilder<string>();
            foreach (var goal in role.Goals)
            {
                if (rules.IsMet(state, scope, goal))
                {
                    met.Add(goal.Id);
                }
            }

            return new PerRole(role, new RoleCard(role.Id, resources.MoveToImmutable(), met.ToImmutable()), OpenDilemma(rules.Scenario, state, role.Id));
        }

        private ImmutableArray<ActionView> Actions(Role role, int seat)
        {
            var actions = ImmutableArray.CreateBuilder<ActionView>();
            foreach (var a in rules.Scenario.Actions)
            {
                if (a.Role == role.Id)
                {
                    var why = rules.WhyNot(state, scope, seat, a);
                    actions.Add(new ActionView(a.Id, why is null, why is null ? null : rules.ReasonId(why)));
                }
            }

            return actions.ToImmutable();
        }

        private ImmutableArray<ProposalView> Proposals(int seat, string? roleId)
        {
            var proposals = ImmutableArray.CreateBuilder<ProposalView>();
            foreach (var p in state.Proposals)
            {
                if (p.FromSeat == seat || (!p.Countered && p.ToRole == roleId))
                {
                    proposals.Add(new ProposalView(p.Id, p.FromSeat, p.FromRole, p.ToRole, p.Action, p.Note, p.Countered, p.CounterNote,
                        p.Countered ? p.FromSeat == seat : p.ToRole == roleId));
                }
            }

            return proposals.ToImmutable();
        }
    }

    /// <summary>A dilemma card as a player reads it: options with their effects on shared metrics only (a resource is a role's secret).</summary>
    public static DilemmaView DilemmaOf(Dilemma d, string decider, string? role) => new(
        d.Id,
        d.Title,
        d.Body,
        [.. d.Options.Select(o => new OptionView(o.Id, o.Label, [.. o.Effects.Where(e => e.Target.IsMetric).Select(e => new MetricEffect(e.Target.Id, e.Delta.Source))]))],
        decider,
        decider == role);

    /// <summary>The private texts of the role a seat holds now, for that seat only; null without a role.</summary>
    public static RoleBrief? BriefOf(TableRules rules, TableState state, int seat) =>
        state.RoleOf(seat) is { } roleId ? Brief(rules.Scenario.Role(roleId)) : null;

    /// <summary>Every role's private texts, for the facilitator only (who may read everything): the console's story names every role's resources.</summary>
    public static ImmutableArray<RoleBrief> EveryBrief(TableRules rules) => [.. rules.Scenario.Roles.Select(Brief)];

    private static RoleBrief Brief(Role role) =>
        new(role.Id, role.Brief, [.. role.Resources.Select(r => new BriefResource(r.Id, r.Label))], [.. role.Goals.Select(g => new BriefGoal(g.Id, g.Label, g.Points))]);

    /// <summary>The room's view (a projector): the public state only.</summary>
    public static RoomView ForRoom(TableRules rules, TableState state) =>
        new(state.Version, state.Flow, PhaseId(rules, state), state.Deadline, PausedSeconds(state), Metrics(rules, state), Seats(state));

    /// <summary>
    /// What is open at a table for the room (a projector): the dilemma card, the open vote's count per
    /// option as votes come in (never who voted what: the count is what a show of hands shows), and this
    /// round's one-word reflections without who gave them, sorted so their order does not follow the seats.
    /// </summary>
    public static RoomFloor FloorForRoom(TableRules rules, TableState state)
    {
        var ballot = state.Ballot is { } b
            ? new RoomBallot(b.Id, b.Subject, b.SubjectId, b.Options,
                b.Options.ToImmutableSortedDictionary(o => o, o => b.Votes.Values.Count(v => v == o), StringComparer.Ordinal),
                b.Votes.Count, state.Playing.Count(s => s.Present))
            : null;
        var words = state.Reflections.Where(r => r.Round == state.Flow.Round).Select(r => r.Word)
            .Order(StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        return new RoomFloor(OpenDilemma(rules.Scenario, state, null), ballot, words);
    }

    /// <summary>The open dilemma card with the effects of its options on the shared metrics (a role's resources stay private); whether <paramref name="roleId"/> decides it.</summary>
    private static DilemmaView? OpenDilemma(Scenario scenario, TableState state, string? roleId)
    {
        if (state.OpenDilemma is not { } open)
        {
            return null;
        }

        var d = scenario.Dilemma(open);
        return DilemmaOf(d, DilemmaDraw.DecidingRole(state, d) ?? Dilemma.ByVote, roleId);
    }

    /// <summary>The facilitator's view: everything, by design and by authorization.</summary>
    public static FacilitatorView ForFacilitator(TableRules rules, TableState state) => new(
        ForRoom(rules, state),
        state.Resources,
        state.Proposals,
        state.Ballot,
        state.OpenDilemma,
        state.SwapRequests,
        state.Reflections,
        state.Plan,
        Scoring.Community(rules.Scenario, state),
        Scoring.Contribution(rules.Scenario, state),
        state.PinnedNotes,
        Waiting(rules, state),
        state.Injects,
        state.Messages,
        state.Notes);

    /// <summary>How many of the newest messages a seat's view carries: enough to scroll back through a workshop, small enough to send after every event.</summary>
    public const int MessagesShown = 20;

    /// <summary>The newest messages addressed to every seat or to this one.</summary>
    private static ImmutableArray<TableMessage> MessagesFor(TableState state, int seat)
    {
        // From the newest back: a long workshop's early messages are never looked at.
        var newest = new Stack<TableMessage>();
        for (var i = state.Messages.Count - 1; i >= 0 && newest.Count < MessagesShown; i--)
        {
            var m = state.Messages[i];
            if (m.Seat is null || m.Seat == seat)
            {
                newest.Push(m);
            }
        }

        return [.. newest];
    }

    /// <summary>
    /// The seats that have something to do in this phase and have not acted yet: in a round, a role
    /// with an action in this phase, a proposal to answer, a vote to cast or the dilemma to decide;
    /// at a role swap, a reflection to give (not a bot's: bots do not reflect). Present or away: an
    /// away seat that must act is trouble too.
    /// </summary>
    private static ImmutableArray<int> Waiting(TableRules rules, TableState state)
    {
        if (state.Flow.Stage is not (Stage.Playing or Stage.RoleSwap))
        {
            return [];
        }

        var scenario = rules.Scenario;
        var phase = state.Flow.Stage == Stage.Playing ? scenario.Phase(state.Flow.Phase).Id : null;
        var decider = state.OpenDilemma is { } open ? DilemmaDraw.DecidingRole(state, scenario.Dilemma(open)) : null;
        bool HasSomethingToDo(Seat seat)
        {
            var role = state.RoleOf(seat.Id);
            if (phase is null)
            {
                return seat.Bot is null && state.RoleIn(seat.Id, state.Flow.Round) is not null;
            }

            return role is not null && (scenario.Actions.Any(a => a.Role == role && a.Phases.Contains(phase))
                || state.Proposals.Any(p => p.Countered ? p.FromSeat == seat.Id : p.ToRole == role)
                || (state.Ballot is { } ballot && !ballot.Votes.ContainsKey(seat.Id))
                || (decider is not null && decider == role));
        }

        return [.. state.Playing.Where(s => !state.ActedThisPhase.Contains(s.Id) && HasSomethingToDo(s)).Select(s => s.Id)];
    }

    /// <summary>
    /// The story of the log as one seat may read it: every public fact, resource changes only of
    /// the role the seat held when they happened, proposals only to their two sides. The log is
    /// folded along the way, so each event is judged by the roles of its own moment.
    /// </summary>
    public static IEnumerable<Headline> Headlines(TableRules rules, IReadOnlyList<TableEvent> log, int seat)
    {
        var state = rules.Initial();
        Closed? closed = null;
        foreach (var e in log)
        {
            var before = state;
            state = rules.Evolve(state, e);
            if (Headline(e, before, closed, state.Version, before.RoleOf(seat), seat, everything: false) is { } headline)
            {
                yield return headline;
            }

            closed = Closing(e, before);
        }
    }

    /// <summary>
    /// The story of one round for every reader at once — each seat as <see cref="Headlines"/> tells it,
    /// <see cref="PublicReader"/> as the room may read it (shared metrics only, no proposals) and
    /// <see cref="FacilitatorReader"/> with everything — folded one event at a time, so a push after
    /// each event costs one event's work, not the round's.
    /// </summary>
    public sealed class RoundHeadlines
    {
        private readonly TableRules rules;
        private readonly int[] readers;
        private readonly ImmutableArray<Headline>.Builder[] lines;
        private TableState state;
        private Closed? closed;

        public RoundHeadlines(TableRules rules, TableState start, int seats)
        {
            this.rules = rules;
            Start = start;
            state = start;
            readers = [.. Enumerable.Range(0, seats), PublicReader, FacilitatorReader];
            lines = [.. readers.Select(_ => ImmutableArray.CreateBuilder<Headline>())];
        }

        public TableState Start { get; }

        public int Count { get; private set; }

        public void Add(TableEvent e)
        {
            var before = state;
            state = rules.Evolve(state, e);
            for (var i = 0; i < readers.Length; i++)
            {
                var reader = readers[i];
                var mine = reader >= 0 ? before.RoleOf(reader) : null;
                if (Headline(e, before, closed, state.Version, mine, reader, everything: reader == FacilitatorReader) is { } headline)
                {
                    lines[i].Add(headline);
                }
            }

            closed = Closing(e, before);
            Count++;
        }

        public ImmutableArray<Headline> For(int reader) => After(reader, long.MinValue);

        /// <summary>A reader's headlines after a version: a push sends only what followed the previous one.</summary>
        public ImmutableArray<Headline> After(int reader, long version)
        {
            var i = Array.IndexOf(readers, reader);
            if (i < 0)
            {
                return [];
            }

            var line = lines[i];
            var first = line.Count;
            while (first > 0 && line[first - 1].Version > version)
            {
                first--;
            }

            return [.. line.Skip(first)];
        }
    }

    /// <summary>The reader "the room": a projector, the public.</summary>
    public const int PublicReader = -1;

    /// <summary>The reader "the facilitator", who may read everything.</summary>
    public const int FacilitatorReader = -2;

    /// <summary>A vote that the previous event closed: a dilemma's vote is told with the decision that follows it.</summary>
    private sealed record Closed(Ballot Ballot, BallotClosed Event);

    private static Closed? Closing(TableEvent e, TableState before) =>
        e is BallotClosed b && before.Ballot is { } ballot ? new Closed(ballot, b) : null;

    /// <summary>
    /// The headline of one event for one reader, or null when the reader does not hear of it.
    /// <paramref name="before"/> is the state the event applied to: the roles of that moment, and what an
    /// answer or a closed vote was about, which only that state still knows. A proposal and how it was
    /// answered (but for an acceptance, which moves the shared metrics) reach only its two sides.
    /// </summary>
    private static Headline? Headline(TableEvent e, TableState before, Closed? closed, long version, string? mine, int seat, bool everything)
    {
        ImmutableArray<Change> Visible(ImmutableArray<Change> changes) => everything ? changes :
            [.. changes.Where(c => !EffectTarget.IsResource(c.Target) || (mine is not null && EffectTarget.IsResourceOf(c.Target, mine)))];

        // Its two sides: the proposer and whoever holds either role (a role two seats share has one purse).
        bool Party(int fromSeat, string fromRole, string toRole) => everything || fromSeat == seat || (mine is not null && (fromRole == mine || toRole == mine));

        Headline Line(string kind, int? who, string? subject, string? outcome, ImmutableArray<Change> changes, int? otherSeat = null, string? otherRole = null, ImmutableSortedDictionary<string, int>? tally = null) =>
            new(version, kind, who, who is { } s ? before.RoleOf(s) : null, subject, outcome, otherSeat, otherRole, tally, Visible(changes),
                Bot: who is { } b && b < before.Seats.Length && before.Seats[b].Bot is not null);

        switch (e)
        {
            case ActionTaken a:
                return Line("action", a.Seat, a.Action, null, a.Changes);
            case ProposalMade p when Party(p.Seat, p.Role, p.To):
                return Line("proposal", p.Seat, p.Action, null, p.Changes, otherRole: p.To);
            case ProposalAnswered a when before.Proposals.FirstOrDefault(x => x.Id == a.Proposal) is { } p:
                if (a.Answer != Answer.Accept && !Party(p.FromSeat, p.FromRole, p.ToRole))
                {
                    return null;
                }

                var outcome = a.Answer.ToString().ToLowerInvariant();
                return (a.Answer, p.Countered) switch
                {
                    // Nobody answered in time: the line names whose proposal (or counter) ran out.
                    (Answer.Expire, false) => Line("proposal_expired", p.FromSeat, p.Action, outcome, a.Changes, otherRole: p.ToRole),
                    (Answer.Expire, true) => Line("counter_expired", p.FromSeat, p.Action, outcome, a.Changes, otherRole: p.ToRole),
                    (_, false) => Line("proposal_answered", a.Seat, p.Action, outcome, a.Changes, p.FromSeat, p.FromRole),
                    (_, true) => Line("counter_answered", a.Seat, p.Action, outcome, a.Changes, otherRole: p.ToRole),
                };
            case BallotOpened { Subject: BallotSubject.Action } b:
                return Line("ballot", b.Seat, b.SubjectId, null, b.Changes);
            case BallotClosed b when before.Ballot is { Subject: BallotSubject.Action } ballot:
                // Carried: yes; not carried: no; nobody voted: no outcome.
                var cast = b.Tally.Values.Sum();
                return Line("vote", null, ballot.SubjectId, b.Outcome ?? (cast == 0 ? null : "no"), b.Changes, tally: Sorted(b.Tally));
            case DilemmaResolved d when closed is { Ballot.Subject: BallotSubject.Dilemma } vote && vote.Ballot.SubjectId == d.Dilemma:
                return Line("dilemma_vote", null, d.Dilemma, d.Option, d.Changes, tally: Sorted(vote.Event.Tally));
            case DilemmaResolved d:
                return d.Seat is { } decider
                    ? Line("dilemma", decider, d.Dilemma, d.Option, d.Changes)
                    : Line("dilemma_default", null, d.Dilemma, d.Option, d.Changes);
            case DilemmaDrawn d:
                return Line("dilemma_drawn", null, d.Dilemma, null, []);
            case FlowChanged f:
                var same = f.Flow with { Paused = false } == before.Flow with { Paused = false };
                var kind = same && f.Flow.Paused && !before.Flow.Paused ? "pause"
                    : same && !f.Flow.Paused && before.Flow.Paused ? "resume"
                    : "flow";
                return Line(kind, null, f.Flow.ToString(), null, []);
            default:
                return null;
        }
    }

    /// <summary>While paused in a phase with a timer: the whole seconds it will have left when the game resumes.</summary>
    private static int? PausedSeconds(TableState state) =>
        state.Flow.Paused && state.RemainingWhenPaused is { } left ? (int)Math.Ceiling(left.TotalSeconds) : null;

    private static ImmutableSortedDictionary<string, int> Sorted(ImmutableDictionary<string, int> tally) =>
        tally.ToImmutableSortedDictionary(StringComparer.Ordinal);

    private static string? PhaseId(TableRules rules, TableState state) =>
        state.Flow.Stage == Stage.Playing ? rules.Scenario.Phase(state.Flow.Phase).Id : null;

    private static ImmutableArray<MetricView> Metrics(TableRules rules, TableState state) =>
        [.. rules.Scenario.Metrics.Select(m => new MetricView(m.Id, state.Metrics[m.Id], state.Metrics[m.Id] - state.MetricsAtRoundStart[m.Id]))];

    private static ImmutableArray<SeatSummary> Seats(TableState state) =>
        // In the lobby a seat given up (its player moved or went) has no history yet: it is not listed.
        [.. state.Seats.Where(s => state.Started || !s.Left).Select(s => new SeatSummary(s.Id, s.Name, s.Present, s.Left, state.Started ? state.RoleOf(s.Id) : null, s.Points, s.Bot))];

    private static NextRole? Next(TableState state, int seat)
    {
        if (state.Flow.Stage != Stage.RoleSwap || state.RoleIn(seat, state.Flow.Round + 1) is not { } next)
        {
            return null;
        }

        var notes = state.Notes.Where(n => n.Role == next && n.Round == state.Flow.Round && n.Seat != seat).Select(n => n.Text).ToImmutableArray();
        return new NextRole(next, notes);
    }
}
