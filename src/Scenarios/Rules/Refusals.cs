using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>
/// What the refusals have in common: the ones that never vary, the cultures their numbers are
/// written in, and an author's condition put in words a player can read.
/// </summary>
internal static partial class Refusals
{
    /// <summary>Dutch numbers (a decimal comma); built by hand, as the server may run without culture data.</summary>
    public static readonly NumberFormatInfo Dutch = NumberFormatInfo.ReadOnly(new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." });

    public static readonly NumberFormatInfo English = NumberFormatInfo.InvariantInfo;

    public static readonly Rejection Paused = new("paused", "Het spel is even gepauzeerd.", "The game is paused.");

    public static readonly Rejection NotInRound = new("wrong_phase", "Acties doe je tijdens de rondes.", "Actions are taken during the rounds.");

    public static readonly Rejection NotSeated = new("not_seated", "Je hebt geen plek aan deze tafel.", "You have no seat at this table.");

    public static readonly Rejection DoneThisRound = new("limit_reached", "Al gedaan deze ronde.", "Already done this round.");

    public static readonly Rejection VoteOpen = new("vote_open", "Er loopt nog een andere stemming.", "Another vote is still open.");

    public static readonly Rejection GameOver = new("game_over", "Het spel is voorbij.", "The game is over.");

    public static readonly Text Note = new("De notitie", "The note");

    public static readonly Text TextField = new("De tekst", "The text");

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
    public static Text Readable(Scenario scenario, string source) =>
        new(Readable(scenario, source, "nl"), Readable(scenario, source, "en"));

    private static string Readable(Scenario scenario, string source, string language) =>
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
        var to = action.To is null ? null : scenario.Role(action.To).Name;
        var condition = action.Condition is null ? null : Refusals.Readable(scenario, action.Condition.Source);
        return new ActionRefusals(
            new Rejection("not_your_role", $"Alleen de rol {role.Name.Nl} kan dit.", $"Only the {role.Name.En} can do this."),
            new Rejection("wrong_phase", $"Dit kan in de fase: {string.Join(", ", phases.Select(p => p.Nl))}.", $"This can be done in: {string.Join(", ", phases.Select(p => p.En))}."),
            action.LimitPerRound == 1
                ? Refusals.DoneThisRound
                : new Rejection("limit_reached", $"Deze ronde al {action.LimitPerRound} keer gedaan.", $"Already done {action.LimitPerRound} times this round."),
            [.. action.Cost.Select(cost =>
            {
                var label = role.Resources.First(r => r.Id == cost.Resource).Label;
                return new Rejection(
                    "insufficient_resources",
                    string.Create(Refusals.Dutch, $"Daarvoor heb je {cost.Amount:0.##} {label.Nl} nodig."),
                    string.Create(Refusals.English, $"This needs {cost.Amount:0.##} {label.En}."));
            })],
            to is null ? null : new Rejection("nobody_to_ask", $"Niemand heeft deze ronde de rol {to.Nl}.", $"Nobody holds the role {to.En} this round."),
            condition is null ? null : new Rejection("condition_not_met", $"Alleen mogelijk als: {condition.Nl}.", $"Only possible when: {condition.En}."));
    }
}
