using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using RegioLab.Sim.Scenarios.Expressions;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Scenarios.Format;

/// <summary>
/// Turns a YAML tree into a <see cref="Scenario"/>, one section at a time, reporting every
/// shape problem it meets (wrong type, unknown or missing key, bad value) and carrying on.
/// References between sections are checked afterwards by <see cref="ScenarioChecks"/>.
/// </summary>
internal sealed partial class ScenarioReader(string file, List<Diagnostic> diagnostics)
{
    public const int MaxRounds = 20;

    /// <summary>Where each formula and reference stands in the file, for the later checks.</summary>
    /// <summary>The "0" of a "{ chance: 0,35 }", reported once as a decimal comma.</summary>
    private readonly HashSet<YamlNode> halfNumbers = new(ReferenceEqualityComparer.Instance);

    public Dictionary<object, YamlNode> Positions { get; } = new(ReferenceEqualityComparer.Instance);

    public List<Reference> References { get; } = [];

    /// <summary>False when 'players' was missing or wrong, so checks against it would only repeat the error.</summary>
    public bool PlayersKnown { get; private set; }

    public Scenario? Read(YamlNode root)
    {
        var map = Map(root, ScenarioShapes.Scenario);
        if (map is null)
        {
            return null;
        }

        var id = Id(map, "id") ?? "unnamed";
        var version = map["version"] is { } v ? Integer(v, 1, 1_000_000) ?? 1 : 1;
        var title = Text(map, "title");
        var summary = Text(map, "summary");
        var errorsBefore = diagnostics.Count(d => d.Severity == Severity.Error);
        var players = Range(map, "players", new PlayerRange(3, 8));
        PlayersKnown = map["players"] is not null && diagnostics.Count(d => d.Severity == Severity.Error) == errorsBefore;
        var metrics = List(map, "metrics", ReadMetric, required: true);
        var roles = List(map, "roles", ReadRole, required: true);
        var rounds = ReadRounds(map);
        var actions = List(map, "actions", ReadAction, required: true);
        var dilemmas = List(map, "dilemmas", n => ReadDilemma(n, rounds), required: false);
        var rotation = map["rotation"] is { } r ? Enum(r, RotationMode.Rotate) : RotationMode.Rotate;
        var sharedGoals = List(map, "shared_goals", ReadSharedGoal, required: false);
        var achievements = List(map, "achievements", ReadAchievement, required: false);
        var debrief = map["debrief"] is { } d ? ReadDebrief(d) : new Debrief([], [], [], Model.Text.Empty);

        return new Scenario(id, version, title, summary, players, roles, metrics, rounds, actions, dilemmas, rotation,
            sharedGoals, achievements, debrief);
    }

    private Metric? ReadMetric(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Metric);
        if (map is null)
        {
            return null;
        }

        var min = Number(map, "min") ?? 0;
        var max = Number(map, "max") ?? 100;
        var start = Number(map, "start") ?? min;
        if (min >= max && map["min"] is { } minNode)
        {
            Error(minNode, Codes.MinAboveMax, $"min ({Show(min)}) must be below max ({Show(max)})");
        }
        else if ((start < min || start > max) && map["start"] is { } startNode)
        {
            Error(startNode, Codes.StartOutOfRange, $"start {Show(start)} lies outside min..max ({Show(min)}..{Show(max)})");
        }

        var weight = map["weight"] is { } w ? Number(w) ?? 1 : 1;
        if (weight < 0)
        {
            Error(map["weight"]!, Codes.NumberOutOfRange, $"weight must be 0 or more, found {Show(weight)}");
        }

        return new Metric(Id(map, "id") ?? "", Text(map, "label"), map["unit"] is { } u ? UnitValue(u) : Model.Text.Empty,
            min, max, start, map["good"] is { } g ? Enum(g, Direction.Up) : Direction.Up, weight);
    }

    private Role? ReadRole(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Role);
        if (map is null)
        {
            return null;
        }

        var seats = map["seats"] is not null ? Range(map, "seats", new PlayerRange(1, 1), minimum: 0) : new PlayerRange(1, 1);
        var resources = List(map, "resources", ReadResource, required: false);
        var goals = List(map, "goals", ReadGoal, required: false);
        return new Role(Id(map, "id") ?? "", Text(map, "name"), Text(map, "description"), Text(map, "brief"),
            seats.Min, seats.Max, resources, goals);
    }

    private Resource? ReadResource(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Resource);
        if (map is null)
        {
            return null;
        }

        var min = map["min"] is { } mn ? Number(mn) ?? 0 : 0;
        var max = map["max"] is { } mx ? Number(mx) ?? 1_000_000 : 1_000_000;
        var start = Number(map, "start") ?? min;
        if (min >= max)
        {
            Error(map["min"] ?? map, Codes.MinAboveMax, $"min ({Show(min)}) must be below max ({Show(max)})");
        }
        else if (start < min || start > max)
        {
            Error(map["start"] ?? map, Codes.StartOutOfRange, $"start {Show(start)} lies outside min..max ({Show(min)}..{Show(max)})");
        }

        return new Resource(Id(map, "id") ?? "", Text(map, "label"), start, min, max);
    }

    private Goal? ReadGoal(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Goal);
        return map is null
            ? null
            : new Goal(Id(map, "id") ?? "", Text(map, "label"), Integer(map, "points", -1000, 1000) ?? 0, FormulaAt(map, "when"));
    }

    private SharedGoal? ReadSharedGoal(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.SharedGoal);
        return map is null
            ? null
            : new SharedGoal(Id(map, "id") ?? "", Text(map, "label"), Integer(map, "points", -1000, 1000) ?? 0, FormulaAt(map, "when"));
    }

    private RoundPlan ReadRounds(YamlMapping scenario)
    {
        var map = scenario["rounds"] is { } node ? Map(node, ScenarioShapes.Rounds) : null;
        if (map is null)
        {
            return new RoundPlan(1, []);
        }

        var count = 1;
        if (map["count"] is { } countNode && Integer(countNode, int.MinValue, int.MaxValue) is { } c)
        {
            if (c < 1 || c > MaxRounds)
            {
                Error(countNode, Codes.RoundsOutOfRange, $"a game needs 1 to {MaxRounds} rounds, found {c}");
            }

            count = Math.Clamp(c, 1, MaxRounds);
        }

        return new RoundPlan(count, List(map, "phases", ReadPhase, required: true));
    }

    private Phase? ReadPhase(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Phase);
        return map is null
            ? null
            : new Phase(Id(map, "id") ?? "", Text(map, "label"), map["duration"] is { } d ? Duration(d) : TimeSpan.FromMinutes(3));
    }

    private ActionDefinition? ReadAction(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Action);
        if (map is null)
        {
            return null;
        }

        var role = Reference(map, "role", ReferenceKind.Role);
        var phases = IdList(map, "phases", ReferenceKind.Phase);
        var kind = map["kind"] is { } k ? Enum(k, ActionKind.Direct) : ActionKind.Direct;
        string? to = null;
        if (map["to"] is { } toNode)
        {
            to = Reference(map, "to", ReferenceKind.Role);
            if (kind != ActionKind.Proposal)
            {
                Warning(toNode, Codes.InvalidValue, $"'to' only matters for kind: proposal, but this action is kind: {Lower(kind)}");
            }
            else if (to == role)
            {
                Error(toNode, Codes.ProposalToSelf, $"a proposal must go to another role, not to its own role '{role}'");
            }
        }
        else if (kind == ActionKind.Proposal)
        {
            Error(map, Codes.MissingField, "expected 'to: ROLE' for a proposal (the role that accepts, rejects or counters it)");
        }

        var costs = ImmutableArray.CreateBuilder<Cost>();
        if (map["cost"] is { } costNode && Map(costNode, null) is { } costMap)
        {
            foreach (var (key, value) in costMap.Entries)
            {
                var amount = Number(value) ?? 0;
                if (amount < 0)
                {
                    Error(value, Codes.NegativeCost, $"a cost must be 0 or more, found {Show(amount)}; to give resources, use an effect");
                }

                var cost = new Cost(key.Value, amount);
                References.Add(new Reference(ReferenceKind.OwnResource, key.Value, key, role));
                costs.Add(cost);
            }
        }

        ImmutableArray<Effect>? counter = null;
        if (map["counter"] is { } counterNode && Map(counterNode, ScenarioShapes.Counter) is { } counterMap)
        {
            if (kind != ActionKind.Proposal)
            {
                Warning(counterNode, Codes.InvalidValue, "'counter' only matters for kind: proposal");
            }

            counter = Effects(counterMap, "effects");
        }

        var limit = map["limit"] is { } l ? Integer(l, 1, 10) ?? 1 : 1;
        return new ActionDefinition(Id(map, "id") ?? "", Text(map, "label"), Text(map, "description"), role ?? "", phases, kind, to,
            costs.ToImmutable(), map["condition"] is not null ? FormulaAt(map, "condition") : null, Effects(map, "effects"), counter, limit);
    }

    private Dilemma? ReadDilemma(YamlNode node, RoundPlan rounds)
    {
        var map = Map(node, ScenarioShapes.Dilemma);
        if (map is null)
        {
            return null;
        }

        int? round = null;
        Formula? condition = null;
        var chance = 1.0;
        if (map["when"] is { } whenNode && Map(whenNode, ScenarioShapes.When) is { } when)
        {
            if (when.Entries.Count == 0)
            {
                Error(when, Codes.MissingField, "expected at least one of 'round', 'condition' or 'chance' under 'when'");
            }

            if (when["round"] is { } roundNode && Integer(roundNode, 1, 1000) is { } r)
            {
                round = r;
                if (r > rounds.Count)
                {
                    Warning(roundNode, Codes.DilemmaNeverDrawn, $"round {r} is after the last round ({rounds.Count}); this dilemma can never appear");
                }
            }

            if (when["condition"] is not null)
            {
                condition = FormulaAt(when, "condition");
            }

            if (when["chance"] is { } chanceNode && Number(chanceNode) is { } p)
            {
                if (p <= 0 || p > 1)
                {
                    Error(chanceNode, Codes.NumberOutOfRange, $"chance must be above 0 and at most 1, found {Show(p)}");
                }

                chance = p;
            }
        }

        var decidedBy = map["decided_by"] is { } by ? String(by) ?? "" : "";
        if (decidedBy != Dilemma.ByVote && map["decided_by"] is { } byNode)
        {
            References.Add(new Reference(ReferenceKind.RoleOrVote, decidedBy, byNode, null));
        }

        var options = List(map, "options", ReadOption, required: true);
        if (options.Length < 2 && map["options"] is { } optionsNode)
        {
            Error(optionsNode, Codes.TooFewOptions, $"a dilemma needs at least 2 options, found {options.Length}");
        }

        var fallback = options.IsDefaultOrEmpty ? "" : options[0].Id;
        if (map["default"] is { } defaultNode && String(defaultNode) is { } chosen)
        {
            if (!options.Any(o => o.Id == chosen))
            {
                Error(defaultNode, Codes.UnknownOption, $"the default '{chosen}' is not one of this dilemma's options ({string.Join(", ", options.Select(o => o.Id))}){Suggest.DidYouMean(chosen, options.Select(o => o.Id))}");
            }

            fallback = chosen;
        }

        var phase = map["phase"] is not null ? Reference(map, "phase", ReferenceKind.Phase) : null;
        return new Dilemma(Id(map, "id") ?? "", Text(map, "title"), Text(map, "text"), round, condition, chance,
            phase ?? (rounds.Phases.IsDefaultOrEmpty ? "" : rounds.Phases[0].Id), decidedBy, options, fallback);
    }

    private DilemmaOption? ReadOption(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Option);
        return map is null ? null : new DilemmaOption(Id(map, "id") ?? "", Text(map, "label"), Effects(map, "effects"));
    }

    private Achievement? ReadAchievement(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Achievement);
        if (map is null)
        {
            return null;
        }

        var kind = map["kind"] is { } k ? Enum(k, AchievementKind.Condition) : AchievementKind.Condition;
        string? metric = null;
        var line = 0.0;
        Formula? when = null;
        switch (kind)
        {
            case AchievementKind.MetricKeptAbove:
                metric = Needed(map, "metric", kind) ? Reference(map, "metric", ReferenceKind.Metric) : null;
                line = Needed(map, "line", kind) ? Number(map, "line") ?? 0 : 0;
                break;
            case AchievementKind.Condition:
                when = Needed(map, "when", kind) ? FormulaAt(map, "when") : null;
                break;
        }

        return new Achievement(Id(map, "id") ?? "", Text(map, "label"), kind, metric, line, when);
    }

    private Debrief ReadDebrief(YamlNode node)
    {
        var map = Map(node, ScenarioShapes.Debrief);
        if (map is null)
        {
            return new Debrief([], [], [], Model.Text.Empty);
        }

        return new Debrief(List(map, "what_happened", n => TextValue(n), required: false),
            List(map, "so_what", n => TextValue(n), required: false),
            List(map, "now_what", n => TextValue(n), required: false),
            map["swap_reflection"] is not null ? Text(map, "swap_reflection") : Model.Text.Empty);
    }

    // ---- building blocks -------------------------------------------------------------

    private YamlMapping? Map(YamlNode node, Shape? shape)
    {
        if (node is not YamlMapping map)
        {
            Error(node, Codes.WrongType, $"expected a mapping{(shape is null ? "" : $" ({shape.Name})")}, found {node.Kind}");
            return null;
        }

        if (shape is null)
        {
            return map;
        }

        YamlNode? previous = null;
        foreach (var (key, value) in map.Entries)
        {
            if (!shape.All.Contains(key.Value)
                && previous is YamlScalar { Quoted: false } whole && ScalarSyntax.TryInteger(whole.Value, out _) && whole.Line == key.Line
                && value is YamlScalar { IsNull: true } && key.Value.All(char.IsAsciiDigit))
            {
                // "{ chance: 0,35 }": in a flow mapping the comma ends the number and "35" reads as a key of its own.
                DecimalComma(whole, $"{whole.Value},{key.Value}");
                halfNumbers.Add(whole);
            }
            else if (!shape.All.Contains(key.Value))
            {
                var allowed = string.Join(", ", shape.All);
                Error(key, Codes.UnknownKey, $"unknown key '{key.Value}' in {shape.Name}{Suggest.DidYouMean(key.Value, shape.All)} (allowed: {allowed})");
            }

            previous = value;
        }

        foreach (var required in shape.Required)
        {
            if (map[required] is null)
            {
                Missing(map, required, $"in {shape.Name}");
            }
        }

        return map;
    }

    private void Missing(YamlMapping map, string key, string where) =>
        Error(map, Codes.MissingField, $"missing required key '{key}' {where}");

    /// <summary>Whether a key that this kind of achievement needs is there; reports it when not.</summary>
    private bool Needed(YamlMapping map, string key, AchievementKind kind)
    {
        if (map[key] is not null)
        {
            return true;
        }

        Missing(map, key, $"for kind: {Lower(kind)}");
        return false;
    }

    private ImmutableArray<T> List<T>(YamlMapping map, string key, Func<YamlNode, T?> read, bool required)
        where T : class
    {
        if (map[key] is not { } node)
        {
            return [];
        }

        if (node is YamlScalar { IsNull: true } && !required)
        {
            return [];
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, Codes.WrongType, $"expected a list under '{key}', found {node.Kind}");
            return [];
        }

        if (required && sequence.Items.Count == 0)
        {
            Error(node, Codes.MissingField, $"expected at least one item under '{key}', found an empty list");
        }

        var items = ImmutableArray.CreateBuilder<T>();
        foreach (var item in sequence.Items)
        {
            if (read(item) is { } value)
            {
                Positions[value] = item;
                items.Add(value);
            }
        }

        return items.ToImmutable();
    }

    private string? Id(YamlMapping map, string key)
    {
        if (map[key] is not { } node || String(node) is not { } value)
        {
            return null;
        }

        if (!IdPattern().IsMatch(value))
        {
            Error(node, Codes.InvalidId, $"'{value}' is not a valid id: expected lowercase letters, digits and '_', starting with a letter, at most 40 characters");
        }

        return value;
    }

    private string? Reference(YamlMapping map, string key, ReferenceKind kind)
    {
        if (map[key] is not { } node || String(node) is not { } value)
        {
            return null;
        }

        References.Add(new Reference(kind, value, node, null));
        return value;
    }

    private ImmutableArray<string> IdList(YamlMapping map, string key, ReferenceKind kind)
    {
        if (map[key] is not { } node)
        {
            return [];
        }

        if (node is YamlScalar scalar && !scalar.IsNull)
        {
            References.Add(new Reference(kind, scalar.Value, scalar, null));
            return [scalar.Value];
        }

        if (node is not YamlSequence sequence)
        {
            Error(node, Codes.WrongType, $"expected a list of ids under '{key}', found {node.Kind}");
            return [];
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        foreach (var item in sequence.Items)
        {
            if (String(item) is { } value)
            {
                References.Add(new Reference(kind, value, item, null));
                ids.Add(value);
            }
        }

        if (ids.Count == 0)
        {
            Error(node, Codes.MissingField, $"expected at least one id under '{key}'");
        }

        return ids.ToImmutable();
    }

    private ImmutableArray<Effect> Effects(YamlMapping map, string key)
    {
        if (map[key] is not { } node)
        {
            return [];
        }

        if (node is YamlScalar { IsNull: true })
        {
            return [];
        }

        if (Map(node, null) is not { } effects)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<Effect>();
        foreach (var (target, value) in effects.Entries)
        {
            var formula = FormulaValue(value);
            var effect = new Effect(EffectTarget.Parse(target.Value), formula);
            References.Add(new Reference(ReferenceKind.EffectTarget, target.Value, target, null));
            result.Add(effect);
        }

        return result.ToImmutable();
    }

    private Formula FormulaAt(YamlMapping map, string key) =>
        map[key] is { } node ? FormulaValue(node) : Formula.Constant(0);

    private Formula FormulaValue(YamlNode node)
    {
        if (node is not YamlScalar scalar || scalar.IsNull)
        {
            Error(node, Codes.WrongType, $"expected a formula (a number or a text such as \"trust >= 50\"), found {node.Kind}");
            return Formula.Constant(0);
        }

        if (!scalar.Quoted && DecimalCommaPattern().IsMatch(scalar.Value))
        {
            DecimalComma(scalar, scalar.Value);
            return Formula.Constant(0);
        }

        var parsed = Formula.Parse(scalar.Value);
        if (parsed.Formula is null && DutchWord(scalar) is { } dutch)
        {
            diagnostics.Add(dutch);
            return Formula.Constant(0);
        }

        if (parsed.Formula is null)
        {
            var column = scalar.Column + (scalar.Quoted ? 1 : 0) + Math.Max(0, parsed.Column - 1);
            diagnostics.Add(new Diagnostic(file, scalar.Line, column, Severity.Error, Codes.FormulaSyntax,
                $"the formula \"{scalar.Value}\" does not parse: {parsed.Error}"));
            return Formula.Constant(0);
        }

        Positions[parsed.Formula] = scalar;
        return parsed.Formula;
    }

    private Text Text(YamlMapping map, string key) => map[key] is { } node ? TextValue(node) ?? Model.Text.Empty : Model.Text.Empty;

    private Text? TextValue(YamlNode node)
    {
        if (node is YamlScalar scalar && !scalar.IsNull)
        {
            Warning(node, Codes.MissingTranslation, "a plain text is shown in both languages; write { nl: ..., en: ... } to give Dutch and English");
            return new Text(scalar.Value, scalar.Value);
        }

        if (Map(node, ScenarioShapes.Text) is not { } map)
        {
            return null;
        }

        return new Text(map["nl"] is { } nl ? String(nl) ?? "" : "", map["en"] is { } en ? String(en) ?? "" : "");
    }

    /// <summary>A unit: one string for both languages ("%", "MWp": no warning), or { nl, en } where it differs ("uur/week").</summary>
    private Text UnitValue(YamlNode node) =>
        node is YamlScalar scalar && !scalar.IsNull
            ? String(node) is { } unit ? new Text(unit, unit) : Model.Text.Empty
            : TextValue(node) ?? Model.Text.Empty;

    private PlayerRange Range(YamlMapping parent, string key, PlayerRange fallback, int minimum = 2)
    {
        if (parent[key] is not { } node || Map(node, ScenarioShapes.Range) is not { } map)
        {
            return fallback;
        }

        var min = Integer(map, "min", minimum, 12) ?? fallback.Min;
        var max = Integer(map, "max", Math.Max(minimum, 1), 12) ?? fallback.Max;
        if (min > max)
        {
            Error(map["min"] ?? map, Codes.MinAboveMax, $"min ({min}) must not be above max ({max}) in '{key}'");
            return fallback;
        }

        return new PlayerRange(min, max);
    }

    private int? Integer(YamlMapping map, string key, int min, int max) =>
        map[key] is { } node ? Integer(node, min, max) : null;

    private int? Integer(YamlNode node, int min, int max)
    {
        if (node is not YamlScalar { Quoted: false } scalar || !ScalarSyntax.TryInteger(scalar.Value, out var value))
        {
            Error(node, Codes.WrongType, $"expected a whole number, found {Describe(node)}");
            return null;
        }

        if (value < min || value > max)
        {
            Error(node, Codes.NumberOutOfRange, $"expected a whole number from {min} to {max}, found {value}");
            return null;
        }

        return (int)value;
    }

    private double? Number(YamlMapping map, string key) => map[key] is { } node ? Number(node) : null;

    private double? Number(YamlNode node)
    {
        if (halfNumbers.Contains(node))
        {
            // Already reported as a decimal comma; its first half is no number to check further.
            return null;
        }

        if (node is YamlScalar { Quoted: false } scalar && ScalarSyntax.TryNumber(scalar.Value, out var value))
        {
            return value;
        }

        if (node is YamlScalar { Quoted: false } comma && DecimalCommaPattern().IsMatch(comma.Value))
        {
            DecimalComma(comma, comma.Value);
            return null;
        }

        Error(node, Codes.WrongType, $"expected a number, found {Describe(node)}");
        return null;
    }

    private string? String(YamlNode node)
    {
        if (node is YamlScalar scalar && !scalar.IsNull)
        {
            return scalar.Value;
        }

        Error(node, Codes.WrongType, $"expected a text, found {node.Kind}");
        return null;
    }

    private TEnum Enum<TEnum>(YamlNode node, TEnum fallback)
        where TEnum : struct, System.Enum
    {
        var names = System.Enum.GetNames<TEnum>().Select(Snake).ToArray();
        if (String(node) is not { } value)
        {
            return fallback;
        }

        var index = Array.IndexOf(names, value);
        if (index < 0)
        {
            Error(node, Codes.InvalidValue, $"'{value}' is not allowed here; expected one of {string.Join(", ", names)}{Suggest.DidYouMean(value, names)}");
            return fallback;
        }

        return System.Enum.GetValues<TEnum>()[index];
    }

    private TimeSpan Duration(YamlNode node)
    {
        var text = node is YamlScalar scalar ? scalar.Value : "";
        var match = DurationPattern().Match(text);
        if (match.Success && (match.Groups[1].Success || match.Groups[2].Success || match.Groups[3].Success || match.Groups[4].Success))
        {
            var seconds = match.Groups[4].Success ? int.Parse(match.Groups[4].Value, CultureInfo.InvariantCulture)
                : (match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 3600 : 0)
                  + (match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * 60 : 0)
                  + (match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0);
            if (seconds is >= 10 and <= 7200)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            Error(node, Codes.NumberOutOfRange, $"a phase lasts from 10 seconds to 2 hours, found '{text}'");
            return TimeSpan.FromMinutes(3);
        }

        Error(node, Codes.InvalidValue, $"expected a duration such as 90, 90s, 4m or 1m30s, found {Describe(node)}");
        return TimeSpan.FromMinutes(3);
    }

    private void Error(YamlNode node, string code, string message) =>
        diagnostics.Add(new Diagnostic(file, node.Line, node.Column, Severity.Error, code, message));

    /// <summary>A number written the Dutch way ("0,35"): say so, and give the number with a decimal point.</summary>
    private void DecimalComma(YamlNode node, string written)
    {
        var fixedNumber = written.Replace(',', '.');
        diagnostics.Add(new Diagnostic(file, node.Line, node.Column, Severity.Error, Codes.DecimalComma,
            $"'{written}' has a decimal comma; numbers in a scenario take a decimal point: {fixedNumber}", fixedNumber));
    }

    /// <summary>
    /// A formula that does not parse because it joins conditions with the Dutch "en" or "of": the error at that
    /// word, and the formula with &amp;&amp; and || when that version parses. Null when the words are not the problem.
    /// </summary>
    private Diagnostic? DutchWord(YamlScalar scalar)
    {
        var words = DutchConnective().Matches(scalar.Value);
        if (words.Count == 0)
        {
            return null;
        }

        var repaired = DutchConnective().Replace(scalar.Value, m => m.Value == "en" ? "&&" : "||");
        if (Formula.Parse(repaired).Formula is null)
        {
            return null;
        }

        var first = words[0];
        var column = scalar.Column + (scalar.Quoted ? 1 : 0) + first.Index;
        var meant = first.Value == "en" ? "&& (and)" : "|| (or)";
        return new Diagnostic(file, scalar.Line, column, Severity.Error, Codes.DutchConnective,
            $"the formula \"{scalar.Value}\" uses the Dutch '{first.Value}'; a formula writes {meant}: \"{repaired}\"",
            scalar.Quoted ? $"\"{repaired}\"" : repaired);
    }

    private void Warning(YamlNode node, string code, string message) =>
        diagnostics.Add(new Diagnostic(file, node.Line, node.Column, Severity.Warning, code, message));

    private static string Describe(YamlNode node) => node is YamlScalar s ? $"{node.Kind} '{Shorten(s.Value)}'" : node.Kind;

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static string Show(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Lower<TEnum>(TEnum value)
        where TEnum : struct, System.Enum => Snake(value.ToString());

    internal static string Snake(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[+-]?\d+,\d+$")]
    private static partial Regex DecimalCommaPattern();

    /// <summary>"en" or "of" as a word of its own, not part of a name or a [role.resource].</summary>
    [GeneratedRegex(@"(?<![\w.\[])(en|of)(?![\w.\]])")]
    private static partial Regex DutchConnective();

    [GeneratedRegex(@"^\s*(?:(?:(\d{1,2})h)?(?:(\d{1,3})m)?(?:(\d{1,5})s)?|(\d{1,5}))\s*$")]
    private static partial Regex DurationPattern();
}

/// <summary>What a reference in the file must name.</summary>
internal enum ReferenceKind { Role, RoleOrVote, Metric, Phase, EffectTarget, OwnResource }

/// <summary>A name used in the file that must exist elsewhere in it; Owner is the acting role for costs.</summary>
internal sealed record Reference(ReferenceKind Kind, string Name, YamlNode Node, string? Owner);
