using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>Which achievements a seat earns: some on the spot (a proposal accepted), the rest when the game is played out.</summary>
internal static class Achievements
{
    /// <summary>The achievements of a kind that a seat earns now and does not have yet.</summary>
    public static IEnumerable<string> For(Scenario scenario, TableState state, int seat, AchievementKind kind) =>
        scenario.Achievements.Where(a => a.Kind == kind && !state.Seats[seat].Achievements.Contains(a.Id)).Select(a => a.Id);

    /// <summary>
    /// Every (seat, achievement) earned at the end of the game: every role held, a metric kept above its line, a condition met.
    /// <paramref name="played"/> is the number of rounds played (the game may end early): the rounds planned after
    /// them were never held, and the roles in play are those held in the rounds played.
    /// </summary>
    public static IEnumerable<(int Seat, string Achievement)> AtTheEnd(TableRules rules, TableState state, int played)
    {
        var scope = rules.Scope(state);
        var rounds = Enumerable.Range(1, Math.Min(played, state.Plan.Length)).ToList();
        var everyRole = rounds.SelectMany(r => state.Plan[r - 1]).Where(r => r.Length > 0).ToHashSet();
        var earned = new List<(int, string)>();
        foreach (var achievement in rules.Scenario.Achievements)
        {
            foreach (var seat in state.Playing)
            {
                var earnedNow = achievement.Kind switch
                {
                    AchievementKind.HeldEveryRole => everyRole.Count > 0 && everyRole.All(role => rounds.Any(r => state.RoleIn(seat.Id, r) == role)),
                    AchievementKind.MetricKeptAbove => state.MetricLows[achievement.Metric!] >= achievement.Line,
                    AchievementKind.Condition => achievement.When!.IsTrue(scope),
                    _ => false,
                };
                if (earnedNow && !seat.Achievements.Contains(achievement.Id))
                {
                    earned.Add((seat.Id, achievement.Id));
                }
            }
        }

        return earned;
    }
}
