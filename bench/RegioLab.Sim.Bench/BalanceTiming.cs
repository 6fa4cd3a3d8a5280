using System.Diagnostics;
using System.Globalization;
using RegioLab.Sim.Scenarios.Balance;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Bench;

/// <summary>
/// The balance report's speed target (1,000 games of a built-in in at most 10 s on two cores), timed
/// with a Stopwatch: the whole report on every core, and one game per bot kind on one thread.
/// Not pinned: the report is meant to use every core the machine has.
/// </summary>
internal static class BalanceTiming
{
    public static void Run(string scenarioId, int games, int players, int repetitions)
    {
        var scenario = ScenarioLoader.LoadBuiltIn(scenarioId).Scenario ?? throw new ArgumentException($"no built-in scenario '{scenarioId}'");
        var perKind = (games + BalanceRun.Kinds.Length - 1) / BalanceRun.Kinds.Length;
        var settings = new BalanceSettings(perKind, [players], 1);
        Console.WriteLine($"{scenario.Id}: {perKind} games x {BalanceRun.Kinds.Length} bot kinds = {perKind * BalanceRun.Kinds.Length} games at {players} players, {Environment.ProcessorCount} cores");

        // Warm up the JIT with a small report first.
        BalanceRun.Report(scenario, settings with { Games = 10 });
        var seconds = new List<double>();
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            var report = BalanceRun.Report(scenario, settings);
            seconds.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {i + 1}: {clock.Elapsed.TotalSeconds:0.00} s, {report.Warnings.Length} warnings"));
        }

        seconds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: min {seconds[0]:0.00} s, median {seconds[seconds.Count / 2]:0.00} s"));

        var rules = new TableRules(scenario);
        var content = new BalanceContent(scenario);
        foreach (var kind in BalanceRun.Kinds)
        {
            const int count = 40;
            var clock = Stopwatch.StartNew();
            for (var game = 0; game < count; game++)
            {
                BalanceRun.Play(rules, content, players, kind, BalanceRun.GameSeed(7, players, kind, game));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  one {kind.ToString().ToLowerInvariant()} game on one thread: {clock.Elapsed.TotalMilliseconds / count:0.0} ms"));
        }
    }
}
