using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The rules, one behaviour at a time, on the small scenario from the format doc.</summary>
public sealed class RulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableRules rules = new(DocExample.Scenario());
    private TableState state;
    private readonly List<TableEvent> log = [];

    public RulesTests() => state = rules.Initial();

    private Decision Send(Actor actor, Command command, int seconds = 0)
    {
        var decision = rules.Decide(state, actor, command, T0.AddSeconds(seconds));
        foreach (var e in decision.Events)
        {
            state = rules.Evolve(state, e);
            log.Add(e);
        }

        return decision;
    }

    private void Ok(Actor actor, Command command, int seconds = 0)
    {
        var decision = Send(actor, command, seconds);
        Assert.True(decision.Accepted, decision.Rejection?.Message);
    }

    private void Refused(string code, Actor actor, Command command)
    {
        var before = state;
        var decision = Send(actor, command);
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(decision.Rejection.Reason.Nl));
        Assert.False(string.IsNullOrWhiteSpace(decision.Rejection.Reason.En));
        Assert.NotEqual(decision.Rejection.Reason.Nl, decision.Rejection.Reason.En);
        Assert.Same(before, state);
    }

    private int SeatOf(string role) => state.Playing.First(s => state.RoleOf(s.Id) == role).Id;

    private void StartWith(int players)
    {
        for (var i = 0; i < players; i++)
        {
            Ok(Actor.System, new TakeSeat($"Speler {i + 1}"));
        }

        Ok(Actor.Facilitator, new Start(12345));
        Ok(Actor.Facilitator, new Advance());
    }

    [Fact]
    public void A_game_runs_lobby_briefing_rounds_swap_debrief_ended()
    {
        StartWith(3);
        Assert.Equal(new FlowState(Stage.Playing, 1, 0, false), state.Flow);
        Assert.Equal(T0.AddMinutes(3), state.Deadline);
        Ok(Actor.System, new Advance());
        Assert.Equal(new FlowState(Stage.Playing, 1, 1, false), state.Flow);
        Ok(Actor.System, new Advance());
        Assert.Equal(Stage.RoleSwap, state.Flow.Stage);
        Ok(Actor.Facilitator, new Advance());
        Assert.Equal(new FlowState(Stage.Playing, 2, 0, false), state.Flow);
        Ok(Actor.Facilitator, new Advance());
        Ok(Actor.Facilitator, new Advance());
        Assert.Equal(Stage.Debrief, state.Flow.Stage);
        Assert.NotNull(state.CommunityScore);
        Ok(Actor.Facilitator, new Advance());
        Assert.Equal(Stage.Ended, state.Flow.Stage);
        Refused("cannot_advance", Actor.Facilitator, new Advance());
        Assert.Equal(state.Version, rules.Fold(log).Version);
    }

    [Fact]
    public void Roles_rotate_so_that_every_seat_holds_a_new_role_in_round_two()
    {
        StartWith(3);
        var first = state.Playing.Select(s => state.RoleIn(s.Id, 1)).ToList();
        var second = state.Playing.Select(s => state.RoleIn(s.Id, 2)).ToList();
        Assert.Equal(3, first.Distinct().Count());
        Assert.All(first.Zip(second), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void A_direct_action_pays_its_cost_applies_its_effects_and_counts_against_the_limit()
    {
        StartWith(3);
        var resident = SeatOf("resident");
        Ok(Actor.Player(resident), new Act("plant"));
        Assert.Equal(40, state.Metrics["green"]);
        Assert.Equal(52, state.Metrics["trust"]);
        Assert.Equal(4, state.Resources["resident.volunteers"]);
        Refused("limit_reached", Actor.Player(resident), new Act("plant"));
    }

    [Fact]
    public void Commands_of_the_wrong_role_phase_or_sender_are_refused_and_change_nothing()
    {
        StartWith(3);
        var alderman = SeatOf("alderman");
        Refused("not_your_role", Actor.Player(alderman), new Act("plant"));
        Refused("wrong_phase", Actor.Player(alderman), new Act("fund"));
        Refused("unknown_action", Actor.Player(alderman), new Act("bribe"));
        Refused("not_allowed", Actor.Player(alderman), new Advance());
        Refused("not_allowed", Actor.Player(alderman), new Pause());
        Refused("not_allowed", Actor.Player(alderman), new AssignRole(0, "official"));
        Refused("not_a_player", Actor.Facilitator, new Act("plant"));
        Refused("no_such_seat", Actor.Player(9), new Act("plant"));
        Refused("too_long", Actor.Player(alderman), new Act("keep_parking", new string('x', 501)));
    }

    [Fact]
    public void A_proposal_is_answered_by_the_role_it_went_to_and_a_counter_goes_back_to_the_proposer()
    {
        StartWith(3);
        var resident = SeatOf("resident");
        var official = SeatOf("official");
        Ok(Actor.Player(resident), new Act("ask_permit", "Mogen we bakken plaatsen?"));
        var proposal = Assert.Single(state.Proposals);
        Assert.Single(Visibility.ForSeat(rules, state, official).Proposals, p => p.MineToAnswer);
        Assert.Empty(Visibility.ForSeat(rules, state, SeatOf("alderman")).Proposals);
        Refused("not_addressed_to_you", Actor.Player(resident), new AnswerProposal(proposal.Id, Answer.Accept));

        Ok(Actor.Player(official), new AnswerProposal(proposal.Id, Answer.Counter, "Eerst de helft"));
        Refused("not_addressed_to_you", Actor.Player(official), new AnswerProposal(proposal.Id, Answer.Accept));
        Ok(Actor.Player(resident), new AnswerProposal(proposal.Id, Answer.Accept));

        Assert.Empty(state.Proposals);
        Assert.Equal(30, state.Metrics["green"]);
        Assert.Equal(9, state.Resources["official.hours"]);
        Assert.Contains("deal", state.Seats[resident].Achievements);
        Assert.True(state.Contribution["resident"] > 0 && state.Contribution["official"] > 0);
    }

    [Fact]
    public void Unanswered_proposals_expire_at_the_end_of_the_round()
    {
        StartWith(3);
        Ok(Actor.Player(SeatOf("resident")), new Act("ask_permit"));
        Ok(Actor.Facilitator, new Advance());
        Assert.Single(state.Proposals);
        Ok(Actor.Facilitator, new Advance());
        Assert.Empty(state.Proposals);
        Assert.Contains(log, e => e is ProposalAnswered { Answer: Answer.Expire });
    }

    [Fact]
    public void A_vote_carries_when_most_votes_are_yes_and_closes_when_everyone_voted()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new Advance());
        var alderman = SeatOf("alderman");
        if (state.Ballot is { Subject: BallotSubject.Dilemma } dilemmaBallot)
        {
            foreach (var seat in state.Playing)
            {
                Ok(Actor.Player(seat.Id), new CastVote(dilemmaBallot.Id, "rota"));
            }
        }

        var green = state.Metrics["green"];
        Ok(Actor.Player(alderman), new Act("fund"));
        var ballot = state.Ballot!;
        Refused("invalid_option", Actor.Player(alderman), new CastVote(ballot.Id, "maybe"));
        Ok(Actor.Player(0), new CastVote(ballot.Id, "yes"));
        Refused("already_voted", Actor.Player(0), new CastVote(ballot.Id, "no"));
        Ok(Actor.Player(1), new CastVote(ballot.Id, "yes"));
        Ok(Actor.Player(2), new CastVote(ballot.Id, "no"));
        Assert.Null(state.Ballot);
        Assert.Equal(green + 80, state.Metrics["green"]);
        Assert.Equal(10, state.Resources["alderman.budget"]);
    }

    [Fact]
    public void A_dilemma_for_a_round_appears_then_and_only_its_role_decides_it()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new Advance());
        Ok(Actor.Facilitator, new Advance());
        Ok(Actor.Facilitator, new Advance());
        Assert.Equal("neighbour_complains", state.OpenDilemma);
        var alderman = SeatOf("alderman");
        Assert.True(Visibility.ForSeat(rules, state, alderman).Dilemma!.MineToDecide);
        Refused("not_your_decision", Actor.Player(SeatOf("official")), new ResolveDilemma("listen"));
        Refused("invalid_option", Actor.Player(alderman), new ResolveDilemma("shout"));
        var trust = state.Metrics["trust"];
        Ok(Actor.Player(alderman), new ResolveDilemma("listen"));
        Assert.Null(state.OpenDilemma);
        Assert.Equal(trust + 4, state.Metrics["trust"]);
    }

    [Fact]
    public void An_undecided_dilemma_takes_its_default_option_when_its_phase_ends()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new InjectDilemma("neighbour_complains"));
        Refused("dilemma_open", Actor.Facilitator, new InjectDilemma("heat_wave"));
        Ok(Actor.Facilitator, new Advance());
        Assert.Contains(log, e => e is DilemmaResolved { Dilemma: "neighbour_complains", Option: "listen", Seat: null });
    }

    [Fact]
    public void Pause_keeps_the_time_left_and_resume_gives_it_back()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new Pause(), seconds: 60);
        Assert.True(state.Flow.Paused);
        Assert.Equal(TimeSpan.FromMinutes(2), state.RemainingWhenPaused);
        Refused("paused", Actor.Player(SeatOf("resident")), new Act("plant"));
        Refused("paused", Actor.Facilitator, new Advance());
        Ok(Actor.Facilitator, new Resume(), seconds: 600);
        Assert.Equal(T0.AddSeconds(600).AddMinutes(2), state.Deadline);
        Ok(Actor.Facilitator, new ExtendTimer(30));
        Assert.Equal(T0.AddSeconds(630).AddMinutes(2), state.Deadline);
    }

    [Fact]
    public void A_minute_more_or_less_while_paused_changes_the_time_the_phase_keeps_and_the_views_show_it()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new Pause(), seconds: 60);
        Assert.Equal(120, Visibility.ForSeat(rules, state, 0).PausedSeconds);
        Ok(Actor.Facilitator, new ExtendTimer(60));
        Assert.Equal(TimeSpan.FromMinutes(3), state.RemainingWhenPaused);
        Assert.Null(state.Deadline);
        Assert.Equal(180, Visibility.ForRoom(rules, state).PausedSeconds);
        Ok(Actor.Facilitator, new ExtendTimer(-600));
        Assert.Equal(TimeSpan.Zero, state.RemainingWhenPaused);
        Ok(Actor.Facilitator, new ExtendTimer(90));
        Ok(Actor.Facilitator, new Resume(), seconds: 300);
        Assert.Equal(T0.AddSeconds(300 + 90), state.Deadline);
        Assert.Null(Visibility.ForSeat(rules, state, 0).PausedSeconds);
    }

    [Fact]
    public void The_facilitator_assigns_a_role_for_the_next_round_by_swapping_with_its_planned_holder()
    {
        StartWith(3);
        var seat = SeatOf("alderman");
        var planned = state.RoleIn(seat, 2);
        Ok(Actor.Facilitator, new AssignRole(seat, "alderman"));
        Assert.Equal("alderman", state.RoleIn(seat, 2));
        var roundTwo = state.Playing.Select(s => state.RoleIn(s.Id, 2)).ToList();
        Assert.Equal(3, roundTwo.Distinct().Count());
        Assert.Contains(planned, roundTwo);
    }

    [Fact]
    public void A_player_who_leaves_keeps_the_history_and_the_rounds_to_come_are_replanned()
    {
        StartWith(4);
        var leaving = 3;
        var roleNow = state.RoleOf(leaving);
        Ok(Actor.Player(leaving), new LeaveSeat(leaving));
        Assert.Equal(roleNow, state.RoleIn(leaving, 1));
        Assert.Null(state.RoleIn(leaving, 2));
        var roundTwo = state.Playing.Select(s => state.RoleIn(s.Id, 2)).ToList();
        Assert.Equal(["alderman", "official", "resident"], roundTwo.Order());
        Refused("seat_left", Actor.Player(leaving), new Act("plant"));
    }

    [Fact]
    public void Away_players_keep_their_seat_and_do_not_hold_up_a_vote()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new Advance());
        if (state.Ballot is { Subject: BallotSubject.Dilemma } dilemmaBallot)
        {
            foreach (var seat in state.Playing)
            {
                Ok(Actor.Player(seat.Id), new CastVote(dilemmaBallot.Id, "rota"));
            }
        }

        var alderman = SeatOf("alderman");
        var away = SeatOf("official");
        Ok(Actor.System, new SetPresence(away, false));
        Assert.False(state.Seats[away].Present);
        Assert.False(state.Seats[away].Left);
        Refused("not_allowed", Actor.Player(away), new SetPresence(away, true));

        Ok(Actor.Player(alderman), new Act("fund"));
        var ballot = state.Ballot!;
        Ok(Actor.Player(alderman), new CastVote(ballot.Id, "yes"));
        Assert.NotNull(state.Ballot);
        Ok(Actor.Player(SeatOf("resident")), new CastVote(ballot.Id, "yes"));
        Assert.Null(state.Ballot);
        Assert.Contains(log, e => e is BallotClosed { Outcome: "yes" });
    }

    [Fact]
    public void Handover_notes_reach_the_next_holder_of_the_role_at_the_swap()
    {
        StartWith(3);
        var alderman = SeatOf("alderman");
        Ok(Actor.Facilitator, new Advance());
        Ok(Actor.Facilitator, new Advance());
        Ok(Actor.Player(alderman), new WriteHandoverNote("Let op de parkeerlobby."));
        Ok(Actor.Player(alderman), new Reflect("machteloos", "Ik kon weinig zonder de ambtenaar."));
        Refused("invalid_word", Actor.Player(alderman), new Reflect("twee woorden"));
        var next = state.Playing.First(s => state.RoleIn(s.Id, 2) == "alderman").Id;
        Assert.Contains("Let op de parkeerlobby.", Visibility.ForSeat(rules, state, next).Next!.HandoverNotes);
    }

    [Fact]
    public void The_same_commands_with_the_same_seed_give_the_same_log()
    {
        StartWith(3);
        var first = log.ToList();
        log.Clear();
        state = rules.Initial();
        StartWith(3);
        Assert.Equal(first.Count, log.Count);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first), System.Text.Json.JsonSerializer.Serialize(log));
    }
}
