using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>Which dilemma comes on the table when a phase begins, and who decides it.</summary>
public static class DilemmaDraw
{
    /// <summary>
    /// The dilemma that appears on entering <paramref name="next"/>: a card fixed to this round first;
    /// else each eligible card is drawn with its chance, and of several drawn one is picked by weight.
    /// Draws advance <paramref name="random"/>, the table's seeded generator.
    /// </summary>
    internal static string? OnEntering(TableRules rules, TableState state, FlowState next, ref ulong random)
    {
        var scenario = rules.Scenario;
        var phase = scenario.Phase(next.Phase).Id;
        var scope = rules.Scope(state with { Flow = next });
        var eligible = scenario.Dilemmas
            .Where(d => d.Phase == phase && !state.DilemmasSeen.Contains(d.Id))
            .Where(d => d.Round is null || d.Round == next.Round)
            .Where(d => d.Condition is null || d.Condition.IsTrue(scope))
            .ToList();
        if (eligible.FirstOrDefault(d => d.Round == next.Round) is { } fixedCard)
        {
            return fixedCard.Id;
        }

        var drawn = new List<Dilemma>();
        foreach (var dilemma in eligible)
        {
            if (Seeded.NextDouble(ref random) < dilemma.Chance)
            {
                drawn.Add(dilemma);
            }
        }

        if (drawn.Count <= 1)
        {
            return drawn.FirstOrDefault()?.Id;
        }

        var pick = Seeded.NextDouble(ref random) * drawn.Sum(d => d.Chance);
        foreach (var dilemma in drawn)
        {
            pick -= dilemma.Chance;
            if (pick < 0)
            {
                return dilemma.Id;
            }
        }

        return drawn[^1].Id;
    }

    /// <summary>
    /// The role that decides a dilemma now, or null when the table votes: by design, or because
    /// nobody holds the deciding role this round. The rules and every view ask this one question.
    /// </summary>
    public static string? DecidingRole(TableState state, Dilemma dilemma) =>
        dilemma.IsVote || !state.HoldersOf(dilemma.DecidedBy).Any() ? null : dilemma.DecidedBy;
}
