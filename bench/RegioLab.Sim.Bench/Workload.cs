using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Bench;

/// <summary>One accepted player command as the server saw it: the state it was decided on, who sent it, what, and when.</summary>
public sealed record RecordedCommand(TableState State, Actor Actor, Command Command, DateTimeOffset Now);

/// <summary>
/// Builds the inputs of the benchmarks from real games played by the seeded bots, so every
/// benchmark measures commands, logs and states the engine actually produces.
/// </summary>
public static class Workload
{
    /// <summary>The scenario benchmarked: buurthuis, or energiecooperatie where buurthuis is not built in.</summary>
    public const string PreferredScenario = "buurthuis";

    public const string FallbackScenario = "energiecooperatie";

    public static Scenario LoadScenario()
    {
        var result = ScenarioLoader.LoadBuiltIn(PreferredScenario);
        if (!result.Succeeded)
        {
            result = ScenarioLoader.LoadBuiltIn(FallbackScenario);
        }

        return result.Scenario!;
    }

    /// <summary>The resource stock of every role in <see cref="Stretched"/>: enough that costs never stop play.</summary>
    public const double StretchedStock = 10_000;

    /// <summary>
    /// The scenario stretched to a very long session, with values an author may write in a
    /// scenario file: 20 rounds (ScenarioReader.MaxRounds), every action allowed 10 times a
    /// round (the maximum of <c>limit</c>), and every role resource starting at its new max of
    /// <see cref="StretchedStock"/> (costs stay, and are still checked and paid). Metrics,
    /// effects, goals, dilemmas and achievements are unchanged.
    /// </summary>
    public static Scenario Stretched(Scenario scenario) => scenario with
    {
        Rounds = scenario.Rounds with { Count = 20 },
        Actions = [.. scenario.Actions.Select(a => a with { LimitPerRound = 10 })],
        Roles = [.. scenario.Roles.Select(r => r with
        {
            Resources = [.. r.Resources.Select(x => x with { Start = StretchedStock, Max = StretchedStock })],
        })],
    };

    /// <summary>
    /// Plays one game with <see cref="Simulator.Play(TableRules, int, ulong, BotKind, Action{TableState, Actor, Command, DateTimeOffset})"/>
    /// and records, through its observer, every player command of play (Act, AnswerProposal,
    /// CastVote, ResolveDilemma) with the state it was decided on. The simulator only sends
    /// commands the rules accept (it throws otherwise), so every recorded command was accepted.
    /// </summary>
    public static (IReadOnlyList<RecordedCommand> Commands, GameResult Game) Record(TableRules rules, int players, ulong seed, BotKind kind)
    {
        var commands = new List<RecordedCommand>();
        var game = Simulator.Play(rules, players, seed, kind, (state, actor, command, now) =>
        {
            if (actor.Kind == ActorKind.Player && command is Act or AnswerProposal or CastVote or ResolveDilemma)
            {
                commands.Add(new RecordedCommand(state, actor, command, now));
            }
        });
        return (commands, game);
    }

    /// <summary>Recorded commands of consecutive 5-player random-bot games (seeds 1, 2, ...) until <paramref name="count"/> are collected.</summary>
    public static ImmutableArray<RecordedCommand> Commands(TableRules rules, int count, int players = 5)
    {
        var result = ImmutableArray.CreateBuilder<RecordedCommand>(count);
        for (ulong seed = 1; result.Count < count; seed++)
        {
            var (commands, _) = Record(rules, players, seed, BotKind.Random);
            result.AddRange(commands.Take(count - result.Count));
        }

        return result.MoveToImmutable();
    }

    /// <summary>
    /// One real session log of at least <paramref name="events"/> events: a single game of the
    /// stretched scenario (see <see cref="Stretched"/>) with 8 random bots, played by the
    /// Simulator; the first seed whose log is long enough is taken.
    /// </summary>
    public static (TableRules Rules, IReadOnlyList<TableEvent> Log, ulong Seed) LongGame(Scenario scenario, int events)
    {
        var rules = new TableRules(Stretched(scenario));
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var game = Simulator.Play(rules, 8, seed, BotKind.Random);
            if (game.Log.Count >= events)
            {
                return (rules, game.Log, seed);
            }
        }

        throw new InvalidOperationException($"no game of the stretched scenario reached {events} events");
    }

    /// <summary>
    /// A state in the middle of a 5-player random-bot game (seed 1): the state on which the
    /// middle recorded player command was decided, and the seat that sent it.
    /// </summary>
    public static (TableState State, int Seat) MidGame(TableRules rules)
    {
        var (commands, _) = Record(rules, 5, 1, BotKind.Random);
        var middle = commands[commands.Count / 2];
        return (middle.State, middle.Actor.Seat);
    }
}
