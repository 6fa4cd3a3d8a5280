using System.Text.Json;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>The console's messages, its inject plan and who has not acted yet, on the small scenario from the format doc.</summary>
public sealed class ConsoleRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TableRules rules;
    private readonly List<TableEvent> log = [];
    private TableState state;

    public ConsoleRulesTests()
        : this(new TableRules(DocExample.Scenario()))
    {
    }

    private ConsoleRulesTests(TableRules rules)
    {
        this.rules = rules;
        state = rules.Initial();
    }

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

    private Decision Ok(Actor actor, Command command)
    {
        var decision = Send(actor, command);
        Assert.True(decision.Accepted, decision.Rejection?.Message);
        return decision;
    }

    private void Refused(string code, Actor actor, Command command)
    {
        var before = state;
        var decision = Send(actor, command);
        Assert.Equal(code, decision.Rejection?.Code);
        Assert.NotEqual(decision.Rejection!.Reason.Nl, decision.Rejection.Reason.En);
        Assert.Same(before, state);
    }

    private void Seat(int players)
    {
        for (var i = 0; i < players; i++)
        {
            Ok(Actor.System, new TakeSeat($"Speler {i + 1}"));
        }
    }

    private void StartWith(int players)
    {
        Seat(players);
        Ok(Actor.Facilitator, new Start(12345));
        Ok(Actor.Facilitator, new Advance());
    }

    private int SeatOf(string role) => state.Playing.First(s => state.RoleOf(s.Id) == role).Id;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    [Fact]
    public void A_message_to_one_seat_reaches_only_that_seat_and_one_to_all_reaches_every_seat()
    {
        Seat(3);
        Ok(Actor.Facilitator, new SendMessage("  Welkom\r\nallemaal\u0007  "));
        Ok(Actor.Facilitator, new SendMessage("Alleen voor jou", 1));

        Assert.Contains(log, e => e is MessageSent { Seat: null, Text: "Welkom\nallemaal" });
        Assert.Equal(["Welkom\nallemaal", "Alleen voor jou"], Visibility.ForSeat(rules, state, 1).Messages.Select(m => m.Text));
        Assert.Equal(["Welkom\nallemaal"], Visibility.ForSeat(rules, state, 0).Messages.Select(m => m.Text));
        Assert.Equal(["Welkom\nallemaal"], Visibility.ForSeat(rules, state, 2).Messages.Select(m => m.Text));
        Assert.Equal(2, Visibility.ForFacilitator(rules, state).Messages.Count);
        Assert.Equal(state.Version, Visibility.ForSeat(rules, state, 1).Messages[^1].Version);
    }

    [Fact]
    public void A_message_is_the_facilitators_short_and_to_a_seat_that_is_there()
    {
        Seat(3);
        Refused("not_allowed", Actor.Player(0), new SendMessage("hallo"));
        Refused("too_long", Actor.Facilitator, new SendMessage(new string('x', Limits.NoteLength + 1)));
        Refused("empty_note", Actor.Facilitator, new SendMessage(" \u0007 "));
        Refused("no_such_seat", Actor.Facilitator, new SendMessage("hallo", 7));
        Ok(Actor.Facilitator, new LeaveSeat(2));
        Refused("seat_left", Actor.Facilitator, new SendMessage("hallo", 2));
        Ok(Actor.Facilitator, new SendMessage(new string('x', Limits.NoteLength)));
    }

    [Fact]
    public void A_planned_inject_fires_once_as_the_table_enters_its_phase_in_the_same_decision()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new PlanInject(2, "decide", "heat_wave"));
        Assert.Equal(InjectStatus.Planned, Assert.Single(state.Injects).Status);

        Ok(Actor.Facilitator, new Advance()); // round 1 decide: not yet
        Assert.Equal(InjectStatus.Planned, state.Injects[0].Status);
        Ok(Actor.Facilitator, new Advance()); // role swap
        Ok(Actor.Facilitator, new Advance()); // round 2 propose: the round's own card comes
        Assert.Equal("neighbour_complains", state.OpenDilemma);
        Ok(Actor.Player(SeatOf("alderman")), new ResolveDilemma("listen"));
        Assert.Equal(InjectStatus.Planned, state.Injects[0].Status);

        var entering = Ok(Actor.Facilitator, new Advance()); // round 2 decide
        Assert.Equal(new FlowState(Stage.Playing, 2, 1, false), state.Flow);
        var kinds = entering.Events.Select(e => e.GetType()).ToList();
        Assert.True(kinds.IndexOf(typeof(FlowChanged)) < kinds.IndexOf(typeof(InjectFired)), string.Join(", ", kinds.Select(k => k.Name)));
        Assert.Contains(entering.Events, e => e is DilemmaDrawn { Dilemma: "heat_wave", Injected: true });
        Assert.Equal("heat_wave", state.OpenDilemma);
        Assert.Equal(InjectStatus.Fired, state.Injects[0].Status);
        Assert.Equal(BallotSubject.Dilemma, state.Ballot?.Subject);

        Ok(Actor.Facilitator, new Advance()); // debrief
        Ok(Actor.Facilitator, new Advance()); // ended
        Assert.Single(log, e => e is InjectFired);
        Assert.Single(log, e => e is DilemmaDrawn { Dilemma: "heat_wave", Injected: true });
        Assert.Equal(Json(state), Json(rules.Fold(log)));
        var fromJson = log.Select(e => JsonSerializer.Deserialize<TableEvent>(JsonSerializer.Serialize(e))!).ToList();
        Assert.Equal(Json(state), Json(rules.Fold(fromJson)));
    }

    [Fact]
    public void An_inject_planned_in_the_lobby_fires_in_the_first_phase_instead_of_a_draw()
    {
        Seat(3);
        Ok(Actor.Facilitator, new PlanInject(1, "propose", "heat_wave"));
        Ok(Actor.Facilitator, new Start(7));
        Ok(Actor.Facilitator, new Advance());
        Assert.Equal("heat_wave", state.OpenDilemma);
        Assert.Equal(InjectStatus.Fired, state.Injects[0].Status);
    }

    [Fact]
    public void A_plan_is_refused_with_a_reason_for_an_unknown_dilemma_round_or_phase_a_past_phase_or_a_taken_one()
    {
        StartWith(3);
        Refused("not_allowed", Actor.Player(0), new PlanInject(2, "decide", "heat_wave"));
        Refused("unknown_dilemma", Actor.Facilitator, new PlanInject(2, "decide", "flood"));
        Refused("invalid_round", Actor.Facilitator, new PlanInject(3, "decide", "heat_wave"));
        Refused("invalid_round", Actor.Facilitator, new PlanInject(0, "decide", "heat_wave"));
        Refused("unknown_phase", Actor.Facilitator, new PlanInject(2, "vote", "heat_wave"));
        Refused("inject_past", Actor.Facilitator, new PlanInject(1, "propose", "heat_wave"));
        Ok(Actor.Facilitator, new PlanInject(1, "decide", "heat_wave"));
        Refused("inject_slot_taken", Actor.Facilitator, new PlanInject(1, "decide", "neighbour_complains"));
        Ok(Actor.Facilitator, new Advance());
        Ok(Actor.Facilitator, new Advance()); // role swap after round 1
        Refused("inject_past", Actor.Facilitator, new PlanInject(1, "decide", "neighbour_complains"));
        Ok(Actor.Facilitator, new PlanInject(2, "propose", "heat_wave"));
        Ok(Actor.Facilitator, new End());
        Refused("game_over", Actor.Facilitator, new PlanInject(2, "decide", "heat_wave"));
    }

    [Fact]
    public void A_cancelled_inject_never_fires_and_cannot_be_cancelled_twice()
    {
        StartWith(3);
        Ok(Actor.Facilitator, new PlanInject(1, "decide", "heat_wave"));
        var id = state.Injects[0].Id;
        Refused("no_such_inject", Actor.Facilitator, new CancelInject(id + 5));
        Ok(Actor.Facilitator, new CancelInject(id));
        Refused("inject_done", Actor.Facilitator, new CancelInject(id));
        Ok(Actor.Facilitator, new Advance());
        Assert.DoesNotContain(log, e => e is InjectFired);
        Assert.Equal((InjectStatus.Cancelled, "cancelled"), (state.Injects[0].Status, state.Injects[0].Reason));
    }

    [Fact]
    public void An_inject_that_finds_another_dilemma_open_is_cancelled_saying_so()
    {
        // A card a role decides in a later phase stays open across the phase it was injected in.
        var scenario = ScenarioLoader.LoadText(DocExample.Yaml().Replace("decided_by: vote", "decided_by: official", StringComparison.Ordinal), "variant.md").Scenario!;
        var variant = new ConsoleRulesTests(new TableRules(scenario));
        variant.StartWith(3);
        variant.Ok(Actor.Facilitator, new PlanInject(1, "decide", "neighbour_complains"));
        variant.Ok(Actor.Facilitator, new InjectDilemma("heat_wave"));
        variant.Ok(Actor.Facilitator, new Advance());
        Assert.Equal("heat_wave", variant.state.OpenDilemma);
        Assert.Equal((InjectStatus.Cancelled, "dilemma_open"), (variant.state.Injects[0].Status, variant.state.Injects[0].Reason));
        Assert.DoesNotContain(variant.log, e => e is InjectFired);
    }

    [Fact]
    public void The_facilitator_sees_who_has_not_acted_in_this_phase()
    {
        StartWith(3);
        var all = state.Playing.Select(s => s.Id).ToArray();
        Assert.Equal(all, Visibility.ForFacilitator(rules, state).Waiting);

        var resident = SeatOf("resident");
        Ok(Actor.Player(resident), new Act("plant"));
        Assert.DoesNotContain(resident, Visibility.ForFacilitator(rules, state).Waiting);
        Ok(Actor.Facilitator, new Pause());
        Ok(Actor.Facilitator, new Resume());
        Assert.DoesNotContain(resident, Visibility.ForFacilitator(rules, state).Waiting);

        Ok(Actor.Facilitator, new Advance()); // decide: everyone has an action again
        Assert.Contains(resident, Visibility.ForFacilitator(rules, state).Waiting);
        Ok(Actor.Facilitator, new Advance()); // role swap: a reflection from each
        Assert.Equal(all, Visibility.ForFacilitator(rules, state).Waiting);
        Ok(Actor.Player(resident), new Reflect("moe"));
        Assert.DoesNotContain(resident, Visibility.ForFacilitator(rules, state).Waiting);

        // A seat a bot plays owes no reflection: bots do not reflect, so the swap does not wait for them.
        var other = all.First(s => s != resident);
        Ok(Actor.Facilitator, new SetBot(other, "cooperative"));
        Assert.DoesNotContain(other, Visibility.ForFacilitator(rules, state).Waiting);
        Assert.Equal(all.Where(s => s != resident && s != other), Visibility.ForFacilitator(rules, state).Waiting);
    }
}
