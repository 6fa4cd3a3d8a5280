using BenchmarkDotNet.Attributes;
using RegioLab.Sim.Scenarios.Replay;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Bench;

/// <summary>
/// The debrief's replay of a 10,000-event log of one table (8 seats, the stretched scenario of
/// <see cref="Workload.LongGame"/>): building the whole debrief (timeline, curves, roles, decisions,
/// the score explained) once, and one scrub step — fold to a version and build every seat's view.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private TableRules rules = null!;
    private LogEntry[] log = [];
    private TableReplay replay = null!;
    private long[] versions = [];
    private int next;

    [GlobalSetup]
    public void Setup()
    {
        var (stretched, events, _) = Workload.LongGame(Workload.LoadScenario(), RulesBenchmarks.FoldEventCount);
        rules = stretched;
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        log = [.. events.Take(RulesBenchmarks.FoldEventCount).Select((e, i) => new LogEntry(i + 1, e, start.AddSeconds(i)))];
        replay = new TableReplay(rules, log);

        // Scrub to versions spread over the whole log, each the worst case after its checkpoint.
        var random = new Random(1);
        versions = [.. Enumerable.Range(0, 256).Select(_ => (long)random.Next(1, log.Length + 1))];
    }

    /// <summary>The whole debrief of the log, built from nothing.</summary>
    [Benchmark]
    public TableReplay BuildDebrief() => new(rules, log);

    /// <summary>One scrub step: the state at a version and what every seat saw there.</summary>
    [Benchmark]
    public int ScrubStep()
    {
        var version = versions[next++ % versions.Length];
        var seen = replay.SeenByEverySeat(version);
        return seen.Length;
    }

    /// <summary>One seat's view at a version, for comparison with the live <see cref="Visibility.ForSeat"/>.</summary>
    [Benchmark]
    public SeatView SeenByOneSeat() => replay.SeenBy(0, versions[next++ % versions.Length]);
}
