using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Replay;

// What the debrief reads from a table's log: every record here is a fold of the log, made in one pass
// by TableReplay. They hold everything (they are the facilitator's); what a player may see of the
// past goes through Visibility, as live.

/// <summary>One event of a table's log as the replay reads it: its version (1-based) and when it was recorded.</summary>
public sealed record LogEntry(long Version, TableEvent Event, DateTimeOffset RecordedAt);

/// <summary>
/// One moment of the timeline: an event with where the game was when it happened (round, stage, the
/// phase's id while playing), the seat that acted and the role it held then, and what the event
/// changed — shared metrics and (the facilitator's) role resources. <c>Kind</c> is the event's type
/// as the log names it (<c>action_taken</c>, <c>vote_cast</c>, …).
/// </summary>
public sealed record Moment(
    long Version,
    DateTimeOffset At,
    string Kind,
    int Round,
    Stage Stage,
    string? Phase,
    int? Seat,
    string? Role,
    ImmutableArray<Change> Metrics,
    ImmutableArray<Change> Resources);

/// <summary>The shared metrics at the end of a phase (<c>EndOfRound</c> when it was the round's last, or the game ended in it), or at the start (round 0).</summary>
public sealed record MetricPoint(long Version, int Round, string? Phase, bool EndOfRound, ImmutableSortedDictionary<string, double> Values);

/// <summary>A seat in one round: the role it held, the points it scored and which goals.</summary>
public sealed record SeatRound(int Round, string? Role, int Points, ImmutableArray<string> Goals);

/// <summary>A seat through the game: its name, each round's role and points, its achievements.</summary>
public sealed record SeatHistory(int Seat, string Name, bool Left, ImmutableArray<SeatRound> Rounds, int Points, ImmutableArray<string> Achievements);

/// <summary>One answer to a proposal (a counter, then the proposer's answer; or an expiry at the round's end: no seat).</summary>
public sealed record ProposalAnswerRecord(long Version, int? Seat, string? Role, Answer Answer, string Note, ImmutableArray<Change> Changes);

/// <summary>A proposal from one role to another, with every answer it got. <c>Outcome</c> is the last answer, or null while open.</summary>
public sealed record ProposalRecord(
    int Id,
    long Version,
    int Round,
    int Seat,
    string Role,
    string To,
    string Action,
    string Note,
    ImmutableArray<ProposalAnswerRecord> Answers,
    Answer? Outcome);

/// <summary>A vote: what it was about, who called it, every vote, the count and the outcome (null: not carried, or still open).</summary>
public sealed record BallotRecord(
    int Id,
    long Version,
    int Round,
    BallotSubject Subject,
    string SubjectId,
    int? CalledBy,
    string? CalledByRole,
    ImmutableSortedDictionary<int, string> Votes,
    ImmutableDictionary<string, int>? Tally,
    string? Outcome,
    long? ClosedAt);

/// <summary>
/// A dilemma on the table: drawn or injected, and how it was decided — <c>DecidedBy</c> "seat" (the
/// seat, with the role it held then), "vote" (the table's vote), or "default" (nobody chose or voted).
/// </summary>
public sealed record DilemmaRecord(
    string Dilemma,
    long Version,
    int Round,
    bool Injected,
    string? Option,
    int? Seat,
    string? Role,
    string? DecidedBy,
    long? ResolvedAt,
    ImmutableArray<Change> Changes);

/// <summary>A handover note or a reflection, with the role and round it is about.</summary>
public sealed record Note(long Version, int Seat, string Role, int Round, string Text);

/// <summary>A one-word reflection and its sentence.</summary>
public sealed record ReflectionRecord(long Version, int Seat, string Role, int Round, string Word, string Text);

/// <summary>A note the facilitator or an observer pinned to a moment (<see cref="NotePinned"/>), with when it was recorded.</summary>
public sealed record PinnedNoteRecord(long Version, DateTimeOffset At, string Author, int Round, Stage Stage, string? Phase, string Text);
