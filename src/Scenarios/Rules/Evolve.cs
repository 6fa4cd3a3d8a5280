using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>evolve(state, event) → state: pure, total, and the only place state changes.</summary>
public sealed partial class TableRules
{
    /// <summary>The state of a new table, before anyone sits down.</summary>
    public TableState Initial()
    {
        var metrics = Scenario.Metrics.ToImmutableSortedDictionary(m => m.Id, m => m.Start, StringComparer.Ordinal);
        return new TableState
        {
            ScenarioId = Scenario.Id,
            ScenarioVersion = Scenario.Version,
            Version = 0,
            Flow = FlowState.Lobby,
            Seats = [],
            Metrics = metrics,
            Resources = Scenario.Roles
                .SelectMany(r => r.Resources.Select(x => (Key: EffectTarget.ResourceKey(r.Id, x.Id), x.Start)))
                .ToImmutableSortedDictionary(p => p.Key, p => p.Start, StringComparer.Ordinal),
            MetricsAtRoundStart = metrics,
            MetricLows = metrics,
            Plan = [],
            Proposals = [],
            DilemmasSeen = ImmutableSortedSet.Create<string>(StringComparer.Ordinal),
            ActionsThisRound = ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal),
            Notes = [],
            Reflections = [],
            SwapRequests = [],
            Contribution = ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal),
            Random = 0,
            NextId = 1,
        };
    }

    /// <summary>Folds a log from the initial state.</summary>
    public TableState Fold(IEnumerable<TableEvent> events) => events.Aggregate(Initial(), Evolve);

    /// <summary>Applies one event. Unknown events are ignored, so a newer log still folds.</summary>
    public TableState Evolve(TableState state, TableEvent @event)
    {
        var next = @event switch
        {
            SeatTaken e => state with { Seats = state.Seats.Add(new Seat(e.Seat, e.Name, true, false, 0, [])) },
            SeatLeft e => UpdateSeat(state, e.Seat, s => s with { Left = true, Present = false }),
            PresenceChanged e => UpdateSeat(state, e.Seat, s => s with { Present = e.Present }),
            GameStarted e => state with { Plan = e.Plan, Random = e.Seed },
            FlowChanged e => EnterFlow(state, e),
            DeadlineChanged e => state with { Deadline = e.Deadline },
            PausedTimeChanged e => state with { RemainingWhenPaused = e.Remaining },
            ActionTaken e => Apply(state, e.Changes, [e.Role]) with { ActionsThisRound = Count(state, e.Seat, e.Action) },
            ProposalMade e => Apply(state, e.Changes, []) with
            {
                ActionsThisRound = Count(state, e.Seat, e.Action),
                Proposals = state.Proposals.Add(new Proposal(e.Proposal, e.Seat, e.Role, e.To, e.Action, e.Note, false, string.Empty)),
                NextId = Math.Max(state.NextId, e.Proposal + 1),
            },
            ProposalAnswered e => Answered(state, e),
            BallotOpened e => Apply(state, e.Changes, []) with
            {
                ActionsThisRound = e.Subject == BallotSubject.Action ? Count(state, e.Seat, e.SubjectId) : state.ActionsThisRound,
                Ballot = new Ballot(e.Ballot, e.Subject, e.SubjectId, e.Seat, e.Role, e.Options, ImmutableDictionary<int, string>.Empty),
                NextId = Math.Max(state.NextId, e.Ballot + 1),
            },
            VoteCast e when state.Ballot is { } ballot => state with { Ballot = ballot with { Votes = ballot.Votes.SetItem(e.Seat, e.Option) } },
            BallotClosed e => Apply(state, e.Changes, e.Credit) with { Ballot = null },
            DilemmaDrawn e => state with { OpenDilemma = e.Dilemma, DilemmasSeen = state.DilemmasSeen.Add(e.Dilemma) },
            DilemmaResolved e => Apply(state, e.Changes, e.Credit) with { OpenDilemma = null },
            RolesPlanned e => state with { Plan = e.Plan },
            RoleSwapRequested e => state with { SwapRequests = Replace(state.SwapRequests, r => r.Seat == e.Seat, new RoleSwapRequest(e.Seat, e.Role, e.Note)) },
            HandoverNoteWritten e => state with { Notes = Replace(state.Notes, n => n.Seat == e.Seat && n.Round == e.Round, new HandoverNote(e.Seat, e.Role, e.Round, e.Text)) },
            ReflectionGiven e => state with { Reflections = Replace(state.Reflections, r => r.Seat == e.Seat && r.Round == e.Round, new Reflection(e.Seat, e.Role, e.Round, e.Word, e.Text)) },
            GoalScored e => UpdateSeat(state, e.Seat, s => s with { Points = s.Points + e.Points }),
            AchievementEarned e => UpdateSeat(state, e.Seat, s => s with { Achievements = s.Achievements.Add(e.Achievement) }),
            GameEnded e => state with { CommunityScore = e.CommunityScore },
            BotSwitched e => UpdateSeat(state, e.Seat, s => s with { Bot = e.Kind }),
            NotePinned e => state with { PinnedNotes = state.PinnedNotes.Add(new PinnedNote(state.Version + 1, e.Author, e.Round, e.Stage, e.Phase, e.Text)) },
            MessageSent e => state with { Messages = state.Messages.Add(new TableMessage(state.Version + 1, e.Seat, e.Text)) },
            InjectPlanned e => state with { Injects = state.Injects.Add(new PlannedInject(e.Id, e.Round, e.Phase, e.Dilemma, InjectStatus.Planned, null)) },
            InjectFired e => Inject(state, e.Id, InjectStatus.Fired, null),
            InjectCancelled e => Inject(state, e.Id, InjectStatus.Cancelled, e.Reason),
            _ => state,
        };
        next = Acted(next, @event);
        var version = state.Version + 1;
        return @event is PresenceChanged
            ? next with { Version = version }
            : next with { Version = version, GameVersion = version };
    }

    /// <summary>Who acted since the phase began: a seat's own move adds it; a new phase (not a pause or a resume) starts afresh.</summary>
    private static TableState Acted(TableState state, TableEvent @event)
    {
        int? seat = @event switch
        {
            ActionTaken e => e.Seat,
            ProposalMade e => e.Seat,
            ProposalAnswered { Seat: >= 0 } e => e.Seat,
            BallotOpened { Seat: >= 0 } e => e.Seat,
            VoteCast e => e.Seat,
            DilemmaResolved e => e.Seat,
            ReflectionGiven e => e.Seat,
            _ => null,
        };
        return seat is { } s && !state.ActedThisPhase.Contains(s) ? state with { ActedThisPhase = state.ActedThisPhase.Add(s) } : state;
    }

    private static TableState Inject(TableState state, int id, InjectStatus status, string? reason)
    {
        var index = state.Injects.FindIndex(i => i.Id == id);
        return index < 0 ? state : state with { Injects = state.Injects.SetItem(index, state.Injects[index] with { Status = status, Reason = reason }) };
    }

    private TableState EnterFlow(TableState state, FlowChanged e)
    {
        var next = state with { Flow = e.Flow, Deadline = e.Deadline, RemainingWhenPaused = e.Remaining, Random = e.Random };
        if (e.Flow with { Paused = false } != state.Flow with { Paused = false })
        {
            next = next with { ActedThisPhase = [] };
        }

        var newRound = e.Flow.Stage == Stage.Playing && e.Flow.Phase == 0 && !e.Flow.Paused
            && (state.Flow.Stage != Stage.Playing || state.Flow.Round != e.Flow.Round);
        return newRound
            ? next with
            {
                MetricsAtRoundStart = state.Metrics,
                ActionsThisRound = ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal),
                SwapRequests = [],
            }
            : next;
    }

    private TableState Answered(TableState state, ProposalAnswered e)
    {
        var proposal = state.Proposals.FirstOrDefault(p => p.Id == e.Proposal);
        var proposals = e.Answer == Answer.Counter && proposal is not null
            ? state.Proposals.Replace(proposal, proposal with { Countered = true, CounterNote = e.Note })
            : state.Proposals.RemoveAll(p => p.Id == e.Proposal);
        return Apply(state, e.Changes, e.Credit) with { Proposals = proposals };
    }

    private TableState Apply(TableState state, ImmutableArray<Change> changes, ImmutableArray<string> credit)
    {
        if (changes.IsDefaultOrEmpty)
        {
            return state;
        }

        var metrics = state.Metrics.ToBuilder();
        var resources = state.Resources.ToBuilder();
        var lows = state.MetricLows.ToBuilder();
        var contribution = state.Contribution.ToBuilder();
        foreach (var change in changes)
        {
            if (metrics.TryGetValue(change.Target, out var value))
            {
                var now = value + change.Delta;
                metrics[change.Target] = now;
                lows[change.Target] = Math.Min(lows.GetValueOrDefault(change.Target, now), now);
                if (!credit.IsDefaultOrEmpty && metricRanges.TryGetValue(change.Target, out var range) && range > 0)
                {
                    var share = Math.Abs(change.Delta) / range / credit.Length;
                    foreach (var role in credit)
                    {
                        contribution[role] = contribution.GetValueOrDefault(role) + share;
                    }
                }
            }
            else if (resources.TryGetValue(change.Target, out var amount))
            {
                resources[change.Target] = amount + change.Delta;
            }
        }

        return state with
        {
            Metrics = metrics.ToImmutable(),
            Resources = resources.ToImmutable(),
            MetricLows = lows.ToImmutable(),
            Contribution = contribution.ToImmutable(),
        };
    }

    private static ImmutableSortedDictionary<string, int> Count(TableState state, int seat, string action)
    {
        var key = ActionKey(seat, action);
        return state.ActionsThisRound.SetItem(key, state.ActionsThisRound.GetValueOrDefault(key) + 1);
    }

    internal static string ActionKey(int seat, string action) => $"{seat}:{action}";

    /// <summary>A seat's newer note, reflection or request replaces its older one in place; otherwise it is added.</summary>
    private static ImmutableList<T> Replace<T>(ImmutableList<T> list, Predicate<T> same, T item)
    {
        var index = list.FindIndex(same);
        return index < 0 ? list.Add(item) : list.SetItem(index, item);
    }

    private static TableState UpdateSeat(TableState state, int seat, Func<Seat, Seat> update) =>
        seat >= 0 && seat < state.Seats.Length ? state with { Seats = state.Seats.SetItem(seat, update(state.Seats[seat])) } : state;
}
