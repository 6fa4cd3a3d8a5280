using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The built-in scenarios, loaded once and shared by the tests that play them.</summary>
public sealed class BuiltInFixture
{
    public BuiltInFixture()
    {
        // A scenario that fails to load is reported by BuiltInScenarioTests; here it is simply absent.
        Rules = BuiltInScenarios.Ids
            .Select(ScenarioLoader.LoadBuiltIn)
            .Where(r => r.Succeeded)
            .ToImmutableDictionary(r => r.Scenario!.Id, r => new TableRules(r.Scenario!));
    }

    public ImmutableDictionary<string, TableRules> Rules { get; }
}
