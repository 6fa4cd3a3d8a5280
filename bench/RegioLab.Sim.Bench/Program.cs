using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using RegioLab.Sim.Bench;
using RegioLab.Sim.Bench.Durable;

// Usage (from the repository root; see docs/benchmarks.md):
//   dotnet run -c Release --project bench/RegioLab.Sim.Bench -- --filter '*' [--job short|medium|long|dry|default]
//   dotnet run -c Release --project bench/RegioLab.Sim.Bench -- --describe     (what the workloads hold)
//   dotnet run -c Release --project bench/RegioLab.Sim.Bench -- --stopwatch    (a quick Stopwatch experiment with breakdowns)
//   dotnet run -c Release --project bench/RegioLab.Sim.Bench -- --fold-loop 20 (folds for 20 s, for perf to sample)
//   dotnet run -c Release --project bench/RegioLab.Sim.Bench -- --grains [--tables N] [--seconds S] [--rate R] [--sync full|normal] [--store sqlite|postgres]
//     (durable commands through the grains of an in-process silo; not pinned: it uses every core)
//   dotnet run -c Release --project bench/RegioLab.Sim.Bench -- --balance [scenario] [games] [players] [repetitions]
//     (the balance report's speed: 1,000 games on every core, and one game per bot kind)
// Every BenchmarkDotNet job runs pinned to one core (affinity mask 1 = CPU 0).
if (args is ["--grains", .. var grainOptions])
{
    await DurableRun.RunAsync(RunOptions.Parse(grainOptions));
    return;
}

if (args is ["--describe", ..])
{
    Describe.Run();
    return;
}

if (args is ["--stopwatch", ..])
{
    Experiment.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30);
    return;
}

if (args is ["--balance", .. var balance])
{
    int Arg(int i, int fallback) => balance.Length > i ? int.Parse(balance[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    BalanceTiming.Run(balance.Length > 0 ? balance[0] : Workload.PreferredScenario, Arg(1, 1000), Arg(2, 5), Arg(3, 3));
    return;
}

if (args is ["--fold-loop", ..])
{
    Experiment.FoldLoop(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20);
    return;
}

var jobName = "default";
var rest = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--job" && i + 1 < args.Length)
    {
        jobName = args[++i].ToLowerInvariant();
    }
    else
    {
        rest.Add(args[i]);
    }
}

var job = jobName switch
{
    "default" => Job.Default,
    "short" => Job.ShortRun,
    "medium" => Job.MediumRun,
    "long" => Job.LongRun,
    "dry" => Job.Dry,
    _ => throw new ArgumentException($"unknown job '{jobName}': use default, short, medium, long or dry"),
};

var config = DefaultConfig.Instance
    .AddJob(job.WithAffinity(1).WithId($"{jobName}-1core"))
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.OperationsPerSecond);

BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run([.. rest], config);

/// <summary>Prints what the workloads of the benchmarks hold.</summary>
internal static class Describe
{
    public static void Run()
    {
        var scenario = Workload.LoadScenario();
        var rules = new RegioLab.Sim.Scenarios.Rules.TableRules(scenario);
        Console.WriteLine($"scenario {scenario.Id}: {scenario.Rounds.Count} rounds x {scenario.Rounds.Phases.Length} phases, {scenario.Actions.Length} actions");

        var commands = Workload.Commands(rules, RulesBenchmarks.CommandCount);
        Console.WriteLine($"{commands.Length} recorded commands: " +
            string.Join(", ", commands.GroupBy(c => c.Command.GetType().Name).Select(g => $"{g.Key}={g.Count()}")));

        var (longRules, log, seed) = Workload.LongGame(scenario, RulesBenchmarks.FoldEventCount);
        Console.WriteLine($"long session: seed {seed}, {log.Count} events in one game, the first {RulesBenchmarks.FoldEventCount} folded: " +
            string.Join(", ", log.Take(RulesBenchmarks.FoldEventCount).GroupBy(e => e.GetType().Name).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}={g.Count()}")));

        var (state, seat) = Workload.MidGame(rules);
        Console.WriteLine($"view: seat {seat} ({state.RoleOf(seat)}), {state.Flow}, version {state.Version}, " +
            $"{state.Proposals.Count} open proposals, ballot {(state.Ballot is null ? "none" : "open")}, dilemma {state.OpenDilemma ?? "none"}");
    }
}
