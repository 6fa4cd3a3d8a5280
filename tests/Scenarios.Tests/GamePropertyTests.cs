using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>Many bot-played games per built-in scenario and bot kind; every property holds in every game.</summary>
public sealed class GamePropertyTests(BuiltInFixture fixture) : IClassFixture<BuiltInFixture>
{
    private const int GamesPerKind = 200;

    public static TheoryData<string, BotKind> Cases()
    {
        var data = new TheoryData<string, BotKind>();
        foreach (var id in BuiltInScenarios.Ids)
        {
            foreach (var kind in Enum.GetValues<BotKind>())
            {
                data.Add(id, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_game_ends_within_bounds_and_its_log_folds_to_the_final_state(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        Parallel.For(0, GamesPerKind, game =>
        {
            var players = rules.Scenario.Players.Min + game % (rules.Scenario.Players.Max - rules.Scenario.Players.Min + 1);
            var result = Simulator.Play(rules, players, (ulong)game * 7919 + 13, kind);

            Assert.Equal(Stage.Ended, result.State.Flow.Stage);
            foreach (var metric in rules.Scenario.Metrics)
            {
                Assert.InRange(result.State.Metrics[metric.Id], metric.Min, metric.Max);
            }

            foreach (var role in rules.Scenario.Roles)
            {
                foreach (var resource in role.Resources)
                {
                    Assert.InRange(result.State.Resources[$"{role.Id}.{resource.Id}"], resource.Min, resource.Max);
                }
            }

            var folded = rules.Fold(result.Log);
            Assert.Equal(Json(result.State), Json(folded));
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_seat_view_ever_holds_another_roles_private_fields(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        var scenario = rules.Scenario;
        Parallel.For(0, GamesPerKind / 10, game =>
        {
            var result = Simulator.Play(rules, scenario.Players.Max - game % 3, (ulong)game + 1000, kind);
            foreach (var state in States(rules, result.Log))
            {
                foreach (var seat in state.Playing)
                {
                    var mine = state.RoleOf(seat.Id);
                    var json = Json(Visibility.ForSeat(rules, state, seat.Id));
                    foreach (var other in scenario.Roles.Where(r => r.Id != mine))
                    {
                        Assert.DoesNotContain(Json(other.Brief.Nl)[1..^1], json);
                        Assert.DoesNotContain(Json(other.Brief.En)[1..^1], json);
                        foreach (var resource in other.Resources)
                        {
                            Assert.DoesNotContain($"\"{other.Id}.{resource.Id}\"", json);
                        }

                        foreach (var goal in other.Goals.Where(g => scenario.Roles.Where(r => r.Id == mine).All(r => r.Goals.All(m => m.Label != g.Label))))
                        {
                            Assert.DoesNotContain(Json(goal.Label.Nl)[1..^1], json);
                        }
                    }
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_reason_an_action_is_not_possible_reads_in_one_language_at_a_time(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        var scenario = rules.Scenario;
        var labels = scenario.Roles.Select(r => r.Name)
            .Concat(scenario.Roles.SelectMany(r => r.Resources.Select(x => x.Label)))
            .Concat(scenario.Metrics.Select(m => m.Label))
            .Concat(scenario.Rounds.Phases.Select(p => p.Label))
            .Where(l => l.Nl != l.En)
            .ToList();
        var reasons = new ConcurrentDictionary<Rejection, byte>();
        Parallel.For(0, GamesPerKind / 20, game =>
        {
            var result = Simulator.Play(rules, scenario.Players.Max - game % 3, (ulong)game + 3000, kind);
            foreach (var why in States(rules, result.Log).SelectMany(state => state.Playing.SelectMany(seat => scenario.Actions.Select(a => rules.WhyNot(state, seat.Id, a)))))
            {
                if (why is not null)
                {
                    reasons.TryAdd(why, 0);
                }
            }
        });

        var dutch = labels.Select(l => (l.Nl, Word(l.Nl))).ToList();
        var english = labels.Select(l => (l.En, Word(l.En))).ToList();
        foreach (var why in reasons.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(why.Reason.Nl), why.Code);
            Assert.False(string.IsNullOrWhiteSpace(why.Reason.En), why.Code);
            Assert.NotEqual(why.Reason.Nl, why.Reason.En);
            Assert.Equal(why.Reason.En, why.Message);
            Assert.Equal(why.Reason, rules.Reasons[rules.ReasonId(why)]);
            Assert.DoesNotContain("[", why.Reason.Nl + why.Reason.En, StringComparison.Ordinal);
            Assert.All(dutch, l => Assert.False(l.Item2.IsMatch(why.Reason.En), $"'{why.Reason.En}' names '{l.Item1}'"));
            Assert.All(english, l => Assert.False(l.Item2.IsMatch(why.Reason.Nl), $"'{why.Reason.Nl}' names '{l.Item1}'"));
        }

        Assert.Contains(reasons.Keys, r => r.Code == "not_your_role");
        Assert.Contains(reasons.Keys, r => r.Code == "wrong_phase");

        static Regex Word(string label) => new($@"(?<!\p{{L}}){Regex.Escape(label)}(?!\p{{L}})");
    }

    [Theory]
    [MemberData(nameof(BuiltInScenarioTests.Ids), MemberType = typeof(BuiltInScenarioTests))]
    public void An_accepted_proposal_and_a_closed_vote_are_headlined_by_what_they_were_about(string id)
    {
        var rules = fixture.Rules[id];
        var scenario = rules.Scenario;
        var seen = new ConcurrentDictionary<string, byte>();
        Parallel.For(0, 30, game =>
        {
            var result = Simulator.Play(rules, scenario.Players.Max, (ulong)game + 5000, BotKind.Cooperative);
            foreach (var seat in Enumerable.Range(0, scenario.Players.Max))
            {
                foreach (var h in Visibility.Headlines(rules, result.Log, seat).Where(h => h.Kind is "proposal_answered" or "counter_answered" or "vote" or "dilemma_vote"))
                {
                    seen.TryAdd(h.Outcome == "accept" ? "accepted" : h.Kind, 0);
                    var known = h.Kind == "dilemma_vote" ? scenario.Dilemmas.Select(d => d.Id) : scenario.Actions.Select(a => a.Id);
                    Assert.Contains(h.Subject, known);
                }
            }
        });

        Assert.Contains("accepted", seen.Keys);
        Assert.True(seen.ContainsKey("vote") || seen.ContainsKey("dilemma_vote"), "no vote closed in 30 games");
    }

    [Fact]
    public void A_seats_headlines_show_only_its_own_roles_resources_and_its_own_proposals()
    {
        foreach (var (id, rules) in fixture.Rules)
        {
            var game = Simulator.Play(rules, 5, 3, BotKind.Random);
            var roles = new Dictionary<long, TableState>();
            var state = rules.Initial();
            foreach (var e in game.Log)
            {
                var before = state;
                state = rules.Evolve(state, e);
                roles[state.Version] = before;
            }

            foreach (var seat in game.State.Playing)
            {
                var headlines = Visibility.Headlines(rules, game.Log, seat.Id).ToList();
                Assert.Contains(headlines, h => h.Kind == "action");
                foreach (var headline in headlines)
                {
                    var mine = roles[headline.Version].RoleOf(seat.Id);
                    Assert.All(headline.Changes, c => Assert.True(!c.Target.Contains('.') || c.Target.StartsWith(mine + ".", StringComparison.Ordinal),
                        $"{id}: seat {seat.Id} ({mine}) sees {c.Target} at version {headline.Version}"));
                    if (headline.Kind == "proposal")
                    {
                        Assert.True(headline.Seat == seat.Id || headline.Role == mine || headline.OtherRole == mine, $"{id}: seat {seat.Id} sees someone else's proposal");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rotation_gives_every_player_as_many_roles_as_the_seats_allow(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        var scenario = rules.Scenario;
        for (var players = scenario.Players.Min; players <= scenario.Players.Max; players++)
        {
            var result = Simulator.Play(rules, players, (ulong)players, kind);
            var filled = result.Seats.SelectMany(s => s.Roles).Where(r => r.Length > 0).Distinct().Count();
            var rounds = scenario.Rounds.Count;
            foreach (var seat in result.Seats)
            {
                var distinct = seat.Roles.Where(r => r.Length > 0).Distinct().Count();
                Assert.True(distinct >= Math.Min(rounds, filled) - 1,
                    $"{players} players: seat {seat.Seat} held {string.Join(",", seat.Roles)} ({distinct} roles of {filled} in play over {rounds} rounds)");
                if (rounds >= players)
                {
                    Assert.Equal(filled, distinct);
                }
            }
        }
    }

    [Fact]
    public void Every_action_of_every_role_is_chosen_in_some_game()
    {
        foreach (var (id, rules) in fixture.Rules)
        {
            var taken = new ConcurrentDictionary<string, bool>();
            Parallel.For(0, 60, game =>
            {
                var kind = (BotKind)(game % 3);
                var players = rules.Scenario.Players.Min + game % (rules.Scenario.Players.Max - rules.Scenario.Players.Min + 1);
                foreach (var action in Simulator.Play(rules, players, (ulong)game + 500, kind).ActionsTaken)
                {
                    taken[action] = true;
                }
            });
            var never = rules.Scenario.Actions.Select(a => a.Id).Where(a => !taken.ContainsKey(a)).ToList();
            Assert.True(never.Count == 0, $"{id}: never chosen: {string.Join(", ", never)}");
        }
    }

    [Fact]
    public void Every_role_causes_at_least_a_tenth_of_the_shared_metric_movement()
    {
        foreach (var (id, rules) in fixture.Rules)
        {
            foreach (var kind in Enum.GetValues<BotKind>())
            {
                var shares = new ConcurrentBag<IReadOnlyDictionary<string, double>>();
                Parallel.For(0, 40, game => shares.Add(Simulator.Play(rules, 4 + game % 2, (ulong)game + 900, kind).Contribution));
                foreach (var role in rules.Scenario.Roles)
                {
                    var mean = shares.Average(s => s[role.Id]);
                    Assert.True(mean >= 0.10, $"{id}/{kind}: role {role.Id} causes {mean:P1} of the movement");
                }
            }
        }
    }

    [Fact]
    public void Cooperative_bots_reach_a_higher_mean_community_score_than_greedy_bots()
    {
        foreach (var (id, rules) in fixture.Rules)
        {
            double Mean(BotKind kind)
            {
                var scores = new ConcurrentBag<double>();
                Parallel.For(0, 60, game => scores.Add(Simulator.Play(rules, 3 + game % 6 <= rules.Scenario.Players.Max ? 3 + game % 6 : rules.Scenario.Players.Max, (ulong)game + 77, kind).CommunityScore));
                return scores.Average();
            }

            var cooperative = Mean(BotKind.Cooperative);
            var greedy = Mean(BotKind.Greedy);
            Assert.True(cooperative > greedy, $"{id}: cooperative {cooperative:0.0} vs greedy {greedy:0.0}");
        }
    }

    [Fact]
    public void The_same_seed_plays_the_same_game()
    {
        var rules = fixture.Rules["buurthuis"];
        var first = Simulator.Play(rules, 5, 42, BotKind.Random);
        var second = Simulator.Play(rules, 5, 42, BotKind.Random);
        Assert.Equal(Json(first.Log), Json(second.Log));
        Assert.NotEqual(Json(first.Log), Json(Simulator.Play(rules, 5, 43, BotKind.Random).Log));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    /// <summary>Every state of a game: the state after each event of its log.</summary>
    private static IEnumerable<TableState> States(TableRules rules, IEnumerable<TableEvent> log)
    {
        var state = rules.Initial();
        foreach (var e in log)
        {
            state = rules.Evolve(state, e);
            yield return state;
        }
    }
}
