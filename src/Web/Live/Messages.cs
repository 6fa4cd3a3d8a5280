using System.Collections.Immutable;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Web.Live;

// The messages of the hubs and the REST API, as browsers see them (docs/protocol.md).

/// <summary>
/// The public outline of a scenario, sent once when a page opens: every text and number that does
/// not change during a game. Updates refer to it by id (docs/protocol.md).
/// </summary>
public sealed record ScenarioInfo(
    string Id,
    int Version,
    Text Title,
    Text Summary,
    int Rounds,
    int MaxPlayers,
    ImmutableArray<PhaseInfo> Phases,
    ImmutableArray<RoleInfo> Roles,
    ImmutableArray<MetricInfo> Metrics,
    ImmutableArray<DilemmaInfo> Dilemmas,
    ImmutableArray<ActionInfo> Actions,
    ImmutableArray<AchievementInfo> Achievements,
    Text SwapReflection,
    ImmutableArray<Text> Reasons)
{
    /// <summary>The outline of the scenario the rules play, with every reason an action may not be possible (a view names one by its index).</summary>
    public static ScenarioInfo Of(TableRules rules)
    {
        var s = rules.Scenario;
        return new(
            s.Id, s.Version, s.Title, s.Summary, s.Rounds.Count, s.Players.Max,
            [.. s.Rounds.Phases.Select(p => new PhaseInfo(p.Id, p.Label, (int)p.Duration.TotalSeconds))],
            [.. s.Roles.Select(r => new RoleInfo(r.Id, r.Name, r.Description))],
            [.. s.Metrics.Select(m => new MetricInfo(m.Id, m.Label, m.Unit, m.Min, m.Max, m.Good))],
            [.. s.Dilemmas.Select(d => new DilemmaInfo(d.Id, d.Title, [.. d.Options.Select(o => new OptionInfo(o.Id, o.Label))]))],
            [.. s.Actions.Select(a => new ActionInfo(a.Id, a.Role, a.Label, a.Description, a.Kind, a.To, a.Cost,
                OnMetrics(a.Effects), a.CounterEffects is { } counter ? OnMetrics(counter) : null))],
            [.. s.Achievements.Select(a => new AchievementInfo(a.Id, a.Label))],
            s.Debrief.SwapReflection,
            rules.Reasons);
    }

    /// <summary>Effects on the shared metrics only: what an action does to a role's resources stays that role's.</summary>
    private static ImmutableArray<MetricEffect> OnMetrics(ImmutableArray<Effect> effects) =>
        [.. effects.Where(e => e.Target.IsMetric).Select(e => new MetricEffect(e.Target.Id, e.Delta.Source))];
}

public sealed record PhaseInfo(string Id, Text Label, int Seconds);

/// <summary>A role's public face (its brief is private and only in the holder's view).</summary>
public sealed record RoleInfo(string Id, Text Name, Text Description);

public sealed record MetricInfo(string Id, Text Label, Text Unit, double Min, double Max, Direction Good);

public sealed record DilemmaInfo(string Id, Text Title, ImmutableArray<OptionInfo> Options);

public sealed record OptionInfo(string Id, Text Label);

public sealed record AchievementInfo(string Id, Text Label);

/// <summary>An action card: which role has it, what it is called and does, what kind it is, what it costs, and its effects (and a counter's) on the shared metrics.</summary>
public sealed record ActionInfo(string Id, string Role, Text Label, Text Description, ActionKind Kind, string? To, ImmutableArray<Cost> Cost,
    ImmutableArray<MetricEffect> Effects, ImmutableArray<MetricEffect>? CounterEffects);

/// <summary>
/// The answer to a command sent over a hub. A refusal has a stable code, a sentence for logs and
/// tools (<see cref="Message"/>, English) and one for the person in Dutch and English (<see cref="Reason"/>).
/// </summary>
public sealed record Ack(bool Accepted, long Version, string? Code, string? Message, bool Repeated, Text? Reason)
{
    public static Ack Of(CommandResult r) => new(r.Accepted, r.Version, r.Code, r.Message, r.Repeated, r.Reason);

    public static Ack Refused(Rejection rejection) => new(false, 0, rejection.Code, rejection.Message, false, rejection.Reason);
}

/// <summary>
/// The headlines of one round as one reader may read them: those after version <see cref="After"/>.
/// When <see cref="After"/> is at most <see cref="StartedAfter"/> (the version the round began
/// after), they are the whole round; otherwise they follow the previous push to this reader.
/// </summary>
public sealed record RoundSummary(int Round, long StartedAfter, long After, ImmutableArray<Headline> Headlines);

/// <summary>
/// A player's picture after a change: the seat view, the round's new headlines, and the brief of the
/// role they hold when it is new to this page (after Resume, or a role swap). <see cref="After"/> 0:
/// <see cref="View"/> is the whole <see cref="SeatView"/>; otherwise it holds only the fields that differ
/// from the view of version <see cref="After"/>, which this page was sent last (docs/protocol.md).
/// </summary>
public sealed record PlayerUpdate(string SessionId, long Version, long After, ViewJson View, RoundSummary Summary, RoleBrief? Brief);

/// <summary>The answer to a player's resume: who they are and at which table, or why not (code, message, reason as in <see cref="Ack"/>).</summary>
public sealed record PlayerSession(
    bool Ok,
    string? Code,
    string? Message,
    Text? Reason,
    string? WorkshopId,
    string? SessionId,
    int Table,
    int Seat,
    string? PlayerId,
    string? Name,
    string? Language,
    ScenarioInfo? Scenario)
{
    public static PlayerSession Refused(Rejection r) => new(false, r.Code, r.Message, r.Reason, null, null, 0, -1, null, null, null, null);
}

/// <summary>
/// A table as the facilitator sees it: everything, including private resources, swap requests and reflections.
/// On the wire (<see cref="FieldsJson.Console"/>), <see cref="After"/> 0: the whole table; otherwise only the
/// fields that differ from the table of version <see cref="After"/>, which this console was sent last, besides
/// the session, table, version, after and summary, which are always there (docs/protocol.md, "Table").
/// </summary>
public sealed record FacilitatorTable(
    string SessionId,
    int Table,
    long Version,
    long After,
    FlowState Flow,
    string? PhaseId,
    DateTimeOffset? Deadline,
    int? PausedSeconds,
    ImmutableArray<MetricView> Metrics,
    ImmutableArray<SeatSummary> Seats,
    ImmutableSortedDictionary<string, double> Resources,
    ImmutableList<Proposal> Proposals,
    Ballot? Ballot,
    string? OpenDilemma,
    ImmutableList<RoleSwapRequest> SwapRequests,
    ImmutableList<Reflection> Reflections,
    ImmutableArray<ImmutableArray<string>> Plan,
    double CommunityScore,
    IReadOnlyDictionary<string, double> Contribution,
    RoundSummary Summary,
    ImmutableList<PinnedNote> PinnedNotes,
    ImmutableArray<int> Waiting,
    ImmutableList<PlannedInject> Injects,
    ImmutableList<TableMessage> Messages,
    ImmutableList<HandoverNote> Notes);

/// <summary>
/// The answer to a facilitator opening the console, or why not (code, message, reason as in <see cref="Ack"/>);
/// with every role's brief, which the console alone may read (its story names every role's resources).
/// </summary>
public sealed record FacilitatorSession(bool Ok, string? Code, string? Message, Text? Reason, WorkshopInfo? Workshop, ScenarioInfo? Scenario, string? JoinUrl, ImmutableArray<RoleBrief>? Briefs)
{
    public static FacilitatorSession Refused(Rejection r) => new(false, r.Code, r.Message, r.Reason, null, null, null, null);
}

/// <summary>A table on the projector: public state only.</summary>
public sealed record ProjectorTable(
    string SessionId,
    int Table,
    long Version,
    FlowState Flow,
    string? PhaseId,
    DateTimeOffset? Deadline,
    int? PausedSeconds,
    ImmutableArray<MetricView> Metrics,
    ImmutableArray<SeatSummary> Seats,
    RoundSummary Summary,
    DilemmaView? Dilemma,
    RoomBallot? Ballot,
    ImmutableArray<string> Words);

/// <summary>The answer to a projector starting to watch a workshop, or why not (code, message, reason as in <see cref="Ack"/>).</summary>
public sealed record ProjectorSession(bool Ok, string? Code, string? Message, Text? Reason, string? Title, string? JoinCode, string? JoinUrl, int Tables, string? Language, ScenarioInfo? Scenario)
{
    public static ProjectorSession Refused(Rejection r) => new(false, r.Code, r.Message, r.Reason, null, null, null, 0, null, null);
}

/// <summary>POST /api/workshops.</summary>
public sealed record CreateWorkshopRequest(string Scenario, int? ScenarioVersion, int Tables, RotationMode? Rotation, string? Language, string? Title, SeatingMode? Seating = null);

/// <summary>The answer to creating a workshop; the facilitator key is shown only here.</summary>
public sealed record CreateWorkshopResponse(string WorkshopId, string JoinCode, string FacilitatorKey, string JoinUrl, ImmutableArray<string> Sessions);

/// <summary>GET /api/join/{code}: what a player sees before joining; when players pick their table, every table's seats.</summary>
public sealed record JoinInfo(string JoinCode, string Title, string Language, Text ScenarioTitle, int Tables, SeatingMode Seating = SeatingMode.Spread, ImmutableArray<TableSeats> Seats = default);

/// <summary>POST /api/join/{code}; <see cref="Table"/>: the table the player chose (null: the workshop spreads players).</summary>
public sealed record JoinRequest(string Name, int? Table = null);

/// <summary>The answer to joining: the seat token to keep (in the browser) and where the player sits.</summary>
public sealed record JoinResponse(string SeatToken, string WorkshopId, string SessionId, int Table, int Seat, string PlayerId, string Name);

/// <summary>Every refused REST call, in the shape of every refusal: a stable code, the English sentence for tools, and the sentence for the person in Dutch and English.</summary>
public sealed record ApiError(string Code, string Message, Text Reason)
{
    public static ApiError Of(Rejection r) => new(r.Code, r.Message, r.Reason);
}
