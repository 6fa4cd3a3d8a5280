using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>
/// One shared metric's term of the community score: <c>Moved</c> is the movement from the start in the
/// good direction as a share of the range (−1..1); <c>Points</c> is weight × moved ÷ the sum of all weights × 100.
/// </summary>
public sealed record MetricTerm(string Metric, double Start, double End, double Min, double Max, Direction Good, double Weight, double Moved, double Points);

/// <summary>A shared goal of the scenario: its points count when its condition holds at the end.</summary>
public sealed record SharedGoalTerm(string Goal, Text Label, int Points, bool Met);

/// <summary>The community score term by term: each metric's movement, its weight and direction, and each shared goal met.</summary>
public sealed record ScoreExplained(ImmutableArray<MetricTerm> Metrics, ImmutableArray<SharedGoalTerm> SharedGoals, double Total);

/// <summary>The community score: how far the shared metrics moved the good way, plus the shared goals met.</summary>
public static class Scoring
{
    /// <summary>
    /// Σ weight × (movement from start in the good direction ÷ range) ÷ Σ weight × 100, so −100..100,
    /// plus the points of every shared goal whose condition holds now; rounded to two decimals.
    /// </summary>
    public static double Community(Scenario scenario, TableState state) => Explain(scenario, state).Total;

    /// <summary>The community score as <see cref="Community"/> computes it, term by term (docs/scenario-format.md).</summary>
    public static ScoreExplained Explain(Scenario scenario, TableState state)
    {
        var weights = scenario.Metrics.Sum(m => m.Weight);
        var metrics = scenario.Metrics.Select(m =>
        {
            var end = state.Metrics[m.Id];
            var moved = (end - m.Start) / (m.Max - m.Min);
            var good = m.Good == Direction.Up ? moved : -moved;
            return new MetricTerm(m.Id, m.Start, end, m.Min, m.Max, m.Good, m.Weight, good, weights <= 0 ? 0 : m.Weight * good / weights * 100);
        }).ToImmutableArray();

        // The total is summed as it always was (Σ weight × moved, then ÷ Σ weight), so scores do not move in the last digit.
        var progress = weights <= 0 ? 0 : metrics.Sum(t => t.Weight * t.Moved) / weights * 100;
        var scope = new StateScope(state, scenario.Rounds.Count);
        var goals = scenario.SharedGoals.Select(g => new SharedGoalTerm(g.Id, g.Label, g.Points, g.When.IsTrue(scope))).ToImmutableArray();
        var total = Math.Round(progress + goals.Where(g => g.Met).Sum(g => g.Points), 2);
        return new ScoreExplained(metrics, goals, total);
    }

    /// <summary>Each role's share (0–1) of all shared-metric movement caused by its actions and decisions.</summary>
    public static IReadOnlyDictionary<string, double> Contribution(Scenario scenario, TableState state)
    {
        var total = state.Contribution.Values.Sum();
        return scenario.Roles.ToDictionary(r => r.Id, r => total <= 0 ? 0 : Math.Round(state.Contribution.GetValueOrDefault(r.Id) / total, 4));
    }
}
