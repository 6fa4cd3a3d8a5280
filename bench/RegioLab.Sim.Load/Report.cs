using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RegioLab.Sim.Load;

/// <summary>A measured stretch of a run: counters, latencies and /proc samples taken at its start and end.</summary>
public sealed class Window(Session session)
{
    private readonly long start = Stopwatch.GetTimestamp();
    private readonly Counters.Snapshot counts = session.Recorder.Counters.Take();
    private readonly ProcSample? server = session.ServerSample();
    private readonly ProcSample self = ProcSample.Of(Environment.ProcessId);

    public Result End()
    {
        var end = Stopwatch.GetTimestamp();
        var serverEnd = session.ServerSample();
        var selfEnd = ProcSample.Of(Environment.ProcessId);
        var seconds = (end - start) / (double)Stopwatch.Frequency;
        return new Result(
            session.Target.Name,
            session.Players,
            session.Tables,
            seconds,
            session.Recorder.Counters.Take().Minus(counts),
            Stats.Of(session.Recorder.Latencies(start, end)),
            Stats.Of(session.Recorder.Lateness(start, end)),
            server is { } s && serverEnd is { } e ? ProcSample.CpuPercent(s, e) : null,
            serverEnd?.PeakRssKb / 1024.0,
            serverEnd?.RssKb / 1024.0,
            ProcSample.CpuPercent(self, selfEnd),
            selfEnd.PeakRssKb / 1024.0,
            ProcSample.MachinePercent(self, selfEnd));
    }
}

/// <summary>Percentiles (nearest rank) of a set of milliseconds.</summary>
public sealed record Stats(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static Stats Of(double[] values)
    {
        if (values.Length == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(values);
        double At(double q) => values[Math.Clamp((int)Math.Ceiling(q * values.Length) - 1, 0, values.Length - 1)];
        return new Stats(values.Length, At(0.50), At(0.95), At(0.99), values[^1], values.Average());
    }
}

/// <summary>What one window measured.</summary>
public sealed record Result(
    string Target,
    int Players,
    int Tables,
    double Seconds,
    Counters.Snapshot Counts,
    Stats Latency,
    Stats TickLateness,
    double? ServerCpu,
    double? ServerPeakRssMb,
    double? ServerRssMb,
    double GeneratorCpu,
    double GeneratorPeakRssMb,
    double MachineBusy)
{
    /// <summary>Players behind their table after the run quiesced (lost updates).</summary>
    public int Lagging { get; set; }

    /// <summary>Fan-outs that never reached every player of the table.</summary>
    public int LostFanouts { get; set; }

    public double CommandsPerSecond => Counts.SentTotal / Seconds;

    public double AcceptedPerSecond => Counts.AcceptedTotal / Seconds;

    public double UpdatesPerSecond => Counts.Updates / Seconds;

    public double MeanUpdateBytes => Counts.Updates == 0 ? 0 : Counts.Bytes / (double)Counts.Updates;

    public long Refused => Counts.Refusals.Values.Sum();

    /// <summary>Server CPU time per accepted command (ms): what a command costs, whatever else runs on the machine.</summary>
    public double? ServerCpuMsPerCommand => ServerCpu is { } cpu && AcceptedPerSecond > 0 ? cpu * 10 / AcceptedPerSecond : null;

    /// <summary>Generator CPU time per update received (µs).</summary>
    public double GeneratorCpuUsPerUpdate => UpdatesPerSecond > 0 ? GeneratorCpu * 10_000 / UpdatesPerSecond : 0;
}

/// <summary>Tables for the console and for docs/benchmarks.md (Markdown).</summary>
public static class Report
{
    public static string Table(IReadOnlyList<Result> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| target | players | tables | s | cmds/s sent | accepted/s | refused | errors | p50 ms | p95 ms | p99 ms | max ms | updates/s | mean update B | out of order | lost | server CPU % | server peak RSS MB | generator CPU % | machine busy % | generator late p99 ms |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            text.AppendLine(Invariant(
                $"| {r.Target} | {r.Players:N0} | {r.Tables} | {r.Seconds:F0} | {r.CommandsPerSecond:F0} | {r.AcceptedPerSecond:F0} | {r.Refused} | {r.Counts.Errors} | {r.Latency.P50:F2} | {r.Latency.P95:F2} | {r.Latency.P99:F2} | {r.Latency.Max:F1} | {r.UpdatesPerSecond:F0} | {r.MeanUpdateBytes:F0} | {r.Counts.OutOfOrder} | {r.Lagging + r.LostFanouts} | {Opt(r.ServerCpu, "F0")} | {Opt(r.ServerPeakRssMb, "F0")} | {r.GeneratorCpu:F0} | {r.MachineBusy:F0} | {r.TickLateness.P99:F1} |"));
        }

        return text.ToString();
    }

    /// <summary>Ours over the bare hub, per percentile.</summary>
    public static string Ratio(Result ours, Result bare) => Invariant(
        $"| ours / bare SignalR | p50 {ours.Latency.P50 / bare.Latency.P50:F2}× | p95 {ours.Latency.P95 / bare.Latency.P95:F2}× | p99 {ours.Latency.P99 / bare.Latency.P99:F2}× | max {ours.Latency.Max / bare.Latency.Max:F2}× |");

    /// <summary>The median over rounds of each ratio, for runs of several rounds.</summary>
    public static string MedianRatio(IReadOnlyList<(Result Ours, Result Bare)> rounds) => Invariant(
        $"| median of {rounds.Count} rounds | p50 {Median(rounds.Select(r => r.Ours.Latency.P50 / r.Bare.Latency.P50)):F2}× | p95 {Median(rounds.Select(r => r.Ours.Latency.P95 / r.Bare.Latency.P95)):F2}× | p99 {Median(rounds.Select(r => r.Ours.Latency.P99 / r.Bare.Latency.P99)):F2}× | max {Median(rounds.Select(r => r.Ours.Latency.Max / r.Bare.Latency.Max)):F2}× |");

    /// <summary>The round whose p50 ratio is the median (the lower middle one of an even count).</summary>
    public static (Result? Ours, Result? Bare) MedianRound(IReadOnlyList<(Result Ours, Result Bare)> rounds)
    {
        var ordered = rounds.OrderBy(r => r.Ours.Latency.P50 / r.Bare.Latency.P50).ToList();
        var middle = ordered[(ordered.Count - 1) / 2];
        return (middle.Ours, middle.Bare);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>What the players sent, by kind, and why commands were refused.</summary>
    public static string Mix(Result r)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Command mix of {r.Target} ({r.Counts.SentTotal:N0} sent, {r.Counts.AcceptedTotal:N0} accepted):"));
        for (var i = 0; i < Counters.Kinds.Length; i++)
        {
            if (r.Counts.Sent[i] > 0)
            {
                text.AppendLine(Invariant($"  {Counters.Kinds[i],-20} sent {r.Counts.Sent[i],8:N0} ({100.0 * r.Counts.Sent[i] / r.Counts.SentTotal,5:F1} %)  accepted {r.Counts.Accepted[i],8:N0}"));
            }
        }

        foreach (var (code, n) in r.Counts.Refusals.Where(x => x.Value > 0).OrderByDescending(x => x.Value))
        {
            text.AppendLine(Invariant($"  refused {code}: {n:N0}"));
        }

        text.AppendLine(Invariant(
            $"  updates {r.Counts.Updates:N0}, versions not received one by one (a command of several events, or coalesced) {r.Counts.Skipped:N0}, duplicates {r.Counts.Duplicates:N0}, out of order {r.Counts.OutOfOrder:N0}, disconnects {r.Counts.Disconnects}, fan-out samples {r.Latency.Count:N0}, players behind after quiescing {r.Lagging}, fan-outs never completed {r.LostFanouts}"));
        text.AppendLine(Invariant(
            $"  server CPU per accepted command {Opt(r.ServerCpuMsPerCommand, "F3")} ms; generator CPU per update received {r.GeneratorCpuUsPerUpdate:F0} µs"));
        text.AppendLine(Invariant(
            $"  server RSS now {Opt(r.ServerRssMb, "F0")} MB, peak {Opt(r.ServerPeakRssMb, "F0")} MB; generator peak RSS {r.GeneratorPeakRssMb:F0} MB; scheduler lateness p50 {r.TickLateness.P50:F1} / p99 {r.TickLateness.P99:F1} / max {r.TickLateness.Max:F1} ms"));
        return text.ToString();
    }

    /// <summary>The must-targets of the issue, checked against a run of ours and the bare hub in the same run.</summary>
    public static string Targets(Result ours, Result? bare)
    {
        var text = new StringBuilder();
        void Check(string what, bool met, string measured) => text.AppendLine($"  {(met ? "met   " : "MISSED")} {what}: {measured}");
        text.AppendLine(Invariant($"Targets at {ours.Players:N0} players:"));
        Check("0 errors", ours.Counts.Errors == 0, $"{ours.Counts.Errors}");
        Check("0 lost updates", ours.Lagging + ours.LostFanouts + ours.Counts.OutOfOrder == 0,
            Invariant($"{ours.Lagging} behind, {ours.LostFanouts} fan-outs incomplete, {ours.Counts.OutOfOrder} out of order"));
        Check("p99 <= 50 ms", ours.Latency.P99 <= 50, Invariant($"{ours.Latency.P99:F2} ms"));
        if (bare is not null)
        {
            Check("p50 <= 2x bare SignalR p50", ours.Latency.P50 <= 2 * bare.Latency.P50, Invariant($"{ours.Latency.P50:F2} ms vs 2 x {bare.Latency.P50:F2} ms"));
        }

        Check("server peak RSS <= 600 MB", ours.ServerPeakRssMb is <= 600, $"{Opt(ours.ServerPeakRssMb, "F0")} MB");
        Check("(aim) p50 <= 1.4 ms", ours.Latency.P50 <= 1.4, Invariant($"{ours.Latency.P50:F2} ms"));
        Check("(aim) p99 <= 15 ms", ours.Latency.P99 <= 15, Invariant($"{ours.Latency.P99:F2} ms"));
        return text.ToString();
    }

    private static string Opt(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
