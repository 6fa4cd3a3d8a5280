using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>An author's condition put in words a player can read, in Dutch and English.</summary>
internal static partial class ReadableCondition
{
    private static readonly Text Round = new("ronde", "round");

    private static readonly Text Rounds = new("rondes", "rounds");

    private static readonly Text And = new("en", "and");

    private static readonly Text Or = new("of", "or");

    private static readonly Text Not = new("niet", "not");

    /// <summary>
    /// A condition as the author wrote it, with each metric and resource named by its label (a
    /// resource with its role) and the words of the formula in each language; numbers and
    /// comparisons stay as written.
    /// </summary>
    public static Text Of(Scenario scenario, string source) =>
        new(In(scenario, source, "nl"), In(scenario, source, "en"));

    private static string In(Scenario scenario, string source, string language) =>
        Names().Replace(source, match =>
        {
            if (match.Groups["role"].Success)
            {
                var role = scenario.Roles.FirstOrDefault(r => r.Id == match.Groups["role"].Value);
                var resource = role?.Resources.FirstOrDefault(r => r.Id == match.Groups["resource"].Value);
                return role is null || resource is null ? match.Value : $"{resource.Label.In(language)} ({role.Name.In(language)})";
            }

            var word = match.Groups["word"].Value;
            return word switch
            {
                "round" => Round.In(language),
                "rounds" => Rounds.In(language),
                "and" or "&&" => And.In(language),
                "or" or "||" => Or.In(language),
                "not" => Not.In(language),
                _ => scenario.Metrics.FirstOrDefault(m => m.Id == word)?.Label.In(language) ?? word,
            };
        });

    [GeneratedRegex(@"\[(?<role>[A-Za-z0-9_]+)\.(?<resource>[A-Za-z0-9_]+)\]|(?<word>\b[A-Za-z_][A-Za-z0-9_]*\b|&&|\|\|)")]
    private static partial Regex Names();
}

/// <summary>
/// The refusals of one action that depend only on the scenario, made once per rules: the views ask
/// why not for every action of every seat on every push, and get the same objects every time.
/// </summary>
internal sealed record ActionRefusals(
    Rejection NotYourRole,
    Rejection WrongPhase,
    Rejection LimitReached,
    ImmutableArray<Rejection> Costs,
    Rejection? NobodyToAsk,
    Rejection? ConditionNotMet)
{
    /// <summary>Every refusal of the action, in a fixed order.</summary>
    public IEnumerable<Rejection> All =>
        new[] { NotYourRole, WrongPhase, LimitReached }.Concat(Costs).Concat(new[] { NobodyToAsk, ConditionNotMet }.OfType<Rejection>());

    public static ActionRefusals Of(Scenario scenario, ActionDefinition action)
    {
        var role = scenario.Role(action.Role);
        var phases = action.Phases.Select(p => scenario.Rounds.Phases.First(x => x.Id == p).Label).ToList();
        return new ActionRefusals(
            Refusals.NotYourRole(role.Name),
            Refusals.OnlyInPhases(phases),
            Refusals.DoneTimesThisRound(action.LimitPerRound),
            [.. action.Cost.Select(cost => Refusals.Insufficient(cost.Amount, role.Resources.First(r => r.Id == cost.Resource).Label))],
            action.To is null ? null : Refusals.NobodyToAsk(scenario.Role(action.To).Name),
            action.Condition is null ? null : Refusals.ConditionNotMet(ReadableCondition.Of(scenario, action.Condition.Source)));
    }
}

/// <summary>
/// The keys <see cref="TableRules.WhyNot(TableState, int, ActionDefinition)"/> reads the state by for one action, made
/// once per rules: the resource key of each cost, whether each phase (by index) allows it, and the key of
/// each seat's count of it this round (<see cref="TableRules.ActionKey"/>) for the seats a table can have.
/// </summary>
internal sealed class ActionKeys(string action, ImmutableArray<string> costs, bool[] inPhase, string[] taken)
{
    public ImmutableArray<string> Costs { get; } = costs;

    public bool[] InPhase { get; } = inPhase;

    /// <summary>The key of a seat's count of this action in <see cref="TableState.ActionsThisRound"/>.</summary>
    public string Taken(int seat) => seat < taken.Length ? taken[seat] : TableRules.ActionKey(seat, action);

    public static ActionKeys Of(Scenario scenario, ActionDefinition action) => new(
        action.Id,
        [.. action.Cost.Select(c => EffectTarget.ResourceKey(action.Role, c.Resource))],
        [.. scenario.Rounds.Phases.Select(p => action.Phases.Contains(p.Id))],
        [.. Enumerable.Range(0, scenario.Players.Max).Select(seat => TableRules.ActionKey(seat, action.Id))]);
}
