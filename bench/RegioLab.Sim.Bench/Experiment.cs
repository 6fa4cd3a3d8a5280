using System.Diagnostics;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Bench;

/// <summary>
/// A quick Stopwatch experiment beside BenchmarkDotNet, pinned to CPU 0: the minimum and median of
/// repeated runs of each workload (the minimum is the least disturbed by other work on the machine),
/// and where a fold spends its time and memory, by event kind and by command kind.
/// </summary>
internal static class Experiment
{
    public static void Run(int repetitions)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            using var self = Process.GetCurrentProcess();
            self.ProcessorAffinity = 1;
        }

        var scenario = Workload.LoadScenario();
        var rules = new TableRules(scenario);
        var commands = Workload.Commands(rules, RulesBenchmarks.CommandCount);
        var (longRules, log, _) = Workload.LongGame(scenario, RulesBenchmarks.FoldEventCount);
        var events = log.Take(RulesBenchmarks.FoldEventCount).ToArray();
        var (viewState, viewSeat) = Workload.MidGame(rules);

        Time("decide+evolve, per command", repetitions, commands.Length, () =>
        {
            foreach (var c in commands)
            {
                var state = c.State;
                foreach (var e in rules.Decide(c.State, c.Actor, c.Command, c.Now).Events)
                {
                    state = rules.Evolve(state, e);
                }
            }
        });
        Time("decide only, per command", repetitions, commands.Length, () =>
        {
            foreach (var c in commands)
            {
                rules.Decide(c.State, c.Actor, c.Command, c.Now);
            }
        });
        Time("fold 10,000 events", repetitions, 1, () => longRules.Fold(events));
        Time("view for one seat", repetitions, 1000, () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                Visibility.ForSeat(rules, viewState, viewSeat);
            }
        });

        // Where the fold goes: the time and bytes of each Evolve, summed by event kind (best of 5 passes).
        var byKind = new Dictionary<string, (long Ticks, long Bytes, int Count)>();
        for (var pass = 0; pass < 5; pass++)
        {
            var state = longRules.Initial();
            var passKinds = new Dictionary<string, (long Ticks, long Bytes, int Count)>();
            foreach (var e in events)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                state = longRules.Evolve(state, e);
                var ticks = Stopwatch.GetTimestamp() - start;
                bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
                var kind = e.GetType().Name;
                var (t, b, n) = passKinds.GetValueOrDefault(kind);
                passKinds[kind] = (t + ticks, b + bytes, n + 1);
            }

            foreach (var (kind, value) in passKinds)
            {
                byKind[kind] = byKind.TryGetValue(kind, out var best) && best.Ticks <= value.Ticks ? best : value;
            }
        }

        var totalTicks = byKind.Values.Sum(v => v.Ticks);
        var totalBytes = byKind.Values.Sum(v => v.Bytes);
        Console.WriteLine($"fold by event kind (best of 5 passes; {Ms(totalTicks):0.00} ms, {totalBytes / 1024.0 / 1024:0.00} MiB in all):");
        foreach (var (kind, (ticks, bytes, count)) in byKind.OrderByDescending(p => p.Value.Ticks))
        {
            Console.WriteLine($"  {kind,-20} {count,5} events  {Ms(ticks),7:0.00} ms ({100.0 * ticks / totalTicks,4:0}%)  {Ms(ticks) * 1e6 / count,7:0} ns/event  {bytes / (double)count,7:0} B/event");
        }

        // Where decide+evolve goes, by command kind (best of 5 passes).
        var byCommand = new Dictionary<string, (long Ticks, long Bytes, int Count)>();
        for (var pass = 0; pass < 5; pass++)
        {
            var passKinds = new Dictionary<string, (long Ticks, long Bytes, int Count)>();
            foreach (var c in commands)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                var state = c.State;
                foreach (var e in rules.Decide(c.State, c.Actor, c.Command, c.Now).Events)
                {
                    state = rules.Evolve(state, e);
                }

                var ticks = Stopwatch.GetTimestamp() - start;
                bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
                var kind = c.Command.GetType().Name;
                var (t, b, n) = passKinds.GetValueOrDefault(kind);
                passKinds[kind] = (t + ticks, b + bytes, n + 1);
            }

            foreach (var (kind, value) in passKinds)
            {
                byCommand[kind] = byCommand.TryGetValue(kind, out var best) && best.Ticks <= value.Ticks ? best : value;
            }
        }

        var commandTicks = byCommand.Values.Sum(v => v.Ticks);
        Console.WriteLine("decide+evolve by command kind (best of 5 passes):");
        foreach (var (kind, (ticks, bytes, count)) in byCommand.OrderByDescending(p => p.Value.Ticks))
        {
            Console.WriteLine($"  {kind,-20} {count,5} commands  {100.0 * ticks / commandTicks,4:0}%  {Ms(ticks) * 1e6 / count,7:0} ns/command  {bytes / (double)count,7:0} B/command");
        }
    }

    /// <summary>Runs the fold over and over, for a sampling profiler (perf) to attach to.</summary>
    public static void FoldLoop(int seconds)
    {
        var (longRules, log, _) = Workload.LongGame(Workload.LoadScenario(), RulesBenchmarks.FoldEventCount);
        var events = log.Take(RulesBenchmarks.FoldEventCount).ToArray();
        var clock = Stopwatch.StartNew();
        var folds = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            longRules.Fold(events);
            folds++;
        }

        Console.WriteLine($"{folds} folds in {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static void Time(string name, int repetitions, int perRun, Action run)
    {
        // Warm up for a while, so that tiered compilation has promoted the hot code to tier 1
        // (with one core, the background JIT competes with the measured thread).
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warmup.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            run();
        }

        var samples = new double[repetitions];
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < repetitions; i++)
        {
            var start = Stopwatch.GetTimestamp();
            run();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / perRun;
        }

        bytes = (GC.GetAllocatedBytesForCurrentThread() - bytes) / repetitions / perRun;
        Array.Sort(samples);
        Console.WriteLine($"{name,-28} min {Show(samples[0]),10}  median {Show(samples[repetitions / 2]),10}  {bytes,9:N0} B/op");
    }

    private static string Show(double ns) => ns >= 1e6 ? $"{ns / 1e6:0.00} ms" : ns >= 1e3 ? $"{ns / 1e3:0.00} us" : $"{ns:0} ns";

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
