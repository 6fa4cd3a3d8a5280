using System.Collections.Immutable;

namespace RegioLab.Sim.Scenarios.Balance;

/// <summary>Folds the tallies of many games into the report's figures.</summary>
public static class BalanceFigures
{
    private const int Bins = 10;

    /// <summary>The figures of one player count; <paramref name="byKind"/> holds the games of each kind in <see cref="BalanceRun.Kinds"/> order.</summary>
    public static PlayerCountFigures ForPlayerCount(BalanceContent content, int players, GameTally[][] byKind)
    {
        var all = byKind.SelectMany(g => g).ToArray();
        var (low, high) = all.Length == 0 ? (0.0, 0.0) : (all.Min(g => g.Score), all.Max(g => g.Score));
        var bots = byKind.Select((games, k) => ForKind(content, BalanceRun.Kinds[k].ToString().ToLowerInvariant(), games, low, high)).ToImmutableArray();
        var greedy = bots[1].Score.Mean;
        var cooperative = bots[2].Score.Mean;
        return new PlayerCountFigures(players, Premium(cooperative, greedy), bots);
    }

    /// <summary>
    /// How much more the cooperative bots score than the greedy ones, as a share of the greedy score
    /// (of 10 points when the greedy score is nearer 0 than that, so a tiny score does not make a huge premium).
    /// </summary>
    public static double Premium(double cooperative, double greedy) => Round((cooperative - greedy) / Math.Max(Math.Abs(greedy), 10));

    private static BotFigures ForKind(BalanceContent content, string bot, GameTally[] games, double low, double high)
    {
        var roles = content.Roles.Select((role, r) =>
        {
            var held = games.Sum(g => g.HolderRounds[r]);
            var points = games.Sum(g => g.RolePoints[r]);
            var moved = games.Where(g => g.Contribution.Sum() > 0).ToArray();
            return new RoleFigures(
                role.Id,
                Round(games.Length == 0 ? 0 : (double)held / games.Length),
                Round(moved.Length == 0 ? 0 : moved.Average(g => g.Contribution[r])),
                Round(held == 0 ? 0 : (double)points / held),
                Round(games.Length == 0 ? 0 : (double)games.Count(g => g.TopRole == r) / games.Length));
        }).ToImmutableArray();
        var rounds = content.Scenario.Rounds.Count;
        var metrics = content.Metrics.Select((metric, m) =>
        {
            var finals = games.Select(g => g.Final[m]).ToArray();
            var curve = Enumerable.Range(1, rounds).Select(round =>
            {
                var values = games.Select(g => g.AtRoundEnd[round - 1, m]).Order().ToArray();
                return new RoundBand(round, Round(Percentile(values, 0.5)), Round(Percentile(values, 0.1)), Round(Percentile(values, 0.9)));
            }).ToImmutableArray();
            return new MetricFigures(
                metric.Id,
                Round(Mean(finals)),
                Round(Spread(finals)),
                Round(Share(finals, v => v <= metric.Min + 1e-9)),
                Round(Share(finals, v => v >= metric.Max - 1e-9)),
                curve);
        }).ToImmutableArray();
        var goals = content.SharedGoals.Select((goal, s) => new SharedGoalFigures(
            goal.Id,
            [.. Enumerable.Range(0, rounds).Select(r => Round(games.Length == 0 ? 0 : (double)games.Count(g => g.GoalsMetAtRoundEnd[r, s]) / games.Length))])).ToImmutableArray();
        return new BotFigures(
            bot,
            games.Length,
            Of([.. games.Select(g => g.Score)], low, high),
            Of([.. games.Select(g => (double)g.Events)]),
            roles,
            Round(games.Length == 0 ? 0 : games.Average(g => g.RotationCoverage)),
            games.Length == 0 ? 0 : games.Min(g => g.FewestRolesHeld),
            new ProposalFigures(Round(Mean(games, g => g.Accepted)), Round(Mean(games, g => g.Countered)), Round(Mean(games, g => g.Rejected)), Round(Mean(games, g => g.Expired))),
            new BallotFigures(Round(Mean(games, g => g.BallotsCalled)), Round(Mean(games, g => g.BallotsCarried))),
            metrics,
            goals);
    }

    /// <summary>A distribution with a histogram of <see cref="Bins"/> equal bins over [low, high] (its own extremes when not given).</summary>
    public static Distribution Of(double[] values, double? low = null, double? high = null)
    {
        if (values.Length == 0)
        {
            return new Distribution(0, 0, 0, 0, 0, []);
        }

        var sorted = values.Order().ToArray();
        var from = low ?? sorted[0];
        var to = high ?? sorted[^1];
        var width = (to - from) / Bins;
        var counts = new int[Bins];
        foreach (var value in sorted)
        {
            var bin = width <= 0 ? 0 : Math.Clamp((int)((value - from) / width), 0, Bins - 1);
            counts[bin]++;
        }

        var histogram = counts.Select((count, i) => new HistogramBin(Round(from + i * width), Round(from + (i + 1) * width), count)).ToImmutableArray();
        return new Distribution(Round(Mean(sorted)), Round(Spread(sorted)), Round(Percentile(sorted, 0.5)), Round(sorted[0]), Round(sorted[^1]), histogram);
    }

    /// <summary>The p-th percentile of sorted values, interpolated between the nearest ranks.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = p * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }

    /// <summary>The population standard deviation.</summary>
    public static double Spread(double[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var mean = Mean(values);
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }

    private static double Mean(double[] values) => values.Length == 0 ? 0 : values.Average();

    private static double Mean(GameTally[] games, Func<GameTally, int> count) => games.Length == 0 ? 0 : games.Average(count);

    private static double Share(double[] values, Func<double, bool> pinned) => values.Length == 0 ? 0 : (double)values.Count(pinned) / values.Length;

    private static double Round(double value) => Math.Round(value, 4);
}
