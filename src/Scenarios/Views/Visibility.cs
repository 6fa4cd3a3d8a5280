using System.Collections.Immutable;
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
    public static SeatView ForSeat(TableRules rules, TableState state, int seat)
    {
        var scenario = rules.Scenario;
        var roleId = state.RoleOf(seat);
        var role = roleId is null ? null : scenario.Role(roleId);
        var scope = rules.Scope(state);
        RoleCard? card = role is null ? null : new RoleCard(
            role.Id,
            [.. role.Resources.Select(r => new ResourceView(r.Id, state.Resources[EffectTarget.ResourceKey(role.Id, r.Id)]))],
            [.. role.Goals.Where(g => g.When.IsTrue(scope)).Select(g => g.Id)]);

        var actions = role is null || state.Flow.Stage is Stage.Debrief or Stage.Ended
            ? []
            : scenario.Actions.Where(a => a.Role == role.Id).Select(a =>
            {
                var why = rules.WhyNot(state, seat, a);
                return new ActionView(a.Id, why is null, why is null ? null : rules.ReasonId(why));
            }).ToImmutableArray();

        var proposals = state.Proposals
            .Where(p => p.FromSeat == seat || (!p.Countered && p.ToRole == roleId))
            .Select(p => new ProposalView(p.Id, p.FromSeat, p.FromRole, p.ToRole, p.Action, p.Note, p.Countered, p.CounterNote,
                p.Countered ? p.FromSeat == seat : p.ToRole == roleId))
            .ToImmutableArray();

        var ballot = state.Ballot is { } b
            ? new BallotView(b.Id, b.Subject, b.SubjectId, b.Options, b.Votes.GetValueOrDefault(seat), b.Votes.Count, state.Playing.Count(s => s.Present))
            : null;

        DilemmaView? dilemma = null;
        if (state.OpenDilemma is { } open)
        {
            var d = scenario.Dilemma(open);
            var decider = DilemmaDraw.DecidingRole(state, d) ?? Dilemma.ByVote;
            var options = d.Options.Select(o => new OptionView(o.Id, o.Label,
                [.. o.Effects.Where(e => e.Target.IsMetric).Select(e => new MetricEffect(e.Target.Id, e.Delta.Source))])).ToImmutableArray();
            dilemma = new DilemmaView(d.Id, d.Title, d.Body, options, decider, decider == roleId);
        }

        var me = seat >= 0 && seat < state.Seats.Length ? state.Seats[seat] : null;
        return new SeatView(
            scenario.Id,
            state.Version,
            state.Flow,
            PhaseId(rules, state),
            state.Deadline,
            PausedSeconds(state),
            Metrics(rules, state),
            Seats(state),
            seat,
            card,
            actions,
            proposals,
            ballot,
            dilemma,
            Next(state, seat),
            me?.Points ?? 0,
            me?.Achievements ?? [],
            state.CommunityScore);
    }

    /// <summary>The private texts of the role a seat holds now, for that seat only; null without a role.</summary>
    public static RoleBrief? BriefOf(TableRules rules, TableState state, int seat) =>
        state.RoleOf(seat) is { } roleId && rules.Scenario.Role(roleId) is var role
            ? new RoleBrief(role.Id, role.Brief, [.. role.Resources.Select(r => new BriefResource(r.Id, r.Label))], [.. role.Goals.Select(g => new BriefGoal(g.Id, g.Label, g.Points))])
            : null;

    /// <summary>The room's view (a projector): the public state only.</summary>
    public static RoomView ForRoom(TableRules rules, TableState state) =>
        new(state.Version, state.Flow, PhaseId(rules, state), state.Deadline, PausedSeconds(state), Metrics(rules, state), Seats(state));

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
        Scoring.Contribution(rules.Scenario, state));

    /// <summary>
    /// The story of the log as one seat may read it: every public fact, resource changes only of
    /// the role the seat held when they happened, proposals only to their two sides. The log is
    /// folded along the way, so each event is judged by the roles of its own moment.
    /// </summary>
    public static IEnumerable<Headline> Headlines(TableRules rules, IReadOnlyList<TableEvent> log, int seat)
    {
        var state = rules.Initial();
        foreach (var e in log)
        {
            var before = state;
            state = rules.Evolve(state, e);
            if (Headline(e, before, state.Version, before.RoleOf(seat), seat, everything: false) is { } headline)
            {
                yield return headline;
            }
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
                if (Headline(e, before, state.Version, mine, reader, everything: reader == FacilitatorReader) is { } headline)
                {
                    lines[i].Add(headline);
                }
            }

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

    /// <summary>
    /// The headline of one event for one reader, or null when the reader does not hear of it.
    /// <paramref name="before"/> is the state the event applied to: an accepted proposal and a closed
    /// vote are named by what they were about (an action, a dilemma), which only that state still knows.
    /// </summary>
    private static Headline? Headline(TableEvent e, TableState before, long version, string? mine, int seat, bool everything)
    {
        ImmutableArray<Change> Visible(ImmutableArray<Change> changes) => everything ? changes :
            [.. changes.Where(c => !EffectTarget.IsResource(c.Target) || (mine is not null && EffectTarget.IsResourceOf(c.Target, mine)))];

        return e switch
        {
            ActionTaken a => new Headline(version, "action", a.Seat, a.Role, a.Action, null, Visible(a.Changes)),
            ProposalMade p when everything || p.Seat == seat || p.To == mine => new Headline(version, "proposal", p.Seat, p.Role, p.Action, p.To, Visible(p.Changes)),
            ProposalAnswered { Answer: Answer.Accept } p => new Headline(
                version, "proposal_accepted", p.Seat, p.Role, before.Proposals.FirstOrDefault(x => x.Id == p.Proposal)?.Action, "accept", Visible(p.Changes)),
            BallotClosed b => new Headline(
                version, before.Ballot?.Subject == BallotSubject.Dilemma ? "dilemma_vote" : "vote", null, null, before.Ballot?.SubjectId, b.Outcome, Visible(b.Changes)),
            DilemmaResolved d => new Headline(version, "dilemma", d.Seat, null, d.Dilemma, d.Option, Visible(d.Changes)),
            DilemmaDrawn d => new Headline(version, "dilemma_drawn", null, null, d.Dilemma, null, []),
            FlowChanged f => new Headline(version, "flow", null, null, f.Flow.ToString(), null, []),
            _ => null,
        };
    }

    /// <summary>While paused in a phase with a timer: the whole seconds it will have left when the game resumes.</summary>
    private static int? PausedSeconds(TableState state) =>
        state.Flow.Paused && state.RemainingWhenPaused is { } left ? (int)Math.Ceiling(left.TotalSeconds) : null;

    private static string? PhaseId(TableRules rules, TableState state) =>
        state.Flow.Stage == Stage.Playing ? rules.Scenario.Phase(state.Flow.Phase).Id : null;

    private static ImmutableArray<MetricView> Metrics(TableRules rules, TableState state) =>
        [.. rules.Scenario.Metrics.Select(m => new MetricView(m.Id, state.Metrics[m.Id], state.Metrics[m.Id] - state.MetricsAtRoundStart[m.Id]))];

    private static ImmutableArray<SeatSummary> Seats(TableState state) =>
        [.. state.Seats.Select(s => new SeatSummary(s.Id, s.Name, s.Present, s.Left, state.Started ? state.RoleOf(s.Id) : null, s.Points))];

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
