using System.Globalization;
using RegioLab.Sim.Scenarios.Balance;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The balance report: its figures are folds of the very games it names, and its warnings fire where a scenario is off.</summary>
public sealed class BalanceTests(BuiltInFixture builtIns) : IClassFixture<BuiltInFixture>
{
    /// <summary>
    /// Three roles, one of which (spectator) can do nothing; an action whose condition never holds;
    /// and a metric (noise) that one shout pushes to its max.
    /// </summary>
    private const string Lopsided = """
        id: lopsided
        title: { nl: Scheef, en: Lopsided }
        summary: { nl: Een scheef spel., en: A lopsided game. }
        players: { min: 3, max: 3 }
        metrics:
          - { id: trust, label: { nl: Vertrouwen, en: Trust }, min: 0, max: 100, start: 50 }
          - { id: noise, label: { nl: Lawaai, en: Noise }, min: 0, max: 10, start: 5, good: down }
        roles:
          - id: alderman
            name: { nl: Wethouder, en: Alderman }
            description: { nl: Bestuurt., en: Governs. }
            brief: { nl: Herkozen worden., en: Be re-elected. }
            resources:
              - { id: capital, label: { nl: Kapitaal, en: Capital }, start: 10 }
            goals:
              - { id: trusted, label: { nl: Vertrouwd, en: Trusted }, points: 5, when: "trust >= 60" }
          - id: resident
            name: { nl: Bewoner, en: Resident }
            description: { nl: Woont er., en: Lives there. }
            brief: { nl: Gehoord worden., en: Be heard. }
            goals:
              - { id: heard, label: { nl: Gehoord, en: Heard }, points: 5, when: "noise >= 10" }
          - id: spectator
            name: { nl: Toeschouwer, en: Spectator }
            description: { nl: Kijkt toe., en: Watches. }
            brief: { nl: Kijk goed., en: Watch closely. }
        rounds:
          count: 3
          phases:
            - { id: talk, label: { nl: Praten, en: Talk }, duration: 4m }
        actions:
          - id: listen
            role: alderman
            phases: [talk]
            label: { nl: Luisteren, en: Listen }
            description: { nl: Luister., en: Listen. }
            cost: { capital: 1 }
            effects: { trust: 5 }
          - id: shout
            role: resident
            phases: [talk]
            label: { nl: Roepen, en: Shout }
            description: { nl: Roep., en: Shout. }
            effects: { noise: 5, trust: 2 }
          - id: miracle
            role: alderman
            phases: [talk]
            label: { nl: Wonder, en: Miracle }
            description: { nl: Gebeurt nooit., en: Never happens. }
            condition: "trust > 100"
            effects: { trust: 50 }
        """;

    [Fact]
    public void Report_figures_for_a_fixed_seed_equal_a_direct_fold_of_the_same_games()
    {
        var rules = builtIns.Rules["buurthuis"];
        var settings = new BalanceSettings(5, [4], 42, Parallelism: 2);
        var report = BalanceRun.Report(rules.Scenario, settings);

        var table = Assert.Single(report.Tables);
        Assert.Equal(4, table.Players);
        var chosen = new Dictionary<(BotKind, string), int>();
        foreach (var (kind, k) in BalanceRun.Kinds.Select((kind, k) => (kind, k)))
        {
            var games = Enumerable.Range(0, 5).Select(i => Simulator.Play(rules, 4, BalanceRun.GameSeed(42, 4, kind, i), kind)).ToList();
            var figures = table.Bots[k];
            Assert.Equal(kind.ToString().ToLowerInvariant(), figures.Bot);
            Assert.Equal(5, figures.Games);
            Assert.Equal(Math.Round(games.Average(g => g.CommunityScore), 4), figures.Score.Mean, 6);
            Assert.Equal(games.Min(g => g.CommunityScore), figures.Score.Min, 6);
            Assert.Equal(Math.Round(games.Average(g => (double)g.Log.Count), 4), figures.Length.Mean, 6);
            Assert.Equal(5, figures.Score.Histogram.Sum(b => b.Count));
            Assert.Equal(Math.Round(games.Average(g => (double)g.Log.OfType<ProposalAnswered>().Count(a => a.Answer == Answer.Accept)), 4), figures.Proposals.Accepted, 6);
            Assert.Equal(Math.Round(games.Average(g => (double)g.Log.OfType<BallotClosed>().Count(b => b.Outcome == "yes")), 4), figures.Ballots.Carried, 6);
            foreach (var role in rules.Scenario.Roles)
            {
                var moved = games.Where(g => g.Contribution.Values.Sum() > 0).ToList();
                var share = moved.Count == 0 ? 0 : moved.Average(g => g.Contribution[role.Id]);
                Assert.Equal(Math.Round(share, 4), figures.Roles.Single(r => r.Role == role.Id).ContributionShare, 6);
                var points = games.Sum(g => g.Log.OfType<GoalScored>().Where(s => s.Role == role.Id).Sum(s => s.Points));
                var held = games.Sum(g => g.Seats.Sum(s => s.Roles.Count(r => r == role.Id)));
                Assert.Equal(Math.Round(held == 0 ? 0 : (double)points / held, 4), figures.Roles.Single(r => r.Role == role.Id).PointsPerRoundHeld, 6);
            }

            foreach (var metric in rules.Scenario.Metrics)
            {
                var finals = games.Select(g => g.Metrics[metric.Id]).ToList();
                var figure = figures.Metrics.Single(m => m.Metric == metric.Id);
                Assert.Equal(Math.Round(finals.Average(), 4), figure.FinalMean, 6);
                Assert.Equal(Math.Round((double)finals.Count(v => v >= metric.Max) / 5, 4), figure.PinnedAtMax, 6);
                Assert.Equal(rules.Scenario.Rounds.Count, figure.Curve.Length);

                // The last round's curve is the final value (nothing moves metrics after the last round ends).
                var sorted = finals.Order().ToArray();
                Assert.Equal(Math.Round(sorted[2], 4), figure.Curve[^1].Median, 6);
            }

            foreach (var game in games)
            {
                foreach (var e in game.Log)
                {
                    var id = e switch
                    {
                        ActionTaken a => a.Action,
                        ProposalMade p => p.Action,
                        BallotOpened { Subject: BallotSubject.Action } b => b.SubjectId,
                        DilemmaDrawn d => d.Dilemma,
                        DilemmaResolved r when r.Seat is not null || !r.Credit.IsDefaultOrEmpty => $"{r.Dilemma}/{r.Option}",
                        _ => null,
                    };
                    if (id is not null)
                    {
                        chosen[(kind, id)] = chosen.GetValueOrDefault((kind, id)) + 1;
                    }
                }
            }
        }

        foreach (var use in report.Content)
        {
            Assert.Equal(chosen.GetValueOrDefault((BotKind.Random, use.Id)), use.Random);
            Assert.Equal(chosen.GetValueOrDefault((BotKind.Greedy, use.Id)), use.Greedy);
            Assert.Equal(chosen.GetValueOrDefault((BotKind.Cooperative, use.Id)), use.Cooperative);
        }
    }

    [Fact]
    public void The_same_settings_give_the_same_report_on_one_thread_or_many()
    {
        var scenario = builtIns.Rules["stadstuin"].Scenario;
        var many = BalanceRun.Report(scenario, new BalanceSettings(4, [3, 6], 7, Parallelism: 2));
        var one = BalanceRun.Report(scenario, new BalanceSettings(4, [3, 6], 7, Parallelism: 1));
        Assert.Equal(BalanceJson.Serialize(one), BalanceJson.Serialize(many));
        var other = BalanceRun.Report(scenario, new BalanceSettings(4, [3, 6], 8, Parallelism: 1));
        Assert.NotEqual(BalanceJson.Serialize(one), BalanceJson.Serialize(other));
    }

    [Fact]
    public void A_spectator_role_a_dead_action_and_a_pinned_metric_each_get_their_warning()
    {
        var report = BalanceRun.Report(Load(Lopsided), new BalanceSettings(20, [3], 1));

        Assert.Contains(report.Warnings, w => w.Code == BalanceWarnings.LowShare && w.Subject == "spectator" && w.Players == 3);
        Assert.DoesNotContain(report.Warnings, w => w.Code == BalanceWarnings.LowShare && w.Subject != "spectator");
        Assert.Contains(report.Warnings, w => w.Code == BalanceWarnings.Unused && w.Subject == "miracle");
        Assert.Contains(report.Warnings, w => w.Code == BalanceWarnings.Pinned && w.Subject == "noise");
        Assert.DoesNotContain(report.Warnings, w => w.Code == BalanceWarnings.Pinned && w.Subject == "trust");
        Assert.All(report.Warnings, w => Assert.False(string.IsNullOrEmpty(w.Message.Nl) || string.IsNullOrEmpty(w.Message.En)));
        Assert.Contains("spectator", report.Warnings.First(w => w.Code == BalanceWarnings.LowShare).Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cooperation_premium_below_a_fifth_and_a_greedy_role_on_top_are_warned()
    {
        // Everything anyone does helps everyone alike: greed and cooperation play the same, and the
        // alderman's goal is the only one anyone can meet.
        var report = BalanceRun.Report(Load(Lopsided), new BalanceSettings(20, [3], 1));
        var table = Assert.Single(report.Tables);
        Assert.True(table.CooperationPremium < BalanceWarnings.MinPremium == report.Warnings.Any(w => w.Code == BalanceWarnings.LowPremium));
        var onTop = table.Bots[1].Roles.Single(r => r.Role == "alderman").OnTop;
        Assert.Equal(onTop > BalanceWarnings.MaxOnTop, report.Warnings.Any(w => w.Code == BalanceWarnings.GreedyOnTop && w.Subject == "alderman"));
    }

    [Theory]
    [InlineData("buurthuis")]
    [InlineData("energiecooperatie")]
    [InlineData("stadstuin")]
    public void Built_ins_pass_their_own_report_with_no_warnings_at_their_usual_player_counts(string id)
    {
        // Measured as docs/scenario-format.md ("Changes to the built-ins") measures it: every player
        // count of the scenario's range, 60 games per bot kind, seed 1. A failure lists each warning by code.
        var report = UsualReport(id);
        var players = builtIns.Rules[id].Scenario.Players;
        Assert.Equal(players.Max - players.Min + 1, report.Tables.Count(t => t.Bots.All(b => b.Games == 60)));
        Assert.Empty(report.Warnings.Select(w => $"{w.Code} ({w.Subject}, {w.Players?.ToString(CultureInfo.InvariantCulture) ?? "all"} players): {w.Message.En}"));
    }

    /// <summary>The report at a built-in's usual player counts (its whole `players` range), 60 games per kind and count, seed 1.</summary>
    private BalanceReport UsualReport(string id)
    {
        var scenario = builtIns.Rules[id].Scenario;
        return BalanceRun.Report(scenario, new BalanceSettings(60, [.. Enumerable.Range(scenario.Players.Min, scenario.Players.Max - scenario.Players.Min + 1)], 1));
    }

    [Fact]
    public void Premium_is_relative_to_the_greedy_score_and_never_divides_by_a_tiny_one()
    {
        Assert.Equal(0.5, BalanceFigures.Premium(30, 20));
        Assert.Equal(0.3, BalanceFigures.Premium(4, 1));
        Assert.Equal(-0.25, BalanceFigures.Premium(-50, -40));
    }

    [Fact]
    public void Percentiles_interpolate_and_the_histogram_holds_every_game()
    {
        Assert.Equal(2.5, BalanceFigures.Percentile([1, 2, 3, 4], 0.5));
        Assert.Equal(1.3, BalanceFigures.Percentile([1, 2, 3, 4], 0.1), 6);
        var distribution = BalanceFigures.Of([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        Assert.Equal(11, distribution.Histogram.Sum(b => b.Count));
        Assert.Equal(2, distribution.Histogram[^1].Count);
        Assert.Equal(5, distribution.Median);
    }

    private static Scenario Load(string yaml)
    {
        var loaded = ScenarioLoader.LoadText(yaml, "lopsided.yaml");
        Assert.True(loaded.Succeeded, string.Join("\n", loaded.Diagnostics));
        return loaded.Scenario!;
    }
}
