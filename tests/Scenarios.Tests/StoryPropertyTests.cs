using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>
/// The round story over many bot games, each played whole and also cut short (paused, resumed and ended
/// in round 2 with its business still open): every headline names the role its actor held then, every
/// answer and every vote is in the facilitator's story, and every id a headline carries is one its
/// reader has a text for in both languages (the pages word them: src/story.ts and its tests).
/// </summary>
public sealed partial class StoryPropertyTests(BuiltInFixture fixture) : IClassFixture<BuiltInFixture>
{
    private const int GamesPerKind = 40;

    private static readonly string[] ProposalKinds = ["proposal_answered", "counter_answered", "proposal_expired", "counter_expired"];

    [Theory]
    [MemberData(nameof(GamePropertyTests.Cases), MemberType = typeof(GamePropertyTests))]
    public void Every_headline_names_the_role_its_actor_held_at_that_events_version(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        Parallel.ForEach(Games(rules, kind), log =>
        {
            var story = Story.Of(rules, log);
            foreach (var (reader, headlines) in story.Readers)
            {
                foreach (var h in headlines)
                {
                    var then = story.Before[(int)h.Version];
                    if (h.Seat is { } seat)
                    {
                        Assert.True(h.Role == then.RoleOf(seat), $"{id} v{h.Version} {h.Kind} (reader {reader}): seat {seat} held {then.RoleOf(seat)}, the headline says {h.Role}");
                    }
                    else
                    {
                        Assert.Null(h.Role);
                    }

                    if (h.OtherSeat is { } other)
                    {
                        Assert.Equal(then.RoleOf(other), h.OtherRole);
                    }

                    if (h.Kind == "dilemma")
                    {
                        Assert.Equal(DilemmaDraw.DecidingRole(then, rules.Scenario.Dilemma(h.Subject!)), h.Role);
                    }
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(GamePropertyTests.Cases), MemberType = typeof(GamePropertyTests))]
    public void Every_answer_to_a_proposal_and_every_vote_is_in_the_facilitators_story(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        var seen = new ConcurrentDictionary<string, byte>();
        Parallel.ForEach(Games(rules, kind), log =>
        {
            var story = Story.Of(rules, log);
            var console = story.Readers[Visibility.FacilitatorReader].ToLookup(h => h.Version);
            for (var i = 0; i < log.Count; i++)
            {
                var version = i + 1;
                var before = story.Before[version];
                switch (log[i])
                {
                    case ProposalAnswered a:
                        var proposal = before.Proposals.Single(p => p.Id == a.Proposal);
                        var answer = Assert.Single(console[version], h => ProposalKinds.Contains(h.Kind));
                        Assert.Equal(a.Answer.ToString().ToLowerInvariant(), answer.Outcome);
                        Assert.Equal(proposal.Action, answer.Subject);
                        if (a.Answer == Answer.Expire)
                        {
                            // Nobody answered: the line names the proposer and the role that was asked.
                            Assert.Equal(proposal.Countered ? "counter_expired" : "proposal_expired", answer.Kind);
                            Assert.Equal((proposal.FromSeat, proposal.ToRole), (answer.Seat, answer.OtherRole));
                        }
                        else if (proposal.Countered)
                        {
                            // The proposer answers the counter: never "the proposer accepted their own proposal".
                            Assert.Equal(("counter_answered", proposal.FromSeat, proposal.ToRole), (answer.Kind, answer.Seat, answer.OtherRole));
                        }
                        else
                        {
                            Assert.Equal(("proposal_answered", a.Seat, proposal.FromSeat), (answer.Kind, answer.Seat, answer.OtherSeat));
                        }

                        seen.TryAdd($"{answer.Kind}:{answer.Outcome}", 0);
                        break;
                    case BallotClosed b when before.Ballot!.Subject == BallotSubject.Action:
                        var vote = Assert.Single(console[version], h => h.Kind == "vote");
                        var cast = b.Tally.Values.Sum();
                        Assert.Equal(b.Outcome ?? (cast == 0 ? null : "no"), vote.Outcome);
                        Assert.Equal(b.Tally.OrderBy(t => t.Key, StringComparer.Ordinal), vote.Tally!);
                        Assert.Equal(before.Ballot.SubjectId, vote.Subject);
                        seen.TryAdd($"vote:{vote.Outcome ?? "nobody"}", 0);
                        break;
                    case BallotClosed b:
                        // A dilemma's vote is told with the decision that follows it, by the option that won.
                        var decided = Assert.Single(console[version + 1], h => h.Kind == "dilemma_vote");
                        Assert.Equal(b.Outcome, decided.Outcome);
                        Assert.Equal(b.Tally.OrderBy(t => t.Key, StringComparer.Ordinal), decided.Tally!);
                        seen.TryAdd(b.Tally.Values.Sum() == 0 ? "dilemma_vote:nobody" : "dilemma_vote", 0);
                        break;
                    case DilemmaResolved d:
                        var line = Assert.Single(console[version], h => h.Kind.StartsWith("dilemma", StringComparison.Ordinal) && h.Kind != "dilemma_drawn");
                        Assert.Equal((d.Dilemma, d.Option), (line.Subject, line.Outcome));
                        Assert.Equal(d.Seat, line.Seat);
                        Assert.Equal(d.Seat is null ? line.Kind : "dilemma", line.Kind);
                        seen.TryAdd(line.Kind, 0);
                        break;
                }
            }
        });

        Assert.Contains("proposal_answered:accept", seen.Keys);
        Assert.Contains("proposal_expired:expire", seen.Keys);
        if (kind == BotKind.Random)
        {
            Assert.Contains("dilemma_default", seen.Keys);
            Assert.Contains("proposal_answered:reject", seen.Keys);
            Assert.Contains("proposal_answered:counter", seen.Keys);
            Assert.Contains("counter_answered:accept", seen.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(GamePropertyTests.Cases), MemberType = typeof(GamePropertyTests))]
    public void Every_change_to_a_roles_resources_is_explained_to_every_seat_that_holds_the_role(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        Parallel.ForEach(Games(rules, kind), log =>
        {
            var story = Story.Of(rules, log);
            for (var i = 0; i < log.Count; i++)
            {
                var version = i + 1;
                var before = story.Before[version];
                var changes = log[i] switch
                {
                    ActionTaken e => e.Changes,
                    ProposalMade e => e.Changes,
                    ProposalAnswered e => e.Changes,
                    BallotOpened e => e.Changes,
                    BallotClosed e => e.Changes,
                    DilemmaResolved e => e.Changes,
                    _ => [],
                };
                foreach (var change in changes.Where(c => EffectTarget.IsResource(c.Target)))
                {
                    // A role two seats share has one purse: the seat that did not spend it still reads why it moved.
                    foreach (var seat in before.Seats.Where(s => before.RoleOf(s.Id) is { } role && EffectTarget.IsResourceOf(change.Target, role)))
                    {
                        Assert.True(story.Readers[seat.Id].Any(h => h.Version == version && h.Changes.Contains(change)),
                            $"{id} v{version} {log[i].GetType().Name}: seat {seat.Id} ({before.RoleOf(seat.Id)}) is not told why {change.Target} moved");
                    }
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(GamePropertyTests.Cases), MemberType = typeof(GamePropertyTests))]
    public void Every_id_in_a_headline_is_one_its_reader_has_texts_for_in_both_languages(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        var scenario = rules.Scenario;
        var console = Visibility.EveryBrief(rules).SelectMany(b => b.Resources.Select(r => (Key: EffectTarget.ResourceKey(b.Id, r.Id), r.Label))).ToDictionary(r => r.Key, r => r.Label);
        Parallel.ForEach(Games(rules, kind), log =>
        {
            var story = Story.Of(rules, log);
            foreach (var (reader, headlines) in story.Readers)
            {
                foreach (var h in headlines)
                {
                    var where = $"{id} v{h.Version} {h.Kind} (reader {reader})";
                    var then = story.Before[(int)h.Version];
                    foreach (var role in new[] { h.Role, h.OtherRole }.OfType<string>())
                    {
                        Named(scenario.Role(role).Name, where);
                    }

                    switch (h.Kind)
                    {
                        case "flow" or "pause" or "resume":
                            Assert.Matches(FlowText(), h.Subject);
                            if (PhaseText().Match(h.Subject!) is { Success: true } phase)
                            {
                                Named(scenario.Rounds.Phases[int.Parse(phase.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1].Label, where);
                            }

                            break;
                        case "dilemma" or "dilemma_default" or "dilemma_vote" or "dilemma_drawn":
                            var dilemma = scenario.Dilemma(h.Subject!);
                            Named(dilemma.Title, where);
                            if (h.Outcome is not null)
                            {
                                Named(dilemma.Option(h.Outcome).Label, where);
                            }

                            Assert.All(h.Tally?.Keys ?? [], option => Assert.Contains(option, dilemma.Options.Select(o => o.Id)));
                            break;
                        default:
                            Named(scenario.Action(h.Subject!).Label, where);
                            Assert.All(h.Tally?.Keys ?? [], option => Assert.Contains(option, BallotOptions));
                            break;
                    }

                    foreach (var change in h.Changes)
                    {
                        if (!EffectTarget.IsResource(change.Target))
                        {
                            Named(scenario.Metrics.Single(m => m.Id == change.Target).Label, where);
                            continue;
                        }

                        // A resource is named by a brief its reader has: a player's own role's, the console every role's.
                        Assert.NotEqual(Visibility.PublicReader, reader);
                        var label = reader == Visibility.FacilitatorReader
                            ? console[change.Target]
                            : Visibility.BriefOf(rules, then, reader)?.Resources.SingleOrDefault(r => EffectTarget.ResourceKey(then.RoleOf(reader)!, r.Id) == change.Target)?.Label;
                        Assert.True(label is not null, $"{where}: no brief names {change.Target}");
                        Named(label, where);
                    }
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(GamePropertyTests.Cases), MemberType = typeof(GamePropertyTests))]
    public void Held_every_role_goes_to_the_seats_that_held_every_role_in_play_in_the_rounds_played(string id, BotKind kind)
    {
        var rules = fixture.Rules[id];
        var achievements = rules.Scenario.Achievements.Where(a => a.Kind == AchievementKind.HeldEveryRole).Select(a => a.Id).ToHashSet();
        Parallel.ForEach(Games(rules, kind), log =>
        {
            var state = rules.Fold(log);
            var played = log.OfType<FlowChanged>().Where(f => f.Flow.Stage == Stage.Playing).Max(f => f.Flow.Round);
            var rounds = Enumerable.Range(1, played).ToList();
            var inPlay = rounds.SelectMany(r => state.Plan[r - 1]).Where(r => r.Length > 0).ToHashSet();
            foreach (var seat in state.Playing)
            {
                var held = rounds.Select(r => state.RoleIn(seat.Id, r)).OfType<string>().ToHashSet();
                foreach (var achievement in achievements)
                {
                    Assert.True(seat.Achievements.Contains(achievement) == held.IsSupersetOf(inPlay),
                        $"{id}: seat {seat.Id} held {string.Join(",", held)} of {string.Join(",", inPlay)} in {played} rounds; earned: {seat.Achievements.Contains(achievement)}");
                }
            }
        });
    }

    [Fact]
    public void A_game_ended_in_round_2_gives_nobody_every_chair_and_a_game_played_out_gives_it_to_every_seat()
    {
        var rules = fixture.Rules["energiecooperatie"];
        var whole = Simulator.Play(rules, 4, 11, BotKind.Cooperative);
        Assert.All(whole.State.Playing, seat => Assert.Contains("every_chair", seat.Achievements));

        var cut = CutShort(rules, 4, 11, BotKind.Cooperative);
        Assert.Equal(Stage.Debrief, rules.Fold(cut).Flow.Stage);
        Assert.DoesNotContain(cut, e => e is AchievementEarned { Achievement: "every_chair" });
    }

    private static readonly string[] BallotOptions = ["yes", "no"];

    private static void Named(Text text, string where)
    {
        Assert.False(string.IsNullOrWhiteSpace(text.Nl), $"{where}: no Dutch text");
        Assert.False(string.IsNullOrWhiteSpace(text.En), $"{where}: no English text");
    }

    /// <summary>The games of a scenario and bot kind: each played whole, and cut short.</summary>
    private static IEnumerable<IReadOnlyList<TableEvent>> Games(TableRules rules, BotKind kind)
    {
        var range = rules.Scenario.Players;
        for (var game = 0; game < GamesPerKind; game++)
        {
            var players = range.Min + game % (range.Max - range.Min + 1);
            var seed = (ulong)game * 104729 + 17;
            yield return game % 2 == 0 ? Simulator.Play(rules, players, seed, kind).Log : CutShort(rules, players, seed, kind);
        }
    }

    /// <summary>
    /// A bot game stopped in round 2, at the first moment a proposal is open (else as its last phase
    /// begins): the facilitator pauses, resumes and ends it, so what was open closes unanswered.
    /// </summary>
    private static IReadOnlyList<TableEvent> CutShort(TableRules rules, int players, ulong seed, BotKind kind)
    {
        long? cut = null;
        var now = DateTimeOffset.UnixEpoch;
        var last = rules.Scenario.Rounds.Phases.Length - 1;
        var game = Simulator.Play(rules, players, seed, kind, (state, _, _, at) =>
        {
            if (cut is null && state.Flow is { Stage: Stage.Playing, Round: 2 } flow && (state.Proposals.Count > 0 || flow.Phase == last))
            {
                cut = state.Version;
                now = at;
            }
        });

        var log = game.Log.Take((int)(cut ?? game.Log.Count)).ToList();
        var table = rules.Fold(log);
        foreach (Command command in new Command[] { new Pause(), new Resume(), new End() })
        {
            var decision = rules.Decide(table, Actor.Facilitator, command, now);
            Assert.True(decision.Accepted, $"{command}: {decision.Rejection}");
            foreach (var e in decision.Events)
            {
                table = rules.Evolve(table, e);
                log.Add(e);
            }
        }

        return log;
    }

    /// <summary>A whole game's story for every reader at once, and the state each version's event applied to.</summary>
    private sealed record Story(ImmutableDictionary<int, ImmutableArray<Headline>> Readers, ImmutableArray<TableState> Before)
    {
        public static Story Of(TableRules rules, IReadOnlyList<TableEvent> log)
        {
            var seats = log.OfType<SeatTaken>().Count();
            var round = new Visibility.RoundHeadlines(rules, rules.Initial(), seats);
            var before = ImmutableArray.CreateBuilder<TableState>(log.Count + 1);
            before.Add(rules.Initial());
            var state = rules.Initial();
            foreach (var e in log)
            {
                before.Add(state);
                state = rules.Evolve(state, e);
                round.Add(e);
            }

            int[] readers = [.. Enumerable.Range(0, seats), Visibility.PublicReader, Visibility.FacilitatorReader];
            return new Story(readers.ToImmutableDictionary(r => r, round.For), before.MoveToImmutable());
        }
    }

    [GeneratedRegex(@"^(round \d+ phase \d+|role swap after round \d+|briefing|debrief|ended|lobby)( \(paused\))?$")]
    private static partial Regex FlowText();

    [GeneratedRegex(@"^round \d+ phase (\d+)")]
    private static partial Regex PhaseText();
}
