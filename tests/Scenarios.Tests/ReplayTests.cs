using System.Text.Json;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Replay;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The debrief's replay is a fold of the log: every figure it gives is what folding the log says.</summary>
public sealed class ReplayTests(BuiltInFixture fixture) : IClassFixture<BuiltInFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, BotKind, int> Games()
    {
        var data = new TheoryData<string, BotKind, int>();
        foreach (var id in BuiltInScenarios.Ids)
        {
            data.Add(id, BotKind.Cooperative, 4);
            data.Add(id, BotKind.Random, 5);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void What_each_seat_saw_at_every_version_is_the_one_filter_on_the_fold_to_that_version(string id, BotKind kind, int players)
    {
        var (rules, log, replay) = Play(id, kind, players);
        var state = rules.Initial();
        for (var v = 0; v <= log.Count; v++)
        {
            if (v > 0)
            {
                state = rules.Evolve(state, log[v - 1]);
            }

            Assert.Equal(Json(state), Json(replay.At(v)));
            var seen = replay.SeenByEverySeat(v);
            Assert.Equal(state.Seats.Length, seen.Length);
            foreach (var seat in state.Seats)
            {
                Assert.Equal(Json(Visibility.ForSeat(rules, state, seat.Id)), Json(seen[seat.Id]));
                Assert.Equal(Json(Visibility.BriefOf(rules, state, seat.Id)), Json(replay.BriefOf(seat.Id, v)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void The_curves_are_the_metrics_of_the_fold_at_the_end_of_each_phase_and_round(string id, BotKind kind, int players)
    {
        var (rules, _, replay) = Play(id, kind, players);
        Assert.Equal(rules.Initial().Metrics, replay.Series[0].Values);
        foreach (var point in replay.Series)
        {
            Assert.Equal(replay.At(point.Version).Metrics, point.Values);
        }

        var ends = replay.Series.Skip(1).Where(p => p.EndOfRound).Select(p => p.Round).ToList();
        Assert.Equal(Enumerable.Range(1, rules.Scenario.Rounds.Count), ends);
        Assert.Equal(rules.Scenario.Rounds.Count * rules.Scenario.Rounds.Phases.Length, replay.Series.Length - 1);
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void Roles_points_decisions_and_the_score_add_up_to_the_fold(string id, BotKind kind, int players)
    {
        var (rules, log, replay) = Play(id, kind, players);
        var final = replay.Final;
        Assert.Equal(final.CommunityScore, replay.Score.Total);
        Assert.Equal(Scoring.Community(rules.Scenario, final), replay.Score.Total);
        Assert.Equal(log.Count, replay.Timeline.Length);

        foreach (var seat in replay.Seats)
        {
            Assert.Equal(final.Seats[seat.Seat].Points, seat.Rounds.Sum(r => r.Points));
            Assert.Equal(seat.Points, seat.Rounds.Sum(r => r.Points));
            Assert.All(seat.Rounds, r => Assert.Equal(final.RoleIn(seat.Seat, r.Round), r.Role));
        }

        Assert.Equal(log.OfType<ProposalMade>().Count(), replay.Proposals.Length);
        Assert.All(replay.Proposals, p => Assert.NotNull(p.Outcome));
        Assert.Equal(log.OfType<BallotOpened>().Count(), replay.Ballots.Length);
        Assert.All(replay.Ballots, b =>
        {
            Assert.NotNull(b.ClosedAt);
            Assert.Equal(b.Votes.Count, b.Tally!.Values.Sum());
        });
        Assert.Equal(log.OfType<DilemmaDrawn>().Count(), replay.Dilemmas.Length);
        Assert.All(replay.Dilemmas, d =>
        {
            Assert.NotNull(d.Option);
            if (d.DecidedBy == "seat")
            {
                // Credited to the role the seat held when it decided, not the one it holds later.
                Assert.Equal(replay.At(d.ResolvedAt!.Value - 1).RoleOf(d.Seat!.Value), d.Role);
            }
        });
        Assert.Equal(log.OfType<ReflectionGiven>().Count(), replay.Reflections.Length);
        Assert.Equal(log.OfType<HandoverNoteWritten>().Count(), replay.HandoverNotes.Length);

        foreach (var moment in replay.Timeline.Where(m => m.Seat is not null && m.Kind is "action_taken" or "vote_cast" or "proposal_made"))
        {
            Assert.Equal(replay.At(moment.Version - 1).RoleOf(moment.Seat!.Value), moment.Role);
        }
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void The_story_at_a_version_is_that_rounds_headlines_up_to_it_as_each_reader_had_them(string id, BotKind kind, int players)
    {
        var (rules, log, replay) = Play(id, kind, players);
        var start = 0L;
        var state = rules.Initial();
        for (var v = 1; v <= log.Count; v++)
        {
            if (log[v - 1] is FlowChanged { Flow: { Stage: Scenarios.Flow.Stage.Playing, Phase: 0, Paused: false } } f && f.Flow.Round != state.Flow.Round)
            {
                start = v - 1;
            }

            state = rules.Evolve(state, log[v - 1]);
            if (v % 7 != 0 && v != log.Count)
            {
                continue;
            }

            foreach (var seat in state.Seats)
            {
                var expected = Visibility.Headlines(rules, [.. log.Take(v)], seat.Id).Where(h => h.Version > start);
                Assert.Equal(Json(expected.ToArray()), Json(replay.StoryAt(v, seat.Id).ToArray()));
            }

            Assert.All(replay.StoryAt(v, Visibility.FacilitatorReader), h => Assert.InRange(h.Version, start + 1, v));
        }
    }

    [Fact]
    public void The_score_explained_term_by_term_sums_to_the_community_score()
    {
        var (rules, _, replay) = Play("buurthuis", BotKind.Cooperative, 4);
        var terms = replay.Score.Metrics;
        Assert.Equal(rules.Scenario.Metrics.Length, terms.Length);
        var sum = terms.Sum(t => t.Points) + replay.Score.SharedGoals.Where(g => g.Met).Sum(g => g.Points);
        Assert.Equal(replay.Score.Total, Math.Round(sum, 2), 2);
        Assert.All(terms, t => Assert.Equal(replay.Final.Metrics[t.Metric], t.End));
    }

    [Fact]
    public void A_game_ended_in_round_1_has_one_round_played_and_one_round_end()
    {
        var rules = fixture.Rules["buurthuis"];
        var table = new TableScript(rules, T0).Started("Anna", "Bram", "Cor");
        table.Do(Actor.Facilitator, new Advance());
        table.Do(Actor.Facilitator, new End());
        var replay = new TableReplay(rules, table.Log.Select((e, i) => new LogEntry(i + 1, e, T0)));

        Assert.All(replay.Seats, s => Assert.Equal(1, Assert.Single(s.Rounds).Round));
        Assert.Equal([1], replay.Series.Where(p => p.EndOfRound && p.Round > 0).Select(p => p.Round));
    }

    [Fact]
    public void A_log_with_a_gap_is_refused()
    {
        var (rules, log, _) = Play("stadstuin", BotKind.Greedy, 3);
        var gapped = log.Select((e, i) => new LogEntry(i + 1 + (i > 5 ? 1 : 0), e, T0));
        Assert.Throws<ArgumentException>(() => new TableReplay(rules, gapped));
    }

    private (TableRules Rules, IReadOnlyList<TableEvent> Log, TableReplay Replay) Play(string id, BotKind kind, int players)
    {
        var rules = fixture.Rules[id];
        var game = Simulator.Play(rules, players, 42, kind);
        var replay = new TableReplay(rules, game.Log.Select((e, i) => new LogEntry(i + 1, e, T0.AddSeconds(i))));
        return (rules, game.Log, replay);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
