using System.Collections.Concurrent;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Contracts;

/// <summary>
/// Compiled rules per scenario version (and rotation override), shared by the grains and the web
/// host's views. A scenario version never changes once used, so its rules are cached for good.
/// </summary>
public sealed class RulesCatalog(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<(ScenarioRef, RotationMode?), Lazy<Task<TableRules>>> cache = new();

    /// <summary>The rules of a scenario version; throws <see cref="InvalidOperationException"/> when the version is unknown or does not load.</summary>
    public Task<TableRules> GetAsync(ScenarioRef scenario, RotationMode? rotation)
    {
        var entry = cache.GetOrAdd((scenario, rotation), key => new Lazy<Task<TableRules>>(() => LoadAsync(key.Item1, key.Item2)));
        var task = entry.Value;
        if (task.IsFaulted)
        {
            // A failed load (say, the library was briefly unreachable) is not cached.
            cache.TryRemove(new KeyValuePair<(ScenarioRef, RotationMode?), Lazy<Task<TableRules>>>((scenario, rotation), entry));
        }

        return task;
    }

    private async Task<TableRules> LoadAsync(ScenarioRef scenario, RotationMode? rotation)
    {
        var text = BuiltInScenarios.ReadText(scenario.Id, scenario.Version);
        var loaded = text is null ? null : ScenarioLoader.LoadText(text, BuiltInScenarios.FileName(scenario.Id)).Scenario;
        if (loaded?.Version != scenario.Version)
        {
            text = await grains.GetGrain<IScenarioLibraryGrain>(0).GetSourceAsync(scenario)
                ?? throw new InvalidOperationException($"the scenario library has no {scenario}");
            var result = ScenarioLoader.LoadText(text, $"{scenario.Id}.yaml");
            loaded = result.Scenario ?? throw new InvalidOperationException($"{scenario} does not load: {string.Join("; ", result.Errors)}");
        }

        return new TableRules(rotation is { } mode && mode != loaded.Rotation ? loaded with { Rotation = mode } : loaded);
    }
}
