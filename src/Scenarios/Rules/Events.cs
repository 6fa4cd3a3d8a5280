using System.Collections.Immutable;
using System.Text.Json.Serialization;
using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>A change applied to a metric ("trust") or a resource ("alderman.budget"), after clamping.</summary>
public sealed record Change(string Target, double Delta);

/// <summary>One appended fact in a session's log; the replay is the log.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SeatTaken), "seat_taken")]
[JsonDerivedType(typeof(SeatLeft), "seat_left")]
[JsonDerivedType(typeof(PresenceChanged), "presence_changed")]
[JsonDerivedType(typeof(GameStarted), "game_started")]
[JsonDerivedType(typeof(FlowChanged), "flow_changed")]
[JsonDerivedType(typeof(DeadlineChanged), "deadline_changed")]
[JsonDerivedType(typeof(PausedTimeChanged), "paused_time_changed")]
[JsonDerivedType(typeof(ActionTaken), "action_taken")]
[JsonDerivedType(typeof(ProposalMade), "proposal_made")]
[JsonDerivedType(typeof(ProposalAnswered), "proposal_answered")]
[JsonDerivedType(typeof(BallotOpened), "ballot_opened")]
[JsonDerivedType(typeof(VoteCast), "vote_cast")]
[JsonDerivedType(typeof(BallotClosed), "ballot_closed")]
[JsonDerivedType(typeof(DilemmaDrawn), "dilemma_drawn")]
[JsonDerivedType(typeof(DilemmaResolved), "dilemma_resolved")]
[JsonDerivedType(typeof(RolesPlanned), "roles_planned")]
[JsonDerivedType(typeof(RoleSwapRequested), "role_swap_requested")]
[JsonDerivedType(typeof(HandoverNoteWritten), "handover_note_written")]
[JsonDerivedType(typeof(ReflectionGiven), "reflection_given")]
[JsonDerivedType(typeof(GoalScored), "goal_scored")]
[JsonDerivedType(typeof(AchievementEarned), "achievement_earned")]
[JsonDerivedType(typeof(GameEnded), "game_ended")]
[JsonDerivedType(typeof(BotSwitched), "bot_switched")]
[JsonDerivedType(typeof(NotePinned), "note_pinned")]
[JsonDerivedType(typeof(MessageSent), "message_sent")]
[JsonDerivedType(typeof(InjectPlanned), "inject_planned")]
[JsonDerivedType(typeof(InjectFired), "inject_fired")]
[JsonDerivedType(typeof(InjectCancelled), "inject_cancelled")]
public abstract record TableEvent;

/// <summary>A player took a seat in the lobby.</summary>
public sealed record SeatTaken(int Seat, string Name) : TableEvent;

/// <summary>A player left; the seat stays in the history, its future roles are re-planned.</summary>
public sealed record SeatLeft(int Seat) : TableEvent;

/// <summary>A player's connection went away or came back; the seat is kept either way.</summary>
public sealed record PresenceChanged(int Seat, bool Present) : TableEvent;

/// <summary>The game started with this seed and role plan (plan[round-1][seat]).</summary>
public sealed record GameStarted(ulong Seed, ImmutableArray<ImmutableArray<string>> Plan) : TableEvent;

/// <summary>The table moved to another stage, round or phase; Random is the generator after any draws.</summary>
public sealed record FlowChanged(FlowState Flow, DateTimeOffset? Deadline, TimeSpan? Remaining, ulong Random) : TableEvent;

/// <summary>The facilitator extended or shortened the current phase.</summary>
public sealed record DeadlineChanged(DateTimeOffset? Deadline) : TableEvent;

/// <summary>The facilitator gave a paused phase more or less time: what it will have left when the game resumes.</summary>
public sealed record PausedTimeChanged(TimeSpan Remaining) : TableEvent;

/// <summary>A direct action took effect.</summary>
public sealed record ActionTaken(int Seat, string Role, string Action, ImmutableArray<Change> Changes) : TableEvent;

/// <summary>A proposal went to another role; Changes are the proposer's costs.</summary>
public sealed record ProposalMade(int Proposal, int Seat, string Role, string Action, string To, string Note, ImmutableArray<Change> Changes) : TableEvent;

/// <summary>How a proposal was answered.</summary>
public enum Answer { Accept, Reject, Counter, Expire }

/// <summary>A proposal was accepted, rejected, countered or expired; Credit names the roles whose decision moved the metrics.</summary>
public sealed record ProposalAnswered(int Proposal, int Seat, string Role, Answer Answer, string Note, ImmutableArray<Change> Changes, ImmutableArray<string> Credit) : TableEvent;

/// <summary>A vote of all seated players opened; Changes are the caller's costs.</summary>
public sealed record BallotOpened(int Ballot, BallotSubject Subject, string SubjectId, int Seat, string Role, ImmutableArray<string> Options, ImmutableArray<Change> Changes) : TableEvent;

/// <summary>A player voted.</summary>
public sealed record VoteCast(int Ballot, int Seat, string Option) : TableEvent;

/// <summary>A vote closed with an outcome (null: not carried).</summary>
public sealed record BallotClosed(int Ballot, string? Outcome, ImmutableDictionary<string, int> Tally, ImmutableArray<Change> Changes, ImmutableArray<string> Credit) : TableEvent;

/// <summary>A dilemma card was drawn (or injected by the facilitator).</summary>
public sealed record DilemmaDrawn(string Dilemma, bool Injected) : TableEvent;

/// <summary>A dilemma was decided; Seat is null when the default applied or a vote decided.</summary>
public sealed record DilemmaResolved(string Dilemma, string Option, int? Seat, ImmutableArray<Change> Changes, ImmutableArray<string> Credit) : TableEvent;

/// <summary>The role plan changed (facilitator assignment, a seat left).</summary>
public sealed record RolesPlanned(ImmutableArray<ImmutableArray<string>> Plan, string Reason) : TableEvent;

/// <summary>A player asked for a role in the next round.</summary>
public sealed record RoleSwapRequested(int Seat, string Role, string Note) : TableEvent;

/// <summary>A player left a note for the next holder of the role they held.</summary>
public sealed record HandoverNoteWritten(int Seat, string Role, int Round, string Text) : TableEvent;

/// <summary>A player reflected at a role swap.</summary>
public sealed record ReflectionGiven(int Seat, string Role, int Round, string Word, string Text) : TableEvent;

/// <summary>A seat earned a goal's points for the round it held the role.</summary>
public sealed record GoalScored(int Seat, string Role, int Round, string Goal, int Points) : TableEvent;

/// <summary>A seat earned an achievement.</summary>
public sealed record AchievementEarned(int Seat, string Achievement) : TableEvent;

/// <summary>The game is over; the community score is final.</summary>
public sealed record GameEnded(string Reason, double CommunityScore) : TableEvent;

/// <summary>A bot of this kind ("random", "greedy", "cooperative") plays the seat from now on; null: its player again.</summary>
public sealed record BotSwitched(int Seat, string? Kind) : TableEvent;
/// <summary>
/// The facilitator or an observer (<c>Author</c>: "facilitator" or "observer") pinned a note to the table's
/// moment: the round, stage and phase (its id while playing) in force. Never shown to players or the room.
/// </summary>
public sealed record NotePinned(string Author, int Round, Stage Stage, string? Phase, string Text) : TableEvent;
/// <summary>The facilitator sent a message to every seat (Seat null) or to one seat.</summary>
public sealed record MessageSent(int? Seat, string Text) : TableEvent;

/// <summary>The facilitator planned a dilemma for a round's phase (the phase's id); it fires when the table enters that phase.</summary>
public sealed record InjectPlanned(int Id, int Round, string Phase, string Dilemma) : TableEvent;

/// <summary>A planned inject fired: its dilemma came on the table as the table entered its phase.</summary>
public sealed record InjectFired(int Id) : TableEvent;

/// <summary>A planned inject will not fire: the facilitator cancelled it ("cancelled"), or another dilemma was open when its phase came ("dilemma_open").</summary>
public sealed record InjectCancelled(int Id, string Reason) : TableEvent;
