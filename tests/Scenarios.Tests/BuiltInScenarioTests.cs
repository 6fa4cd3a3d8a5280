using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The shipped scenarios are complete: they load cleanly and have the content the product promises.</summary>
public sealed class BuiltInScenarioTests
{
    public static TheoryData<string> Ids() => [.. BuiltInScenarios.Ids];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Built_in_scenario_loads_without_errors_or_warnings(string id)
    {
        var result = ScenarioLoader.LoadBuiltIn(id);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(id, result.Scenario!.Id);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void An_earlier_version_of_a_built_in_stays_as_it_shipped(string id)
    {
        // Version 1 was rebalanced into version 2; tables that played 1 must replay under 1's rules.
        var current = ScenarioLoader.LoadBuiltIn(id).Scenario!;
        Assert.Equal(2, current.Version);
        Assert.Equal(BuiltInScenarios.ReadText(id), BuiltInScenarios.ReadText(id, 2));

        var earlier = BuiltInScenarios.ReadText(id, 1);
        Assert.NotNull(earlier);
        Assert.NotEqual(BuiltInScenarios.ReadText(id), earlier);
        var loaded = ScenarioLoader.LoadText(earlier, BuiltInScenarios.FileName(id));
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        Assert.Equal((id, 1), (loaded.Scenario!.Id, loaded.Scenario.Version));

        Assert.Null(BuiltInScenarios.ReadText(id, 3));
        Assert.Null(BuiltInScenarios.ReadText("no_such_scenario", 1));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Built_in_scenario_has_the_promised_content(string id)
    {
        var scenario = ScenarioLoader.LoadBuiltIn(id).Scenario!;
        var roles = scenario.Roles.Select(r => r.Id).ToList();
        Assert.Contains("alderman", roles);
        Assert.Contains("official", roles);
        Assert.Contains("resident", roles);
        Assert.True(roles.Count >= 4, "the three core roles plus at least one more");
        Assert.True(scenario.Metrics.Length >= 5, "at least 5 metrics");
        Assert.True(scenario.Rounds.Count >= 4, "at least 4 rounds");
        Assert.True(scenario.Dilemmas.Length >= 5, "at least 5 dilemmas");
        Assert.NotEmpty(scenario.SharedGoals);
        Assert.NotEmpty(scenario.Debrief.WhatHappened);
        Assert.NotEmpty(scenario.Debrief.SoWhat);
        Assert.NotEmpty(scenario.Debrief.NowWhat);
        Assert.NotEqual(string.Empty, scenario.Debrief.SwapReflection.Nl);
        foreach (var role in scenario.Roles)
        {
            var actions = scenario.Actions.Where(a => a.Role == role.Id).ToList();
            Assert.True(actions.SelectMany(a => a.Phases).Distinct().Count() >= 2, $"{role.Id} acts in at least two phases");
            var needsAnother = actions.Any(a => a.Kind is ActionKind.Proposal or ActionKind.Vote)
                || scenario.Actions.Any(a => a.Kind == ActionKind.Proposal && a.To == role.Id);
            Assert.True(actions.Any(a => a.Kind == ActionKind.Proposal), $"{role.Id} has an action that needs another role's answer");
            Assert.True(needsAnother);
            Assert.NotEmpty(role.Goals);
            Assert.NotEqual(role.Brief.Nl, role.Brief.En);
        }

        foreach (var dilemma in scenario.Dilemmas)
        {
            Assert.True(dilemma.Options.Length >= 2);
            Assert.True(dilemma.Options.Select(o => string.Join(",", o.Effects.Select(e => e.Target.Key + e.Delta.Source))).Distinct().Count() == dilemma.Options.Length,
                $"the options of {dilemma.Id} differ in what they change");
        }
    }
}
