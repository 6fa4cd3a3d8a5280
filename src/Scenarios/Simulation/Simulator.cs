using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Simulation;

/// <summary>One seat's part in a simulated game.</summary>
public sealed record SeatResult(int Seat, ImmutableArray<string> Roles, int Points, ImmutableArray<string> Achievements);

/// <summary>The outcome of a game played by bots, with its full log.</summary>
public sealed record GameResult(
    string Scenario,
    ulong Seed,
    int Players,
    int Rounds,
    BotKind Bots,
    ImmutableArray<SeatResult> Seats,
    ImmutableSortedDictionary<string, double> Metrics,
    double CommunityScore,
    IReadOnlyDictionary<string, double> Contribution,
    IReadOnlyList<TableEvent> Log,
    TableState State,
    ImmutableSortedSet<string> ActionsTaken);

/// <summary>Plays whole games with bots in-process: the facilitator advances when the bots are done with a phase.</summary>
public static class Simulator
{
    private const int MaxStepsPerPhase = 200;
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public static GameResult Play(Scenario scenario, int players, ulong seed, BotKind kind) =>
        Play(new TableRules(scenario), players, seed, kind);

    /// <summary>Plays one game; <paramref name="observe"/> sees every command just before it is decided (for benchmarks and recordings).</summary>
    public static GameResult Play(TableRules rules, int players, ulong seed, BotKind kind, Action<TableState, Actor, Command, DateTimeOffset>? observe = null) =>
        Play(rules, players, seed, kind, observe, evolved: null);

    /// <summary>
    /// Plays one game; <paramref name="evolved"/> sees every event with the state it made, in log order
    /// (the balance report reads the metrics at each round's end from it without folding the log again).
    /// </summary>
    public static GameResult Play(
        TableRules rules,
        int players,
        ulong seed,
        BotKind kind,
        Action<TableState, Actor, Command, DateTimeOffset>? observe,
        Action<TableEvent, TableState>? evolved)
    {
        var log = new List<TableEvent>();
        var state = rules.Initial();
        var now = Epoch;
        var taken = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);

        void Do(Actor actor, Command command)
        {
            observe?.Invoke(state, actor, command, now);
            var decision = rules.Decide(state, actor, command, now);
            if (!decision.Accepted)
            {
                throw new InvalidOperationException($"the simulator sent a refused command {command}: {decision.Rejection}");
            }

            foreach (var e in decision.Events)
            {
                state = rules.Evolve(state, e);
                log.Add(e);
                evolved?.Invoke(e, state);
                switch (e)
                {
                    case ActionTaken a:
                        taken.Add(a.Action);
                        break;
                    case ProposalMade p:
                        taken.Add(p.Action);
                        break;
                    case BallotOpened { Subject: BallotSubject.Action } b:
                        taken.Add(b.SubjectId);
                        break;
                }
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

        var seats = state.Seats.Select(s => new SeatResult(
            s.Id,
            [.. Enumerable.Range(1, rules.Scenario.Rounds.Count).Select(r => state.RoleIn(s.Id, r) ?? string.Empty)],
            s.Points,
            s.Achievements)).ToImmutableArray();
        return new GameResult(rules.Scenario.Id, seed, players, rules.Scenario.Rounds.Count, kind, seats, state.Metrics,
            state.CommunityScore ?? Scoring.Community(rules.Scenario, state), Scoring.Contribution(rules.Scenario, state), log, state, taken.ToImmutable());
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
