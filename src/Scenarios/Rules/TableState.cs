using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>A player's place at a table; keeps its id while the role it holds changes. <paramref name="Bot"/>: the kind of bot that plays it now, or null.</summary>
public sealed record Seat(int Id, string Name, bool Present, bool Left, int Points, ImmutableArray<string> Achievements, string? Bot = null);

/// <summary>A proposal waiting for an answer: first from the proposer to the target role, after a counter back to the proposer.</summary>
public sealed record Proposal(int Id, int FromSeat, string FromRole, string ToRole, string Action, string Note, bool Countered, string CounterNote);

/// <summary>What a ballot decides.</summary>
public enum BallotSubject { Action, Dilemma }

/// <summary>An open vote of all seated players.</summary>
public sealed record Ballot(int Id, BallotSubject Subject, string SubjectId, int CalledBy, string CalledByRole, ImmutableArray<string> Options, ImmutableDictionary<int, string> Votes);

/// <summary>A note from a role's previous holder to its next one.</summary>
public sealed record HandoverNote(int Seat, string Role, int Round, string Text);

/// <summary>A player's reflection at a role swap: one word and an optional sentence.</summary>
public sealed record Reflection(int Seat, string Role, int Round, string Word, string Text);

/// <summary>A player's wish for a role in the next round, for the facilitator to grant.</summary>
public sealed record RoleSwapRequest(int Seat, string Role, string Note);

/// <summary>A note the facilitator or an observer pinned at a version (the note's own event), for the facilitator's eyes only.</summary>
public sealed record PinnedNote(long Version, string Author, int Round, Flow.Stage Stage, string? Phase, string Text);
/// <summary>A message from the facilitator: to every seat (Seat null) or to one; Version is the log version it was sent at.</summary>
public sealed record TableMessage(long Version, int? Seat, string Text);

/// <summary>What became of a planned inject.</summary>
public enum InjectStatus { Planned, Fired, Cancelled }

/// <summary>A dilemma the facilitator planned for a round's phase (the phase's id), and what became of it.</summary>
public sealed record PlannedInject(int Id, int Round, string Phase, string Dilemma, InjectStatus Status, string? Reason);

/// <summary>
/// Everything a table is at one moment; a fold of its event log. Resources are keyed
/// "role.resource" (<see cref="Model.EffectTarget.ResourceKey"/>); the plan holds the role of
/// every seat in every round ("" = none).
/// </summary>
public sealed record TableState
{
    public required string ScenarioId { get; init; }

    public required int ScenarioVersion { get; init; }

    /// <summary>The number of events folded: the version of the log this state is of.</summary>
    public required long Version { get; init; }

    /// <summary>The version of the last event that changed the game; presence changes (a phone asleep, a seat back) do not.</summary>
    public long GameVersion { get; init; }

    public required FlowState Flow { get; init; }

    public required ImmutableArray<Seat> Seats { get; init; }

    public required ImmutableSortedDictionary<string, double> Metrics { get; init; }

    public required ImmutableSortedDictionary<string, double> Resources { get; init; }

    /// <summary>The metrics as the current round began: a view shows each metric's change this round.</summary>
    public required ImmutableSortedDictionary<string, double> MetricsAtRoundStart { get; init; }

    /// <summary>The lowest value each metric has had (for achievements that keep a metric above a line).</summary>
    public required ImmutableSortedDictionary<string, double> MetricLows { get; init; }

    public required ImmutableArray<ImmutableArray<string>> Plan { get; init; }

    public required ImmutableList<Proposal> Proposals { get; init; }

    public Ballot? Ballot { get; init; }

    public string? OpenDilemma { get; init; }

    public required ImmutableSortedSet<string> DilemmasSeen { get; init; }

    /// <summary>How often each seat took each action this round, keyed "seat:action".</summary>
    public required ImmutableSortedDictionary<string, int> ActionsThisRound { get; init; }

    public required ImmutableList<HandoverNote> Notes { get; init; }

    public required ImmutableList<Reflection> Reflections { get; init; }

    public required ImmutableList<RoleSwapRequest> SwapRequests { get; init; }

    /// <summary>The facilitator's and observers' pinned notes (<see cref="NotePinned"/>); never in a player's or the room's view.</summary>
    public ImmutableList<PinnedNote> PinnedNotes { get; init; } = [];

    /// <summary>Each role's share of the shared metrics' movement so far (<see cref="Scoring.Contribution"/>).</summary>
    public required ImmutableSortedDictionary<string, double> Contribution { get; init; }

    /// <summary>The table's seeded random generator, advanced by every draw.</summary>
    public required ulong Random { get; init; }

    public DateTimeOffset? Deadline { get; init; }

    public TimeSpan? RemainingWhenPaused { get; init; }

    /// <summary>The id the next proposal or ballot gets.</summary>
    public required int NextId { get; init; }

    /// <summary>The community score, fixed when the game is played out.</summary>
    public double? CommunityScore { get; init; }

    /// <summary>The facilitator's messages, oldest first.</summary>
    public ImmutableList<TableMessage> Messages { get; init; } = [];

    /// <summary>The inject plan: every planned dilemma, fired, cancelled or still to come.</summary>
    public ImmutableList<PlannedInject> Injects { get; init; } = [];

    /// <summary>The seats that acted (an action, a proposal or its answer, a vote, a dilemma's decision) since the current phase began.</summary>
    public ImmutableSortedSet<int> ActedThisPhase { get; init; } = [];

    /// <summary>The round whose roles are in force: the current one, or round 1 before play.</summary>
    public int RoleRound => Flow.Round == 0 ? 1 : Flow.Round;

    /// <summary>The role a seat holds now, or null when it holds none.</summary>
    public string? RoleOf(int seat) => RoleIn(seat, RoleRound);

    /// <summary>The role a seat holds in a round, or null.</summary>
    public string? RoleIn(int seat, int round) =>
        Plan.IsDefaultOrEmpty || round < 1 || round > Plan.Length || seat < 0 || seat >= Plan[round - 1].Length || Plan[round - 1][seat].Length == 0
            ? null
            : Plan[round - 1][seat];

    /// <summary>Seats that play: taken and not left.</summary>
    public IEnumerable<Seat> Playing => Seats.Where(s => !s.Left);

    /// <summary>The seats holding a role this round.</summary>
    public IEnumerable<Seat> HoldersOf(string role) => Playing.Where(s => RoleOf(s.Id) == role);

    /// <summary>Whether a seat that plays holds the role this round (<see cref="HoldersOf"/> is not empty), without allocating.</summary>
    public bool IsHeld(string role)
    {
        foreach (var seat in Seats)
        {
            if (!seat.Left && RoleOf(seat.Id) == role)
            {
                return true;
            }
        }

        return false;
    }

    public bool Started => Flow.Stage is not Stage.Lobby;
}
