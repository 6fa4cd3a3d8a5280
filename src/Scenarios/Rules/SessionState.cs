using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>A player's place at a table; keeps its id while the role it holds changes.</summary>
public sealed record Seat(int Id, string Name, bool Present, bool Left, int Points, ImmutableArray<string> Achievements);

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

/// <summary>
/// Everything a table is at one moment; a fold of its event log. Resources are keyed
/// "role.resource"; the plan holds the role of every seat in every round ("" = none).
/// </summary>
public sealed record SessionState(
    string ScenarioId,
    int ScenarioVersion,
    long Version,
    FlowState Flow,
    ImmutableArray<Seat> Seats,
    ImmutableSortedDictionary<string, double> Metrics,
    ImmutableSortedDictionary<string, double> Resources,
    ImmutableSortedDictionary<string, double> MetricsAtRoundStart,
    ImmutableSortedDictionary<string, double> MetricLows,
    ImmutableArray<ImmutableArray<string>> Plan,
    ImmutableList<Proposal> Proposals,
    Ballot? Ballot,
    string? OpenDilemma,
    ImmutableSortedSet<string> DilemmasSeen,
    ImmutableSortedDictionary<string, int> ActionsThisRound,
    ImmutableList<HandoverNote> Notes,
    ImmutableList<Reflection> Reflections,
    ImmutableList<RoleSwapRequest> SwapRequests,
    ImmutableSortedDictionary<string, double> Contribution,
    ulong Random,
    DateTimeOffset? Deadline,
    TimeSpan? RemainingWhenPaused,
    int NextId,
    double? CommunityScore)
{
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

    public bool Started => Flow.Stage is not Stage.Lobby;
}
