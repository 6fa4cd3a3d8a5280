using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Bench;

/// <summary>One accepted player command as the server saw it: the state it was decided on, who sent it, what, and when.</summary>
public sealed record RecordedCommand(SessionState State, Actor Actor, Command Command, DateTimeOffset Now);

/// <summary>
/// Builds the inputs of the benchmarks from real games played by the seeded bots, so every
/// benchmark measures commands, logs and states the engine actually produces.
/// </summary>
public static class Workload
{
    /// <summary>The scenario benchmarked: buurthuis, or energiecooperatie where buurthuis is not built in.</summary>
    public const string PreferredScenario = "buurthuis";

    public const string FallbackScenario = "energiecooperatie";

    // Same constants as Simulator: the facilitator advances when bots are done, at most 200 steps a phase.
    private const int MaxStepsPerPhase = 200;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

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
    /// Plays one game exactly as <see cref="Simulator.Play(SessionRules, int, ulong, BotKind)"/> does
    /// (same seats, bots, shuffle and clock) and records every accepted player command of play
    /// (Act, AnswerProposal, CastVote, ResolveDilemma) with the state it was decided on.
    /// </summary>
    public static (IReadOnlyList<RecordedCommand> Commands, IReadOnlyList<SessionEvent> Log, SessionState Final) Record(
        SessionRules rules, int players, ulong seed, BotKind kind)
    {
        var commands = new List<RecordedCommand>();
        var log = new List<SessionEvent>();
        var state = rules.Initial();
        var now = Epoch;

        void Do(Actor actor, Command command)
        {
            var decision = rules.Decide(state, actor, command, now);
            if (!decision.Accepted)
            {
                throw new InvalidOperationException($"the recorder sent a refused command {command}: {decision.Rejection}");
            }

            if (actor.Kind == ActorKind.Player && command is Act or AnswerProposal or CastVote or ResolveDilemma)
            {
                commands.Add(new RecordedCommand(state, actor, command, now));
            }

            foreach (var e in decision.Events)
            {
                state = rules.Evolve(state, e);
                log.Add(e);
            }

            now = now.AddSeconds(5);
        }

        for (var i = 0; i < players; i++)
        {
            Do(Actor.System, new TakeSeat($"Bot {i + 1}"));
        }

        var bots = Enumerable.Range(0, players).Select(i => new Bot(kind, i, seed)).ToArray();
        Do(Actor.Facilitator, new Start(seed));
        var order = seed;
        while (state.Flow.Stage != Stage.Ended)
        {
            if (state.Flow.Stage == Stage.Playing)
            {
                for (var step = 0; step < MaxStepsPerPhase; step++)
                {
                    var acted = false;
                    foreach (var bot in Shuffle(bots, ref order))
                    {
                        if (bot.Choose(rules, state, now) is { } command)
                        {
                            Do(Actor.Player(bot.Seat), command);
                            acted = true;
                        }
                    }

                    if (!acted)
                    {
                        break;
                    }
                }
            }
            else if (state.Flow.Stage == Stage.RoleSwap)
            {
                foreach (var bot in bots)
                {
                    if (state.RoleOf(bot.Seat) is { } role)
                    {
                        Do(Actor.Player(bot.Seat), new WriteHandoverNote($"Note from seat {bot.Seat} about {role}"));
                        Do(Actor.Player(bot.Seat), new Reflect(role == state.RoleIn(bot.Seat, state.Flow.Round + 1) ? "same" : "different"));
                    }
                }
            }

            Do(Actor.Facilitator, new Advance());
        }

        return (commands, log, state);
    }

    /// <summary>
    /// Recorded commands of consecutive 5-player random-bot games (seeds 1, 2, ...) until
    /// <paramref name="count"/> are collected. Each game is checked against
    /// <see cref="Simulator.Play(SessionRules, int, ulong, BotKind)"/>: same log length, same event kinds, same end.
    /// </summary>
    public static ImmutableArray<RecordedCommand> Commands(SessionRules rules, int count, int players = 5)
    {
        var result = ImmutableArray.CreateBuilder<RecordedCommand>(count);
        for (ulong seed = 1; result.Count < count; seed++)
        {
            var (commands, log, final) = Record(rules, players, seed, BotKind.Random);
            var reference = Simulator.Play(rules, players, seed, BotKind.Random);
            if (reference.Log.Count != log.Count
                || !reference.Log.Select(e => e.GetType()).SequenceEqual(log.Select(e => e.GetType()))
                || reference.State.Version != final.Version
                || !reference.State.Metrics.SequenceEqual(final.Metrics))
            {
                throw new InvalidOperationException($"the recorder diverged from Simulator.Play for seed {seed}");
            }

            result.AddRange(commands.Take(count - result.Count));
        }

        return result.MoveToImmutable();
    }

    /// <summary>
    /// One real session log of at least <paramref name="events"/> events: a single game of the
    /// stretched scenario (see <see cref="Stretched"/>) with 8 random bots, played by the
    /// Simulator; the first seed whose log is long enough is taken.
    /// </summary>
    public static (SessionRules Rules, IReadOnlyList<SessionEvent> Log, ulong Seed) LongSession(Scenario scenario, int events)
    {
        var rules = new SessionRules(Stretched(scenario));
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
    public static (SessionState State, int Seat) MidGame(SessionRules rules)
    {
        var (commands, _, _) = Record(rules, 5, 1, BotKind.Random);
        var middle = commands[commands.Count / 2];
        return (middle.State, middle.Actor.Seat);
    }

    private static Bot[] Shuffle(Bot[] bots, ref ulong random)
    {
        var copy = (Bot[])bots.Clone();
        for (var i = copy.Length - 1; i > 0; i--)
        {
            var j = Seeded.NextInt(ref random, i + 1);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy;
    }
}
