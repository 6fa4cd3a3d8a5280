using System.Collections.Frozen;
using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Balance;

/// <summary>What a bot can choose: an action (direct, proposal or vote), a dilemma's option, or (drawn, not chosen) a dilemma.</summary>
public enum ContentKind { Action, Proposal, Vote, Option, Dilemma }

/// <summary>One piece of a scenario's content the report counts: its kind, its id ("dilemma/option" for an option) and its label.</summary>
public sealed record ContentItem(ContentKind Kind, string Id, Text Label);

/// <summary>The scenario's roles, metrics, goals and content in a fixed order, so one game's tally is a few arrays.</summary>
public sealed class BalanceContent
{
    public BalanceContent(Scenario scenario)
    {
        Scenario = scenario;
        Roles = scenario.Roles;
        Metrics = scenario.Metrics;
        SharedGoals = scenario.SharedGoals;
        RoleIndex = Roles.Select((r, i) => (r.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var items = ImmutableArray.CreateBuilder<ContentItem>();
        var actions = new Dictionary<string, int>(StringComparer.Ordinal);
        var options = new Dictionary<(string, string), int>();
        var dilemmas = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var action in scenario.Actions)
        {
            actions[action.Id] = items.Count;
            var kind = action.Kind switch
            {
                ActionKind.Proposal => ContentKind.Proposal,
                ActionKind.Vote => ContentKind.Vote,
                _ => ContentKind.Action,
            };
            items.Add(new ContentItem(kind, action.Id, action.Label));
        }

        foreach (var dilemma in scenario.Dilemmas)
        {
            dilemmas[dilemma.Id] = items.Count;
            items.Add(new ContentItem(ContentKind.Dilemma, dilemma.Id, dilemma.Title));
            foreach (var option in dilemma.Options)
            {
                options[(dilemma.Id, option.Id)] = items.Count;
                items.Add(new ContentItem(ContentKind.Option, $"{dilemma.Id}/{option.Id}", option.Label));
            }
        }

        Items = items.ToImmutable();
        ActionIndex = actions.ToFrozenDictionary(StringComparer.Ordinal);
        OptionIndex = options.ToFrozenDictionary();
        DilemmaIndex = dilemmas.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public Scenario Scenario { get; }

    public ImmutableArray<Role> Roles { get; }

    public ImmutableArray<Metric> Metrics { get; }

    public ImmutableArray<SharedGoal> SharedGoals { get; }

    public ImmutableArray<ContentItem> Items { get; }

    public FrozenDictionary<string, int> RoleIndex { get; }

    public FrozenDictionary<string, int> ActionIndex { get; }

    public FrozenDictionary<(string Dilemma, string Option), int> OptionIndex { get; }

    public FrozenDictionary<string, int> DilemmaIndex { get; }
}
