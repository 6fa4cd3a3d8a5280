using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;

namespace RegioLab.Sim.Scenarios.Balance;

/// <summary>
/// How many games per bot kind and player count, which player counts, the seed, and how many cores
/// may play at once (1 plays every game on the calling thread; the server uses that).
/// </summary>
public sealed record BalanceSettings(int Games, ImmutableArray<int> Players, ulong Seed, int Parallelism = 0);

/// <summary>Plays the bot games of a balance report and folds them into it; the same settings give the same report.</summary>
public static class BalanceRun
{
    /// <summary>The bot kinds in the order the report lists them.</summary>
    public static readonly ImmutableArray<BotKind> Kinds = [BotKind.Random, BotKind.Greedy, BotKind.Cooperative];

    /// <summary>
    /// The seed of one game, mixed from the report's seed, the player count, the bot kind and the game's number,
    /// so every game is the same whichever thread plays it and in whichever order.
    /// </summary>
    public static ulong GameSeed(ulong seed, int players, BotKind kind, int game)
    {
        var state = seed ^ ((ulong)players << 48) ^ ((ulong)kind << 40) ^ (ulong)game;
        return Seeded.Next(ref state);
    }

    /// <summary>Plays one game of the report and folds it (tests fold the same games directly to check the report).</summary>
    public static GameTally Play(TableRules rules, BalanceContent content, int players, BotKind kind, ulong seed)
    {
        var tally = new GameTally(content);
        var result = Simulator.Play(rules, players, seed, kind, observe: null, evolved: tally.Observe);
        tally.Finish(result);
        return tally;
    }

    /// <summary>Plays every game and builds the report; <paramref name="progress"/> hears the share of games played (0–1).</summary>
    public static BalanceReport Report(Scenario scenario, BalanceSettings settings, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var rules = new TableRules(scenario);
        var content = new BalanceContent(scenario);
        var perCount = Kinds.Length * settings.Games;
        var total = settings.Players.Length * perCount;
        var tallies = new GameTally[total];
        var played = 0;
        var step = Math.Max(1, total / 100);

        void PlayOne(int index)
        {
            var players = settings.Players[index / perCount];
            var kind = Kinds[index % perCount / settings.Games];
            var game = index % settings.Games;
            tallies[index] = Play(rules, content, players, kind, GameSeed(settings.Seed, players, kind, game));
            var done = Interlocked.Increment(ref played);
            if (done % step == 0 || done == total)
            {
                progress?.Report((double)done / total);
            }
        }

        if (settings.Parallelism == 1)
        {
            for (var i = 0; i < total; i++)
            {
                cancel.ThrowIfCancellationRequested();
                PlayOne(i);
            }
        }
        else
        {
            var options = new ParallelOptions
            {
                CancellationToken = cancel,
                MaxDegreeOfParallelism = settings.Parallelism > 0 ? settings.Parallelism : Environment.ProcessorCount,
            };
            Parallel.For(0, total, options, PlayOne);
        }

        var tables = settings.Players.Select((players, p) =>
            BalanceFigures.ForPlayerCount(content, players, Kinds.Select((_, k) => tallies.AsSpan(p * perCount + k * settings.Games, settings.Games).ToArray()).ToArray()))
            .ToImmutableArray();
        var use = content.Items.Select((item, i) =>
        {
            var counts = new int[Kinds.Length];
            for (var g = 0; g < total; g++)
            {
                counts[g % perCount / settings.Games] += tallies[g].Chosen[i];
            }

            return new ContentUse(item.Kind, item.Id, item.Label, counts[0], counts[1], counts[2]);
        }).ToImmutableArray();
        var warnings = BalanceWarnings.Of(scenario, tables, use);
        return new BalanceReport(scenario.Id, scenario.Version, settings.Seed, settings.Games, warnings, tables, use);
    }
}
