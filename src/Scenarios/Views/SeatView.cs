using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Views;

/// <summary>A shared metric as everybody sees it, with its change since the round began.</summary>
public sealed record MetricView(string Id, Text Label, string Unit, double Value, double Min, double Max, double ChangeThisRound, Direction Good);

/// <summary>A seat as the table sees it: name, presence, the (public) role held, points.</summary>
public sealed record SeatSummary(int Seat, string Name, bool Present, bool Left, string? Role, Text? RoleName, int Points);

/// <summary>A resource of my role.</summary>
public sealed record ResourceView(string Id, Text Label, double Value);

/// <summary>A goal of my role and whether it is met right now.</summary>
public sealed record GoalView(string Id, Text Label, int Points, bool MetNow);

/// <summary>An action of my role and whether I can take it now (and if not, why).</summary>
public sealed record ActionView(string Id, Text Label, Text Description, ActionKind Kind, string? To, ImmutableArray<Cost> Cost, bool Available, string? Reason);

/// <summary>A proposal I must answer or am waiting on.</summary>
public sealed record ProposalView(int Id, int FromSeat, string FromRole, string ToRole, string Action, Text Label, string Note, bool Countered, string CounterNote, bool MineToAnswer);

/// <summary>The open vote and my part in it.</summary>
public sealed record BallotView(int Id, BallotSubject Subject, string SubjectId, ImmutableArray<string> Options, string? MyVote, int VotesCast, int Voters);

/// <summary>An option of a dilemma with its effects on the shared metrics (effects on a role's resources stay private).</summary>
public sealed record OptionView(string Id, Text Label, ImmutableArray<MetricEffect> Effects);

/// <summary>What an option does to a shared metric, as the formula the author wrote.</summary>
public sealed record MetricEffect(string Metric, string Change);

/// <summary>The open dilemma card and whether I decide it.</summary>
public sealed record DilemmaView(string Id, Text Title, Text Body, ImmutableArray<OptionView> Options, string DecidedBy, bool MineToDecide);

/// <summary>One public line of the round's story: who did what, and how the shared metrics moved.</summary>
public sealed record Headline(long Version, string Kind, int? Seat, string? Role, string? Subject, string? Outcome, ImmutableArray<Change> Changes);

/// <summary>My role: public face, private brief, resources and goals.</summary>
public sealed record RoleCard(string Id, Text Name, Text Description, Text Brief, ImmutableArray<ResourceView> Resources, ImmutableArray<GoalView> Goals);

/// <summary>The role I will hold next round and what its previous holder left me.</summary>
public sealed record NextRole(string Id, Text Name, Text Description, ImmutableArray<string> HandoverNotes);

/// <summary>Exactly what one player may see: the public state and their own role's private side, nothing of another role's.</summary>
public sealed record SeatView(
    string Scenario,
    long Version,
    FlowState Flow,
    string? PhaseId,
    DateTimeOffset? Deadline,
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
    double? CommunityScore);

/// <summary>What the facilitator sees: the whole state, every role's private side, the swap requests and reflections.</summary>
public sealed record FacilitatorView(
    SessionState State,
    ImmutableArray<MetricView> Metrics,
    ImmutableArray<SeatSummary> Seats,
    ImmutableDictionary<int, SeatView> SeatViews,
    IReadOnlyDictionary<string, double> Contribution,
    double CommunityScoreNow);
