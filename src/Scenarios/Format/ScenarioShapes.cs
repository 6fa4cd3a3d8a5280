using System.Collections.Frozen;
using System.Collections.Immutable;

namespace RegioLab.Sim.Scenarios.Format;

/// <summary>The keys each mapping of a scenario file may hold; the JSON Schema must agree with it.</summary>
public sealed record Shape(string Name, ImmutableArray<string> Required, ImmutableArray<string> Optional)
{
    public IEnumerable<string> All => Required.Concat(Optional);
}

/// <summary>Every mapping shape of the scenario format, by name (the JSON Schema's $defs use the same names).</summary>
public static class ScenarioShapes
{
    public static readonly Shape Scenario = new("scenario",
        ["id", "title", "summary", "players", "metrics", "roles", "rounds", "actions"],
        ["version", "dilemmas", "rotation", "shared_goals", "achievements", "debrief"]);

    public static readonly Shape Text = new("text", ["nl", "en"], []);
    public static readonly Shape Range = new("range", ["min", "max"], []);
    public static readonly Shape Metric = new("metric", ["id", "label", "min", "max", "start"], ["unit", "good", "weight"]);
    public static readonly Shape Role = new("role", ["id", "name", "description", "brief"], ["seats", "resources", "goals"]);
    public static readonly Shape Resource = new("resource", ["id", "label", "start"], ["min", "max"]);
    public static readonly Shape Goal = new("goal", ["id", "label", "points", "when"], []);
    public static readonly Shape Rounds = new("rounds", ["count", "phases"], []);
    public static readonly Shape Phase = new("phase", ["id", "label", "duration"], []);
    public static readonly Shape Action = new("action", ["id", "role", "phases", "label", "description", "effects"], ["kind", "to", "cost", "condition", "counter", "limit"]);
    public static readonly Shape Counter = new("counter", ["effects"], []);
    public static readonly Shape Dilemma = new("dilemma", ["id", "title", "text", "when", "decided_by", "options"], ["phase", "default"]);
    public static readonly Shape When = new("when", [], ["round", "condition", "chance"]);
    public static readonly Shape Option = new("option", ["id", "label", "effects"], []);
    public static readonly Shape SharedGoal = new("shared_goal", ["id", "label", "points", "when"], []);
    public static readonly Shape Achievement = new("achievement", ["id", "label", "kind"], ["metric", "line", "when"]);
    public static readonly Shape Debrief = new("debrief", [], ["what_happened", "so_what", "now_what", "swap_reflection"]);

    public static readonly FrozenDictionary<string, Shape> ByName = new[]
    {
        Scenario, Text, Range, Metric, Role, Resource, Goal, Rounds, Phase, Action, Counter, Dilemma, When, Option, SharedGoal, Achievement, Debrief,
    }.ToFrozenDictionary(s => s.Name);
}
