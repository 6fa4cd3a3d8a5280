using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>Late arrivals and bots in seats, on the small scenario from the format doc (3–4 players, resident up to two seats, two rounds).</summary>
public sealed class SeatingRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableRules rules = new(DocExample.Scenario());
    private readonly List<TableEvent> log = [];
    private TableState state;

    public SeatingRulesTests() => state = rules.Initial();

    private Decision Send(Actor actor, Command command)
    {
        var decision = rules.Decide(state, actor, command, T0);
        foreach (var e in decision.Events)
        {
            state = rules.Evolve(state, e);
            log.Add(e);
        }

        return decision;
    }

    private IReadOnlyList<TableEvent> Ok(Actor actor, Command command)
    {
        var decision = Send(actor, command);
        Assert.True(decision.Accepted, decision.Rejection?.Message);
        return decision.Events;
    }

    private void Refused(string code, Actor actor, Command command)
    {
        var before = state;
        var decision = Send(actor, command);
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.NotEqual(decision.Rejection.Reason.Nl, decision.Rejection.Reason.En);
        Assert.Same(before, state);
    }

    private void StartWith(int players)
    {
        for (var i = 0; i < players; i++)
        {
            Ok(Actor.System, new TakeSeat($"Speler {i + 1}"));
        }

        Ok(Actor.Facilitator, new Start(12345));
        Ok(Actor.Facilitator, new Advance());
        Assert.Equal(Stage.Playing, state.Flow.Stage);
    }

    /// <summary>The state the commands made is the fold of the log they appended.</summary>
    private void AssertFolds() =>
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(state), System.Text.Json.JsonSerializer.Serialize(rules.Fold(log)));

    private int SeatOf(string role) => state.Playing.First(s => state.RoleOf(s.Id) == role).Id;

    [Fact]
    public void A_late_arrival_during_a_round_takes_over_the_role_of_the_seat_whose_player_left()
    {
        StartWith(3);
        var official = SeatOf("official");
        Ok(Actor.Facilitator, new LeaveSeat(official));
        Assert.Empty(state.HoldersOf("official"));

        var events = Ok(Actor.System, new TakeSeat("Laat"));
        var planned = Assert.IsType<RolesPlanned>(events[^1]);
        Assert.Equal("seat_taken", planned.Reason);
        Assert.Equal(3, Assert.IsType<SeatTaken>(events[0]).Seat);
        Assert.Equal("official", state.RoleOf(3));
        Assert.Null(state.RoleOf(official));

        // The round to come gives every seat still playing a role, the left seat none.
        Assert.All(state.Playing, s => Assert.NotNull(state.RoleIn(s.Id, 2)));
        Assert.Null(state.RoleIn(official, 2));
        Assert.NotEqual("official", state.RoleIn(3, 2));

        // The newcomer sees the round in progress as the official.
        Assert.Equal("official", Visibility.ForSeat(rules, state, 3).Role?.Id);
        AssertFolds();
    }

    [Fact]
    public void A_late_arrival_without_a_left_seat_gets_a_new_seat_with_a_role_the_table_has_room_for()
    {
        StartWith(3);
        Ok(Actor.System, new TakeSeat("Laat"));
        Assert.Equal(4, state.Playing.Count());

        // Three single roles are held; the fourth player is the resident's second seat.
        Assert.Equal("resident", state.RoleOf(3));
        Assert.Equal(2, state.HoldersOf("resident").Count());
        Assert.All(state.Playing, s => Assert.NotNull(state.RoleIn(s.Id, 2)));
        AssertFolds();
    }

    [Fact]
    public void A_full_table_refuses_a_late_arrival_and_a_table_in_its_debrief_seats_nobody()
    {
        StartWith(4);
        Refused("table_full", Actor.System, new TakeSeat("Laat"));
        Refused("table_full", Actor.Facilitator, new AddBot());
        Ok(Actor.Facilitator, new LeaveSeat(0));
        Ok(Actor.System, new TakeSeat("Laat"));
        while (state.Flow.Stage != Stage.Debrief)
        {
            Ok(Actor.Facilitator, new Advance());
        }

        Ok(Actor.Facilitator, new LeaveSeat(1));
        Refused("game_started", Actor.System, new TakeSeat("Te laat"));
    }

    [Fact]
    public void A_late_arrival_at_the_role_swap_holds_a_role_from_the_next_round()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new Advance());
        Ok(Actor.Facilitator, new Advance());
        Assert.Equal(Stage.RoleSwap, state.Flow.Stage);
        Ok(Actor.System, new TakeSeat("Laat"));
        Assert.Null(state.RoleIn(3, 1));
        Assert.NotNull(state.RoleIn(3, 2));
        Assert.All(state.Playing, s => Assert.NotNull(state.RoleIn(s.Id, 2)));
    }

    [Fact]
    public void The_facilitator_switches_bots_per_seat_and_fills_the_empty_seats_with_them()
    {
        Ok(Actor.System, new TakeSeat("Anna"));
        var filled = Ok(Actor.Facilitator, new FillBots("greedy"));
        Assert.Equal(3, state.Playing.Count());
        Assert.Equal(["Bot 1", "Bot 2"], state.Seats.Skip(1).Select(s => s.Name));
        Assert.All(state.Seats.Skip(1), s => Assert.Equal("greedy", s.Bot));
        Assert.Equal(2, filled.OfType<BotSwitched>().Count());
        Assert.Empty(Ok(Actor.Facilitator, new FillBots()));

        Ok(Actor.Facilitator, new AddBot());
        Assert.Equal("cooperative", state.Seats[3].Bot);

        Ok(Actor.Facilitator, new SetBot(0, "random"));
        Assert.Equal("random", state.Seats[0].Bot);
        Assert.Empty(Ok(Actor.Facilitator, new SetBot(0, "random")));
        Ok(Actor.Facilitator, new SetBot(0, null));
        Assert.Null(state.Seats[0].Bot);

        Refused("unknown_bot_kind", Actor.Facilitator, new SetBot(0, "clever"));
        Refused("unknown_bot_kind", Actor.Facilitator, new AddBot("clever"));
        Refused("not_allowed", Actor.Player(0), new SetBot(1, null));
        Refused("not_allowed", Actor.Player(0), new AddBot());
        Refused("no_such_seat", Actor.Facilitator, new SetBot(9, "greedy"));
        Assert.Equal("greedy", Visibility.ForRoom(rules, state).Seats[1].Bot);
        AssertFolds();
    }

    [Fact]
    public void A_table_of_one_player_and_bots_plays_to_the_end_and_the_story_marks_the_bots_moves()
    {
        Ok(Actor.System, new TakeSeat("Anna"));
        Ok(Actor.Facilitator, new FillBots("cooperative"));
        Ok(Actor.Facilitator, new Start(7));
        var bots = state.Seats.Where(s => s.Bot is not null).Select(s => new Bot(BotKind.Cooperative, s.Id, 7)).ToList();
        for (var step = 0; step < 500 && state.Flow.Stage != Stage.Ended; step++)
        {
            var acted = false;
            foreach (var bot in bots)
            {
                if (bot.Choose(rules, state, T0) is { } command)
                {
                    Ok(Actor.Player(bot.Seat), command);
                    acted = true;
                }
            }

            if (!acted)
            {
                Ok(Actor.Facilitator, state.Flow.Stage == Stage.Debrief ? new End() : new Advance());
            }
        }

        Assert.Equal(Stage.Ended, state.Flow.Stage);

        // Anna's story marks every line a bot's seat acted in, and none of hers.
        var story = Visibility.Headlines(rules, log, 0).Where(h => h.Seat is not null).ToList();
        Assert.Contains(story, h => h.Bot && h.Seat >= 1);
        Assert.All(story, h => Assert.Equal(h.Seat >= 1, h.Bot));
        AssertFolds();
    }
}
