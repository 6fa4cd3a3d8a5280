using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Views;

// Views carry what changes during a game. What does not — labels, units, ranges, action cards,
// role names — is the scenario's, sent once when a page opens; a role's private texts come once
// per role in its RoleBrief. So an update after each event stays small.

/// <summary>A shared metric's value and its change since the round began (label, unit, range and good direction are the scenario's).</summary>
public sealed record MetricView(string Id, double Value, double ChangeThisRound);

/// <summary>A seat as the table sees it: name, presence, the (public) role held, points.</summary>
public sealed record SeatSummary(int Seat, string Name, bool Present, bool Left, string? Role, int Points, string? Bot = null);

/// <summary>A resource of my role and how much of it I have.</summary>
public sealed record ResourceView(string Id, double Value);

/// <summary>One of my role's actions: whether I can take it now, and if not why (an index into the scenario's reasons, <see cref="Rules.TableRules.Reasons"/>).</summary>
public sealed record ActionView(string Id, bool Available, int? Reason);

/// <summary>A proposal I must answer or am waiting on (the action it proposes is the scenario's).</summary>
public sealed record ProposalView(int Id, int FromSeat, string FromRole, string ToRole, string Action, string Note, bool Countered, string CounterNote, bool MineToAnswer);

/// <summary>The open vote and my part in it.</summary>
public sealed record BallotView(int Id, BallotSubject Subject, string SubjectId, ImmutableArray<string> Options, string? MyVote, int VotesCast, int Voters);

/// <summary>An option of a dilemma with its effects on the shared metrics (effects on a role's resources stay private).</summary>
public sealed record OptionView(string Id, Text Label, ImmutableArray<MetricEffect> Effects);

/// <summary>What an option does to a shared metric, as the formula the author wrote.</summary>
public sealed record MetricEffect(string Metric, string Change);

/// <summary>The open dilemma card and whether I decide it.</summary>
public sealed record DilemmaView(string Id, Text Title, Text Body, ImmutableArray<OptionView> Options, string DecidedBy, bool MineToDecide);

/// <summary>
/// One line of the round's story: who did what, with whom, how it came out, and how the numbers moved.
/// <see cref="Seat"/> and <see cref="Role"/> are the actor and the role they held at this event's
/// version (null: the table or the clock); <see cref="OtherSeat"/> and <see cref="OtherRole"/> the other
/// side of a proposal. The subject is an id in the scenario: an action (action, ballot, vote, proposal,
/// proposal_answered, counter_answered, proposal_expired, counter_expired), a dilemma (dilemma,
/// dilemma_default, dilemma_vote, dilemma_drawn) or the flow's text (flow, pause, resume).
/// <see cref="Tally"/> holds a closed vote's count per option. <see cref="Bot"/>: a bot played the acting seat at this version.
/// </summary>
public sealed record Headline(
    long Version,
    string Kind,
    int? Seat,
    string? Role,
    string? Subject,
    string? Outcome,
    int? OtherSeat,
    string? OtherRole,
    ImmutableSortedDictionary<string, int>? Tally,
    ImmutableArray<Change> Changes,
    bool Bot = false);

/// <summary>My role now: its resources and which of its goals are met right now.</summary>
public sealed record RoleCard(string Id, ImmutableArray<ResourceView> Resources, ImmutableArray<string> GoalsMet);

/// <summary>The private texts of a role, for its holder only: the brief, what its resources are and its goals.</summary>
public sealed record RoleBrief(string Id, Text Brief, ImmutableArray<BriefResource> Resources, ImmutableArray<BriefGoal> Goals);

public sealed record BriefResource(string Id, Text Label);

public sealed record BriefGoal(string Id, Text Label, int Points);

/// <summary>The role I will hold next round and what its previous holder left me.</summary>
public sealed record NextRole(string Id, ImmutableArray<string> HandoverNotes);

/// <summary>Exactly what one player may see: the public state and their own role's private side, nothing of another role's.</summary>
public sealed record SeatView(
    string Scenario,
    long Version,
    FlowState Flow,
    string? PhaseId,
    DateTimeOffset? Deadline,
    int? PausedSeconds,
    ImmutableArray<MetricView> Metrics,
    ImmutableArray<SeatSummary> Seats,
    int Seat,
    RoleCard? Role,
    ImmutableArray<ActionView> Actions,
    ImmutableArray<ProposalView> Proposals,
    BallotView? Ballot,
    DilemmaView? Dilemma,
    NextRole? Next,
    int Points,
    ImmutableArray<string> Achievements,
    double? CommunityScore,
    ImmutableArray<TableMessage> Messages);

/// <summary>What the room may see (a projector): the public state of a table, no seat's private side; each field is also the <see cref="SeatView"/> field of the same name.</summary>
public sealed record RoomView(
    long Version,
    FlowState Flow,
    string? PhaseId,
    DateTimeOffset? Deadline,
    int? PausedSeconds,
    ImmutableArray<MetricView> Metrics,
    ImmutableArray<SeatSummary> Seats);

/// <summary>
/// What the facilitator sees: the room's view and every role's private side, the open business, the swap requests, reflections and the plan;
/// the seats still to act in this phase (<see cref="Waiting"/>), the inject plan and the messages sent.
/// </summary>
public sealed record FacilitatorView(
    RoomView Room,
    ImmutableSortedDictionary<string, double> Resources,
    ImmutableList<Proposal> Proposals,
    Ballot? Ballot,
    string? OpenDilemma,
    ImmutableList<RoleSwapRequest> SwapRequests,
    ImmutableList<Reflection> Reflections,
    ImmutableArray<ImmutableArray<string>> Plan,
    double CommunityScore,
    IReadOnlyDictionary<string, double> Contribution,
    ImmutableList<PinnedNote> PinnedNotes,
    ImmutableArray<int> Waiting,
    ImmutableList<PlannedInject> Injects,
    ImmutableList<TableMessage> Messages,
    ImmutableList<HandoverNote> Notes);

/// <summary>The open vote as the room may see it: how many chose each option so far, never who.</summary>
public sealed record RoomBallot(int Id, BallotSubject Subject, string SubjectId, ImmutableArray<string> Options, ImmutableSortedDictionary<string, int> Tally, int VotesCast, int Voters);

/// <summary>
/// What is open at a table, as the room may see it: the dilemma card (nobody's to decide), the open vote's
/// running count per option, and the one-word reflections of this round, without names, in alphabetical order.
/// </summary>
public sealed record RoomFloor(DilemmaView? Dilemma, RoomBallot? Ballot, ImmutableArray<string> Words);
