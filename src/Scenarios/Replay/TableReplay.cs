using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Replay;

/// <summary>
/// A table's log folded for the debrief, in one pass: the state at any version, the timeline of
/// moments, the metrics per phase and round, every seat's roles and points per round, the proposals,
/// votes and dilemmas with how they ended, the handover notes and reflections, and the score
/// explained. What a seat saw at a version is <see cref="Visibility.ForSeat"/> of the state folded to
/// that version: the same one filter as live. Safe to share between threads once built.
/// </summary>
public sealed class TableReplay
{
    /// <summary>A state is kept every this many events, so folding to any version costs at most this many steps.</summary>
    private const int CheckpointEvery = 64;

    private readonly ImmutableArray<TableState> checkpoints;

    /// <summary>The version each round's story starts after (the state before the event that began the round).</summary>
    private readonly ImmutableArray<long> roundStarts;

    public TableReplay(TableRules rules, IEnumerable<LogEntry> log)
    {
        Rules = rules;
        Log = [.. log];
        var scenario = rules.Scenario;
        var checkpoints = ImmutableArray.CreateBuilder<TableState>();
        var timeline = ImmutableArray.CreateBuilder<Moment>(Log.Length);
        var series = ImmutableArray.CreateBuilder<MetricPoint>();
        var proposals = new Dictionary<int, ProposalRecord>();
        var ballots = new Dictionary<int, BallotRecord>();
        var dilemmas = new List<DilemmaRecord>();
        var notes = ImmutableArray.CreateBuilder<Note>();
        var reflections = ImmutableArray.CreateBuilder<ReflectionRecord>();
        var pinned = ImmutableArray.CreateBuilder<PinnedNoteRecord>();
        var scored = new List<GoalScored>();
        var roundStarts = ImmutableArray.CreateBuilder<long>();
        var roundsPlayed = 0;

        var state = rules.Initial();
        checkpoints.Add(state);
        series.Add(new MetricPoint(0, 0, null, true, state.Metrics));
        foreach (var entry in Log)
        {
            if (entry.Version != state.Version + 1)
            {
                throw new ArgumentException($"the log skips from version {state.Version} to {entry.Version}", nameof(log));
            }

            var before = state;
            var e = entry.Event;
            if (e is FlowChanged flow && LeavesPhase(before.Flow, flow.Flow))
            {
                var endOfRound = flow.Flow.Stage != Stage.Playing || flow.Flow.Round != before.Flow.Round;
                series.Add(new MetricPoint(before.Version, before.Flow.Round, scenario.Phase(before.Flow.Phase).Id, endOfRound, before.Metrics));
            }

            if (e is FlowChanged { Flow: { Stage: Stage.Playing, Phase: 0, Paused: false } } begins && begins.Flow.Round != before.Flow.Round)
            {
                // A new round begins: its story starts from the state before this event, as live.
                roundStarts.Add(before.Version);
            }

            state = rules.Evolve(state, e);
            if (state.Flow.Stage == Stage.Playing)
            {
                // The debrief's flow names the last round even when the game ended early: count rounds played.
                roundsPlayed = Math.Max(roundsPlayed, state.Flow.Round);
            }

            var seat = ActingSeat(e);
            var role = RoleOf(e) ?? (seat is { } s ? before.RoleOf(s) : null);
            var (metrics, resources) = Split(ChangesOf(e));
            timeline.Add(new Moment(entry.Version, entry.RecordedAt, KindOf(e), before.Flow.Round, before.Flow.Stage,
                before.Flow.Stage == Stage.Playing ? scenario.Phase(before.Flow.Phase).Id : null, seat, role, metrics, resources));

            var round = before.Flow.Round;
            switch (e)
            {
                case ProposalMade p:
                    proposals[p.Proposal] = new ProposalRecord(p.Proposal, entry.Version, round, p.Seat, p.Role, p.To, p.Action, p.Note, [], null);
                    break;
                case ProposalAnswered a when proposals.TryGetValue(a.Proposal, out var open):
                    var answer = new ProposalAnswerRecord(entry.Version, a.Seat < 0 ? null : a.Seat, a.Seat < 0 ? null : a.Role, a.Answer, a.Note, a.Changes);
                    proposals[a.Proposal] = open with { Answers = open.Answers.Add(answer), Outcome = a.Answer == Answer.Counter ? null : a.Answer };
                    break;
                case BallotOpened b:
                    ballots[b.Ballot] = new BallotRecord(b.Ballot, entry.Version, round, b.Subject, b.SubjectId, b.Seat < 0 ? null : b.Seat, b.Seat < 0 ? null : b.Role,
                        ImmutableSortedDictionary<int, string>.Empty, null, null, null);
                    break;
                case VoteCast v when ballots.TryGetValue(v.Ballot, out var ballot):
                    ballots[v.Ballot] = ballot with { Votes = ballot.Votes.SetItem(v.Seat, v.Option) };
                    break;
                case BallotClosed c when ballots.TryGetValue(c.Ballot, out var closed):
                    ballots[c.Ballot] = closed with { Tally = c.Tally, Outcome = c.Outcome, ClosedAt = entry.Version };
                    break;
                case DilemmaDrawn d:
                    dilemmas.Add(new DilemmaRecord(d.Dilemma, entry.Version, round, d.Injected, null, null, null, null, null, []));
                    break;
                case DilemmaResolved r when dilemmas.FindLastIndex(x => x.Dilemma == r.Dilemma && x.ResolvedAt is null) is var i and >= 0:
                    dilemmas[i] = dilemmas[i] with
                    {
                        Option = r.Option,
                        Seat = r.Seat,
                        Role = r.Seat is { } decider ? before.RoleOf(decider) : null,
                        DecidedBy = r.Seat is not null ? "seat" : r.Credit.IsDefaultOrEmpty ? "default" : "vote",
                        ResolvedAt = entry.Version,
                        Changes = r.Changes,
                    };
                    break;
                case HandoverNoteWritten n:
                    notes.Add(new Note(entry.Version, n.Seat, n.Role, n.Round, n.Text));
                    break;
                case ReflectionGiven r:
                    reflections.Add(new ReflectionRecord(entry.Version, r.Seat, r.Role, r.Round, r.Word, r.Text));
                    break;
                case GoalScored g:
                    scored.Add(g);
                    break;
                case NotePinned n:
                    pinned.Add(new PinnedNoteRecord(entry.Version, entry.RecordedAt, n.Author, n.Round, n.Stage, n.Phase, n.Text));
                    break;
            }

            if (state.Version % CheckpointEvery == 0)
            {
                checkpoints.Add(state);
            }
        }

        this.checkpoints = checkpoints.ToImmutable();
        this.roundStarts = roundStarts.ToImmutable();
        Final = state;
        Timeline = timeline.MoveToImmutable();
        Series = series.ToImmutable();
        Proposals = [.. proposals.Values.OrderBy(p => p.Id)];
        Ballots = [.. ballots.Values.OrderBy(b => b.Id)];
        Dilemmas = [.. dilemmas];
        HandoverNotes = notes.ToImmutable();
        Reflections = reflections.ToImmutable();
        PinnedNotes = pinned.ToImmutable();
        Seats = [.. state.Seats.Select(s => History(state, s, scored, roundsPlayed))];
        Score = Scoring.Explain(scenario, state);
        Contribution = Scoring.Contribution(scenario, state);
    }

    public TableRules Rules { get; }

    public ImmutableArray<LogEntry> Log { get; }

    /// <summary>The state after the whole log.</summary>
    public TableState Final { get; }

    public ImmutableArray<Moment> Timeline { get; }

    /// <summary>The shared metrics at the start and at the end of every phase played.</summary>
    public ImmutableArray<MetricPoint> Series { get; }

    public ImmutableArray<SeatHistory> Seats { get; }

    public ImmutableArray<ProposalRecord> Proposals { get; }

    public ImmutableArray<BallotRecord> Ballots { get; }

    public ImmutableArray<DilemmaRecord> Dilemmas { get; }

    public ImmutableArray<Note> HandoverNotes { get; }

    public ImmutableArray<ReflectionRecord> Reflections { get; }

    /// <summary>The facilitator's and observers' pinned notes, in the order of the log (the facilitator's only; never a seat's).</summary>
    public ImmutableArray<PinnedNoteRecord> PinnedNotes { get; }

    /// <summary>The community score of the final state, term by term.</summary>
    public ScoreExplained Score { get; }

    /// <summary>Each role's share of the shared metrics' movement (<see cref="Scoring.Contribution"/>).</summary>
    public IReadOnlyDictionary<string, double> Contribution { get; }

    /// <summary>The state after the events up to <paramref name="version"/> (0: before any; clamped to the log).</summary>
    public TableState At(long version)
    {
        version = Math.Clamp(version, 0, Final.Version);
        var index = (int)(version / CheckpointEvery);
        var state = checkpoints[Math.Min(index, checkpoints.Length - 1)];
        for (var v = state.Version; v < version; v++)
        {
            state = Rules.Evolve(state, Log[(int)v].Event);
        }

        return state;
    }

    /// <summary>What a seat's phone showed at a version: the one filter on the state of that moment.</summary>
    public SeatView SeenBy(int seat, long version) => Visibility.ForSeat(Rules, At(version), seat);

    /// <summary>What every seat saw at a version, side by side (one fold, one view per seat).</summary>
    public ImmutableArray<SeatView> SeenByEverySeat(long version)
    {
        var state = At(version);
        return [.. state.Seats.Select(s => Visibility.ForSeat(Rules, state, s.Id))];
    }

    /// <summary>
    /// The story of the round in force at a version, up to that version, as one reader could read it
    /// then: a seat, <see cref="Visibility.PublicReader"/> (the room) or <see cref="Visibility.FacilitatorReader"/>
    /// (everything) — the same headlines, through the same filter, as the live pages got.
    /// </summary>
    public ImmutableArray<Headline> StoryAt(long version, int reader)
    {
        version = Math.Clamp(version, 0, Final.Version);
        var start = roundStarts.LastOrDefault(s => s < version);
        var story = new Visibility.RoundHeadlines(Rules, At(start), Math.Max(Rules.Scenario.Players.Max, Final.Seats.Length));
        for (var v = start; v < version; v++)
        {
            story.Add(Log[(int)v].Event);
        }

        return story.For(reader);
    }

    /// <summary>The private texts of the role a seat held at a version (null without a role): what its phone had, through the one filter.</summary>
    public RoleBrief? BriefOf(int seat, long version) => Visibility.BriefOf(Rules, At(version), seat);

    /// <summary>A pause or a resume changes no phase; anything else that leaves a playing phase ends it.</summary>
    private static bool LeavesPhase(FlowState from, FlowState to) =>
        from.Stage == Stage.Playing && (to.Stage != Stage.Playing || to.Round != from.Round || to.Phase != from.Phase);

    private static SeatHistory History(TableState state, Seat seat, List<GoalScored> scored, int roundsPlayed)
    {
        var rounds = Enumerable.Range(1, roundsPlayed).Select(r =>
        {
            var goals = scored.Where(g => g.Seat == seat.Id && g.Round == r).ToList();
            return new SeatRound(r, state.RoleIn(seat.Id, r), goals.Sum(g => g.Points), [.. goals.Select(g => g.Goal)]);
        });
        return new SeatHistory(seat.Id, seat.Name, seat.Left, [.. rounds], seat.Points, seat.Achievements);
    }

    private static int? ActingSeat(TableEvent e) => e switch
    {
        SeatTaken x => x.Seat,
        SeatLeft x => x.Seat,
        PresenceChanged x => x.Seat,
        ActionTaken x => x.Seat,
        ProposalMade x => x.Seat,
        ProposalAnswered { Seat: >= 0 } x => x.Seat,
        BallotOpened { Seat: >= 0 } x => x.Seat,
        VoteCast x => x.Seat,
        DilemmaResolved x => x.Seat,
        RoleSwapRequested x => x.Seat,
        HandoverNoteWritten x => x.Seat,
        ReflectionGiven x => x.Seat,
        GoalScored x => x.Seat,
        AchievementEarned x => x.Seat,
        _ => null,
    };

    /// <summary>The role an event itself names for its actor, where it does (the rules wrote it down at the time).</summary>
    private static string? RoleOf(TableEvent e) => e switch
    {
        ActionTaken x => x.Role,
        ProposalMade x => x.Role,
        ProposalAnswered { Seat: >= 0 } x => x.Role,
        BallotOpened { Seat: >= 0 } x => x.Role,
        HandoverNoteWritten x => x.Role,
        ReflectionGiven x => x.Role,
        GoalScored x => x.Role,
        _ => null,
    };

    private static ImmutableArray<Change> ChangesOf(TableEvent e) => e switch
    {
        ActionTaken x => x.Changes,
        ProposalMade x => x.Changes,
        ProposalAnswered x => x.Changes,
        BallotOpened x => x.Changes,
        BallotClosed x => x.Changes,
        DilemmaResolved x => x.Changes,
        _ => [],
    };

    private static (ImmutableArray<Change> Metrics, ImmutableArray<Change> Resources) Split(ImmutableArray<Change> changes) =>
        changes.IsDefaultOrEmpty
            ? ([], [])
            : ([.. changes.Where(c => !EffectTarget.IsResource(c.Target))], [.. changes.Where(c => EffectTarget.IsResource(c.Target))]);

    /// <summary>An event's type as the log names it: <c>ActionTaken</c> → <c>action_taken</c>.</summary>
    private static string KindOf(TableEvent e) => Kinds.GetOrAdd(e.GetType(), t => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> Kinds = new();
}
