using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RegioLab.Sim.Load;

/// <summary>A measured stretch of a run: counters, latencies and /proc samples taken at its start and end.</summary>
public sealed class Window(Session session)
{
    private readonly long start = Stopwatch.GetTimestamp();
    private readonly long dropsBefore = session.Recorder.Counters.Reconnects.Drops;
    private readonly Counters.Snapshot counts = session.Recorder.Counters.Take();
    private readonly ProcSample? server = session.ServerSample();
    private readonly ProcSample self = ProcSample.Of(Environment.ProcessId);

    /// <summary>When the window began (Stopwatch timestamp).</summary>
    public long Start => start;

    /// <summary>When <see cref="End"/> was called.</summary>
    public long Ended { get; private set; }

    /// <summary>The drops of the window and how the players came back (call after the run quiesced).</summary>
    public ReconnectSummary Reconnects() => session.Recorder.Counters.Reconnects.Summarize(start, long.MaxValue, dropsBefore);

    public Result End()
    {
        var end = Stopwatch.GetTimestamp();
        Ended = end;
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

    /// <summary>The durable floor only: rows its log committed and commands accepted, over the whole session.</summary>
    public LogCount? Logged { get; set; }

    /// <summary>Second by second (sent, refusals by code, errors, p50/p99 of the commands sent in that second, drops, players whole again).</summary>
    public List<SeriesRow>? Series { get; set; }

    /// <summary>With --reconnect: the players whose connection dropped and how they came back.</summary>
    public ReconnectSummary? Reconnects { get; set; }

    /// <summary>After a run with --store-check: whether the store holds every acknowledged version.</summary>
    public StoreCount? Store { get; set; }

    /// <summary>With --fault: what the tool did, and what the series says about the time after it.</summary>
    public FaultOutcome? Fault { get; set; }

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
    public static string Table(IReadOnlyList<Result> results) => Markdown(
        ["target", "players", "tables", "s", "cmds/s sent", "accepted/s", "refused", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "updates/s", "mean update B", "out of order", "lost", "server CPU %", "server peak RSS MB", "generator CPU %", "machine busy %", "generator late p99 ms"],
        results,
        r => Invariant(
            $"| {r.Target} | {r.Players:N0} | {r.Tables} | {r.Seconds:F0} | {r.CommandsPerSecond:F0} | {r.AcceptedPerSecond:F0} | {r.Refused} | {r.Counts.Errors} | {r.Latency.P50:F2} | {r.Latency.P95:F2} | {r.Latency.P99:F2} | {r.Latency.Max:F1} | {r.UpdatesPerSecond:F0} | {r.MeanUpdateBytes:F0} | {r.Counts.OutOfOrder} | {r.Lagging + r.LostFanouts} | {Opt(r.ServerCpu, "F0")} | {Opt(r.ServerPeakRssMb, "F0")} | {r.GeneratorCpu:F0} | {r.MachineBusy:F0} | {r.TickLateness.P99:F1} |"));

    /// <summary>Ours over the other servers, one row per comparison: latency percentiles, server CPU per command, server peak RSS.</summary>
    public static string Ratios(IEnumerable<Ratio> ratios) => Markdown(
        ["ratio", "players", "p50", "p95", "p99", "max", "server CPU per cmd", "server peak RSS"],
        ratios,
        r => Invariant($"| {r.Label} | {r.Players:N0} | {r.P50:F2}× | {r.P95:F2}× | {r.P99:F2}× | {r.Max:F2}× | {Opt(r.CpuPerCommand, "F2")}× | {Opt(r.PeakRss, "F2")}× |"));

    /// <summary>A Markdown table: the first column left-aligned, the figures right-aligned.</summary>
    private static string Markdown<T>(string[] columns, IEnumerable<T> rows, Func<T, string> row)
    {
        var text = new StringBuilder();
        text.AppendLine($"| {string.Join(" | ", columns)} |");
        text.AppendLine($"| --- |{string.Concat(Enumerable.Repeat(" ---: |", columns.Length - 1))}");
        foreach (var r in rows)
        {
            text.AppendLine(row(r));
        }

        return text.ToString();
    }

    /// <summary>The round whose ours / durable floor p50 ratio (else ours / bare) is the median (the lower middle one of an even count).</summary>
    public static Round MedianRound(IReadOnlyList<Round> rounds)
    {
        var judged = rounds.Where(r => r.Ours is not null && (r.Durable ?? r.Bare) is not null).ToList();
        if (judged.Count == 0)
        {
            return rounds[0];
        }

        var ordered = judged.OrderBy(r => r.Ours!.Latency.P50 / (r.Durable ?? r.Bare)!.Latency.P50).ToList();
        return ordered[(ordered.Count - 1) / 2];
    }

    internal static double Median(IEnumerable<double> values)
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

    /// <summary>
    /// What every server must hold, whatever its speed: no errors, nothing lost or out of order. One
    /// line each, named by the server (CI counts these lines: one per server measured).
    /// </summary>
    public static string Correctness(Result r)
    {
        var text = new StringBuilder();
        Check(text, Invariant($"0 errors ({r.Target})"), r.Counts.Errors == 0, Invariant($"{r.Counts.Errors}"));
        Check(text, Invariant($"0 lost updates ({r.Target})"), r.Lagging + r.LostFanouts + r.Counts.OutOfOrder == 0,
            Invariant($"{r.Lagging} behind, {r.LostFanouts} fan-outs incomplete, {r.Counts.OutOfOrder} out of order"));
        if (r.Logged is { } logged)
        {
            Check(text, Invariant($"every accepted command in the log ({r.Target})"), logged.Rows == logged.Accepted,
                Invariant($"{logged.Rows:N0} rows committed in {logged.Commits:N0} commits, {logged.Accepted:N0} commands accepted"));
        }

        return text.ToString();
    }

    /// <summary>The targets of issue 17 for ours, against the durable floor and the bare hub of the same round.</summary>
    public static string Targets(Result ours, Result? durable, Result? bare)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Targets at {ours.Players:N0} players (issue 17; judged at 1,000 players, median of --repeat 3, on a quiet machine):"));
        if (durable is not null)
        {
            Check(text, "p50 <= 1.3x the durable floor's p50", ours.Latency.P50 <= 1.3 * durable.Latency.P50, Invariant($"{ours.Latency.P50:F2} ms vs 1.3 x {durable.Latency.P50:F2} ms"));
        }

        Check(text, "p99 <= 15 ms", ours.Latency.P99 <= 15, Invariant($"{ours.Latency.P99:F2} ms"));
        if (durable is not null)
        {
            Check(text, "p99 <= 2x the durable floor's p99", ours.Latency.P99 <= 2 * durable.Latency.P99, Invariant($"{ours.Latency.P99:F2} ms vs 2 x {durable.Latency.P99:F2} ms"));
        }

        if (bare is not null)
        {
            Check(text, "server CPU per command <= 2x the bare hub's", ours.ServerCpuMsPerCommand <= 2 * bare.ServerCpuMsPerCommand,
                $"{Opt(ours.ServerCpuMsPerCommand, "F3")} ms vs 2 x {Opt(bare.ServerCpuMsPerCommand, "F3")} ms");
            Check(text, "server peak RSS <= 1.5x the bare hub's", ours.ServerPeakRssMb <= 1.5 * bare.ServerPeakRssMb,
                $"{Opt(ours.ServerPeakRssMb, "F0")} MB vs 1.5 x {Opt(bare.ServerPeakRssMb, "F0")} MB");
        }

        return text.ToString();
    }

    /// <summary>The ramp's targets of issue 17 for ours: the knee at 8,000 players or more, p99 &lt;= 25 ms at 2,000.</summary>
    public static string RampTargets(IReadOnlyList<Result> ours, int? knee)
    {
        var text = new StringBuilder();
        text.AppendLine("Ramp targets (issue 17, on a quiet machine):");
        Check(text, "knee at >= 8,000 players", knee is { } at ? at >= 8000 : ours[^1].Players >= 8000,
            knee is { } k ? Invariant($"knee at {k:N0}") : Invariant($"no knee up to {ours[^1].Players:N0} players, where the ramp stopped"));
        if (ours.FirstOrDefault(r => r.Players == 2000) is { } at2000)
        {
            Check(text, "p99 <= 25 ms at 2,000 players", at2000.Latency.P99 <= 25, Invariant($"{at2000.Latency.P99:F1} ms"));
        }

        return text.ToString();
    }

    private static void Check(StringBuilder text, string what, bool met, string measured) =>
        text.AppendLine($"  {(met ? "met   " : "MISSED")} {what}: {measured}");

    private static string Opt(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What one round measured: each server that ran (null: not measured).</summary>
public sealed record Round(Result? Ours, Result? Durable, Result? Bare)
{
    /// <summary>Ours over the durable floor and over the bare hub, where both sides ran.</summary>
    public IEnumerable<Ratio> Ratios(string label)
    {
        if (Ours is null)
        {
            yield break;
        }

        if (Durable is not null)
        {
            yield return Ratio.Of($"{label}ours / durable floor", Ours, Durable);
        }

        if (Bare is not null)
        {
            yield return Ratio.Of($"{label}ours / bare SignalR", Ours, Bare);
        }
    }
}

/// <summary>Ours over another server: each figure of ours divided by the other's.</summary>
public sealed record Ratio(string Label, string Against, int Players, double P50, double P95, double P99, double Max, double? CpuPerCommand, double? PeakRss)
{
    public static Ratio Of(string label, Result ours, Result other) => new(
        label,
        other.Target,
        ours.Players,
        ours.Latency.P50 / other.Latency.P50,
        ours.Latency.P95 / other.Latency.P95,
        ours.Latency.P99 / other.Latency.P99,
        ours.Latency.Max / other.Latency.Max,
        ours.ServerCpuMsPerCommand / other.ServerCpuMsPerCommand,
        ours.ServerPeakRssMb / other.ServerPeakRssMb);

    /// <summary>The median of each ratio over rounds against the same server.</summary>
    public static Ratio Median(string label, IReadOnlyList<Ratio> rounds) => new(
        label,
        rounds[0].Against,
        rounds[0].Players,
        Report.Median(rounds.Select(r => r.P50)),
        Report.Median(rounds.Select(r => r.P95)),
        Report.Median(rounds.Select(r => r.P99)),
        Report.Median(rounds.Select(r => r.Max)),
        rounds.All(r => r.CpuPerCommand is not null) ? Report.Median(rounds.Select(r => r.CpuPerCommand!.Value)) : null,
        rounds.All(r => r.PeakRss is not null) ? Report.Median(rounds.Select(r => r.PeakRss!.Value)) : null);
}

/// <summary>The durable floor's log after a session: rows committed, the commits they took, and commands accepted (equal to the rows when none is missing).</summary>
public sealed record LogCount(long Rows, long Commits, long Accepted);

/// <summary>
/// A fault and the latency around it: p99 of the commands sent before it, in the 10 s from it and after
/// those; and how many seconds after it the per-second p99 came back, for good, at or under the limit
/// and at or under the p99 before the fault (null: not within the run).
/// </summary>
public sealed record FaultOutcome(
    IReadOnlyList<string> Log, double? At, double RecoverLimitMs, double P99Before, double P99First10s, double P99After, int? BackUnderLimitAfter, double WorstSecondBefore, int? BackUnderBeforeAfter)
{
    public static FaultOutcome Of(Recorder recorder, long start, long end, IReadOnlyList<SeriesRow> rows, long? began, IEnumerable<string> log, double limitMs)
    {
        if (began is not { } at)
        {
            return new FaultOutcome([.. log], null, limitMs, double.NaN, double.NaN, double.NaN, null, double.NaN, null);
        }

        var ten = at + (10 * Stopwatch.Frequency);
        var before = Stats.Of(recorder.Latencies(start, at)).P99;
        var second = (int)(Timeline.SecondOf(at) - Timeline.SecondOf(start));

        // The machine is shared: "back to where it was" is the worst per-second p99 of the seconds before the fault.
        var worstBefore = rows.Where(r => r.T < second && r.Latencies > 0).Select(r => r.P99).DefaultIfEmpty(double.NaN).Max();
        return new FaultOutcome(
            [.. log],
            (at - start) / (double)Stopwatch.Frequency,
            limitMs,
            before,
            Stats.Of(recorder.Latencies(at, Math.Min(ten, end))).P99,
            Stats.Of(recorder.Latencies(ten, end)).P99,
            Load.Series.BackUnder(rows, second, limitMs),
            worstBefore,
            Load.Series.BackUnder(rows, second, worstBefore));
    }

    public override string ToString()
    {
        if (At is not { } at)
        {
            return "fault: did not happen (see the lines above)";
        }

        static string Back(int? s) => s is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n} s after it") : "not within the run";
        return string.Create(CultureInfo.InvariantCulture,
            $"fault at {at:F1} s: p99 before {P99Before:F0} ms, in the 10 s from it {P99First10s:F0} ms, after those {P99After:F0} ms; per-second p99 back under {RecoverLimitMs:0} ms ({Load.Series.Hold} s in a row): {Back(BackUnderLimitAfter)}; back under the worst second before the fault ({WorstSecondBefore:F0} ms, {Load.Series.Hold} s in a row): {Back(BackUnderBeforeAfter)}");
    }
}
