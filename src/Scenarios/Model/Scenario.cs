using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Expressions;

namespace RegioLab.Sim.Scenarios.Model;

/// <summary>An authored scenario: everything a table needs to play one game.</summary>
public sealed record Scenario(
    string Id,
    int Version,
    Text Title,
    Text Summary,
    PlayerRange Players,
    ImmutableArray<Role> Roles,
    ImmutableArray<Metric> Metrics,
    RoundPlan Rounds,
    ImmutableArray<ActionDefinition> Actions,
    ImmutableArray<Dilemma> Dilemmas,
    RotationMode Rotation,
    ImmutableArray<SharedGoal> SharedGoals,
    ImmutableArray<Achievement> Achievements,
    Debrief Debrief)
{
    public Role Role(string id) => Roles.First(r => r.Id == id);

    public Metric Metric(string id) => Metrics.First(m => m.Id == id);

    public ActionDefinition Action(string id) => Actions.First(a => a.Id == id);

    public Dilemma Dilemma(string id) => Dilemmas.First(d => d.Id == id);

    public Phase Phase(int index) => Rounds.Phases[index];
}

/// <summary>How many players one table of this scenario seats.</summary>
public sealed record PlayerRange(int Min, int Max);

/// <summary>A role a seat can hold: public face, private brief, own resources and goals.</summary>
public sealed record Role(
    string Id,
    Text Name,
    Text Description,
    Text Brief,
    int SeatsMin,
    int SeatsMax,
    ImmutableArray<Resource> Resources,
    ImmutableArray<Goal> Goals);

/// <summary>A number private to a role (budget, hours, political capital, volunteers).</summary>
public sealed record Resource(string Id, Text Label, double Start, double Min, double Max);

/// <summary>A role's goal: points for each round the role's holder ends with the condition true.</summary>
public sealed record Goal(string Id, Text Label, int Points, Formula When);

/// <summary>Which way a metric should move for the community.</summary>
public enum Direction { Up, Down }

/// <summary>A shared number everybody sees (trust, budget, participation, CO2).</summary>
public sealed record Metric(
    string Id,
    Text Label,
    Text Unit,
    double Min,
    double Max,
    double Start,
    Direction Good,
    double Weight);

/// <summary>The rounds of a game and the phases every round runs through.</summary>
public sealed record RoundPlan(int Count, ImmutableArray<Phase> Phases);

/// <summary>One step of a round, with its default duration.</summary>
public sealed record Phase(string Id, Text Label, TimeSpan Duration);

/// <summary>How an action takes effect.</summary>
public enum ActionKind
{
    /// <summary>Applies at once.</summary>
    Direct,

    /// <summary>Goes to another role, which accepts, rejects or counters it.</summary>
    Proposal,

    /// <summary>Every seated player votes; a majority of the votes cast carries it.</summary>
    Vote,
}

/// <summary>Something a role may do in some phases.</summary>
public sealed record ActionDefinition(
    string Id,
    Text Label,
    Text Description,
    string Role,
    ImmutableArray<string> Phases,
    ActionKind Kind,
    string? To,
    ImmutableArray<Cost> Cost,
    Formula? Condition,
    ImmutableArray<Effect> Effects,
    ImmutableArray<Effect>? CounterEffects,
    int LimitPerRound);

/// <summary>What an action takes from the acting role's own resources.</summary>
public sealed record Cost(string Resource, double Amount);

/// <summary>A change to a metric ("trust") or a role's resource ("alderman.capital") by a formula.</summary>
public sealed record Effect(EffectTarget Target, Formula Delta);

/// <summary>A metric, or a resource of one role.</summary>
public sealed record EffectTarget(string? Role, string Id)
{
    public bool IsMetric => Role is null;

    /// <summary>The key used in effects and in the log: "trust" or "alderman.capital".</summary>
    public string Key => Role is null ? Id : ResourceKey(Role, Id);

    /// <summary>The one place a resource's key is made: "role.resource" (a metric's key is its id).</summary>
    public static string ResourceKey(string role, string resource) => $"{role}.{resource}";

    /// <summary>Whether a key names a resource of <paramref name="role"/> (a metric's key names none).</summary>
    public static bool IsResourceOf(string key, string role) =>
        key.Length > role.Length && key[role.Length] == '.' && key.StartsWith(role, StringComparison.Ordinal);

    /// <summary>Whether a key names a resource of some role rather than a metric.</summary>
    public static bool IsResource(string key) => key.Contains('.');

    public static EffectTarget Parse(string key)
    {
        var dot = key.IndexOf('.');
        return dot < 0 ? new EffectTarget(null, key) : new EffectTarget(key[..dot], key[(dot + 1)..]);
    }

    public override string ToString() => Key;
}

/// <summary>An event card with options, decided by one role or by a vote of all.</summary>
public sealed record Dilemma(
    string Id,
    Text Title,
    Text Body,
    int? Round,
    Formula? Condition,
    double Chance,
    string Phase,
    string DecidedBy,
    ImmutableArray<DilemmaOption> Options,
    string DefaultOption)
{
    public const string ByVote = "vote";

    public bool IsVote => DecidedBy == ByVote;

    public DilemmaOption Option(string id) => Options.First(o => o.Id == id);
}

/// <summary>One answer to a dilemma and what it changes.</summary>
public sealed record DilemmaOption(string Id, Text Label, ImmutableArray<Effect> Effects);

/// <summary>How roles move between seats from round to round.</summary>
public enum RotationMode
{
    /// <summary>Every round, each seat moves on so that it holds as many roles as possible.</summary>
    Rotate,

    /// <summary>The facilitator assigns roles between rounds; until then seats keep their role.</summary>
    Facilitator,

    /// <summary>Seats keep the role they start with.</summary>
    Fixed,
}

/// <summary>A goal of the whole table: adds its points to the community score when met at the end.</summary>
public sealed record SharedGoal(string Id, Text Label, int Points, Formula When);

/// <summary>What an achievement rewards.</summary>
public enum AchievementKind
{
    /// <summary>The seat held every role of the scenario that was in play.</summary>
    HeldEveryRole,

    /// <summary>Another role accepted a proposal of this seat.</summary>
    ProposalAccepted,

    /// <summary>The metric never fell below the line during the game (awarded to every seat).</summary>
    MetricKeptAbove,

    /// <summary>The condition is true at the end (awarded to every seat).</summary>
    Condition,
}

/// <summary>A badge a seat can earn.</summary>
public sealed record Achievement(string Id, Text Label, AchievementKind Kind, string? Metric, double Line, Formula? When);

/// <summary>Prompts for the debrief and the reflection asked at each role swap.</summary>
public sealed record Debrief(
    ImmutableArray<Text> WhatHappened,
    ImmutableArray<Text> SoWhat,
    ImmutableArray<Text> NowWhat,
    Text SwapReflection);
