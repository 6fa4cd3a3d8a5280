using System.Diagnostics;
using BenchmarkDotNet.Running;
using RegioLab.Sim.Bench;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;

if (args is ["--describe", ..])
{
    var scenario = Workload.LoadScenario();
    var rules = new SessionRules(scenario);
    Console.WriteLine($"scenario {scenario.Id}: {scenario.Rounds.Count} rounds x {scenario.Rounds.Phases.Length} phases, {scenario.Actions.Length} actions");
    for (ulong seed = 1; seed <= 5; seed++)
    {
        var game = Simulator.Play(rules, 5, seed, BotKind.Random);
        var (commands, _, _) = Workload.Record(rules, 5, seed, BotKind.Random);
        Console.WriteLine($"5 players seed {seed}: {game.Log.Count} events, {commands.Count} player commands " +
            string.Join(", ", commands.GroupBy(c => c.Command.GetType().Name).Select(g => $"{g.Key}={g.Count()}")));
    }

    for (ulong seed = 1; seed <= 3; seed++)
    {
        var game = Simulator.Play(rules, 8, seed, BotKind.Random);
        Console.WriteLine($"8 players seed {seed}: {game.Log.Count} events");
    }

    var stretched = new SessionRules(Workload.Stretched(scenario));
    for (ulong seed = 1; seed <= 3; seed++)
    {
        var sw = Stopwatch.StartNew();
        var game = Simulator.Play(stretched, 8, seed, BotKind.Random);
        Console.WriteLine($"stretched 8 players seed {seed}: {game.Log.Count} events, ended {game.State.Flow}, " +
            string.Join(", ", game.Log.GroupBy(e => e.GetType().Name).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}={g.Count()}")) + $" ({sw.ElapsedMilliseconds} ms)");
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args);
