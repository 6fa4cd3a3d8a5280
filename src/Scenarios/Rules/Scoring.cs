using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>The community score: how far the shared metrics moved the good way, plus the shared goals met.</summary>
public static class Scoring
{
    /// <summary>
    /// Σ weight × (movement from start in the good direction ÷ range) ÷ Σ weight × 100, so −100..100,
    /// plus the points of every shared goal whose condition holds now.
    /// </summary>
    public static double Community(Scenario scenario, SessionState state)
    {
        var weights = scenario.Metrics.Sum(m => m.Weight);
        var progress = weights <= 0 ? 0 : scenario.Metrics.Sum(m =>
        {
            var moved = (state.Metrics[m.Id] - m.Start) / (m.Max - m.Min);
            return m.Weight * (m.Good == Direction.Up ? moved : -moved);
        }) / weights * 100;
        var scope = new StateScope(state, scenario.Rounds.Count);
        var goals = scenario.SharedGoals.Where(g => g.When.IsTrue(scope)).Sum(g => g.Points);
        return Math.Round(progress + goals, 2);
    }

    /// <summary>Each role's share (0–1) of all shared-metric movement caused by its actions and decisions.</summary>
    public static IReadOnlyDictionary<string, double> Contribution(Scenario scenario, SessionState state)
    {
        var total = state.Contribution.Values.Sum();
        return scenario.Roles.ToDictionary(r => r.Id, r => total <= 0 ? 0 : Math.Round(state.Contribution.GetValueOrDefault(r.Id) / total, 4));
    }
}
