using System.Text.Json;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Replay;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>Pinned notes are events of the log: the facilitator and an observer pin them, a player never; only the facilitator's view and the replay carry them.</summary>
public sealed class PinnedNoteTests(BuiltInFixture fixture) : IClassFixture<BuiltInFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Secret = "Z9-PINNED-SECRET";

    [Fact]
    public void The_facilitator_and_an_observer_pin_a_note_at_the_tables_moment_and_a_player_can_not()
    {
        var (rules, state, _) = InRound1();
        var byFacilitator = rules.Decide(state, Actor.Facilitator, new PinNote($"  {Secret} one  "), T0);
        var note = Assert.IsType<NotePinned>(Assert.Single(byFacilitator.Events));
        Assert.Equal(new NotePinned(NoteAuthors.Facilitator, 1, Stage.Playing, rules.Scenario.Rounds.Phases[0].Id, $"{Secret} one"), note);

        var byObserver = rules.Decide(state, Actor.Observer, new PinNote("two"), T0);
        Assert.Equal(NoteAuthors.Observer, Assert.IsType<NotePinned>(Assert.Single(byObserver.Events)).Author);

        Assert.Equal(RefusalCodes.NotAllowed, rules.Decide(state, Actor.Player(0), new PinNote("mine"), T0).Rejection?.Code);
        Assert.Equal(RefusalCodes.TooLong, rules.Decide(state, Actor.Facilitator, new PinNote(new string('x', Limits.NoteLength + 1)), T0).Rejection?.Code);
        Assert.Equal(RefusalCodes.EmptyNote, rules.Decide(state, Actor.Observer, new PinNote("   "), T0).Rejection?.Code);
        Assert.Equal(RefusalCodes.InvalidCommand, rules.Decide(state, Actor.Observer, new PinNote(null!), T0).Rejection?.Code);
    }

    [Fact]
    public void An_observer_is_refused_every_command_but_pin_note()
    {
        var (rules, state, _) = InRound1();
        Command[] commands =
        [
            new Advance(), new Pause(), new Resume(), new End(), new Start(1), new ExtendTimer(30), new InjectDilemma(rules.Scenario.Dilemmas[0].Id),
            new AssignRole(0, rules.Scenario.Roles[0].Id), new LeaveSeat(0), new SetPresence(0, false), new TakeSeat("Eve"),
            new Act(rules.Scenario.Actions[0].Id), new Reflect("woord"), new WriteHandoverNote("tip"), new CastVote(1, "yes"),
        ];
        foreach (var command in commands)
        {
            var decision = rules.Decide(state, Actor.Observer, command, T0);
            Assert.False(decision.Accepted, command.GetType().Name);
            Assert.Equal(RefusalCodes.NotForObserver, decision.Rejection!.Code);
        }
    }

    [Fact]
    public void Notes_are_in_the_facilitators_view_and_the_replay_and_never_in_a_seats_or_the_rooms()
    {
        var (rules, state, log) = InRound1();
        foreach (var actor in new[] { Actor.Facilitator, Actor.Observer })
        {
            var decision = rules.Decide(state, actor, new PinNote($"{Secret} by {actor.Kind}"), T0);
            foreach (var e in decision.Events)
            {
                state = rules.Evolve(state, e);
                log.Add(e);
            }
        }

        var facilitator = Visibility.ForFacilitator(rules, state);
        Assert.Equal([state.Version - 1, state.Version], facilitator.PinnedNotes.Select(n => n.Version));
        Assert.Contains(Secret, Json(facilitator), StringComparison.Ordinal);

        Assert.DoesNotContain(Secret, Json(Visibility.ForRoom(rules, state)), StringComparison.Ordinal);
        var story = new Visibility.RoundHeadlines(rules, rules.Initial(), state.Seats.Length);
        log.ForEach(story.Add);
        Assert.DoesNotContain(Secret, Json(story.For(Visibility.PublicReader)), StringComparison.Ordinal);
        foreach (var seat in state.Seats)
        {
            Assert.DoesNotContain(Secret, Json(Visibility.ForSeat(rules, state, seat.Id)), StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, Json(Visibility.Headlines(rules, log, seat.Id).ToList()), StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, Json(story.For(seat.Id)), StringComparison.Ordinal);
        }

        var replay = new TableReplay(rules, log.Select((e, i) => new LogEntry(i + 1, e, T0.AddSeconds(i))));
        Assert.Equal([NoteAuthors.Facilitator, NoteAuthors.Observer], replay.PinnedNotes.Select(n => n.Author));
        Assert.All(replay.PinnedNotes, n => Assert.Equal("note_pinned", replay.Timeline[(int)n.Version - 1].Kind));
        Assert.Equal(2, replay.Final.PinnedNotes.Count);
        Assert.All(replay.SeenByEverySeat(replay.Final.Version), view => Assert.DoesNotContain(Secret, Json(view), StringComparison.Ordinal));
    }

    /// <summary>Three seats at buurthuis, the game started and in round 1's first phase.</summary>
    private (TableRules Rules, TableState State, List<TableEvent> Log) InRound1()
    {
        var table = new TableScript(fixture.Rules["buurthuis"], T0).Started("Anna", "Bram", "Cor");
        while (table.State.Flow.Stage != Stage.Playing)
        {
            table.Do(Actor.Facilitator, new Advance());
        }

        return (table.Rules, table.State, table.Log);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
