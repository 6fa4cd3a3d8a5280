using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Bench.Durable;

/// <summary>
/// <c>--grains</c>: durable commands per second through the session grains of one in-process silo,
/// and the latency of <c>ITableGrain.ExecuteAsync</c>. Only commands that were accepted and appended
/// at least one event count: their events were in the store before the answer came back. The first
/// seconds are a warm-up (JIT, first workshops, connection pools) and are not measured.
/// </summary>
internal static class DurableRun
{
    public static async Task RunAsync(RunOptions options)
    {
        Console.WriteLine($"machine: {Machine()}");
        Console.WriteLine($"run: {options.Describe()}");
        await using var silo = await BenchSilo.StartAsync(options);
        Console.WriteLine($"store: {silo.StoreDescription}");

        var runId = Guid.NewGuid().ToString("N")[..8];
        // Recorded before the clock starts: the replays of --store-only.
        IReadOnlyList<IReadOnlyList<TableEvent>>[] games = [];
        if (options.StoreOnly)
        {
            var rules = await silo.Catalog.GetAsync(TableDriver.Scenario, null);
            games = [.. Enumerable.Range(1, 8).Select(seed => StoreDriver.RecordGame(rules, options.Bots, (ulong)seed))];
        }

        var pacers = Enumerable.Range(0, options.Tables).Select(i => options.Rate is { } rate ? Pacer.For(i, options.Tables, rate) : null).ToArray();
        IDriver[] drivers;
        if (options.StoreOnly)
        {
            drivers = [.. Enumerable.Range(0, options.Tables).Select(i => new StoreDriver(i, runId, silo.Events, games[i % games.Length], pacers[i]))];
        }
        else
        {
            drivers = [.. Enumerable.Range(0, options.Tables).Select(i => new TableDriver(i, runId, silo.Grains, silo.Catalog, options, pacers[i], silo.Appends))];
        }

        // Every table's first workshop is set up, and partly played, before the clock starts; later ones are part of the run.
        var preparing = Stopwatch.GetTimestamp();
        await Task.WhenAll(drivers.Select(d => d.PrepareAsync()));
        Console.WriteLine($"first workshops set up and partly played in {Milliseconds(Stopwatch.GetTimestamp() - preparing):0} ms");
        var origin = Stopwatch.GetTimestamp();
        foreach (var pacer in pacers)
        {
            pacer?.Begin(origin);
        }

        using var stop = new CancellationTokenSource();
        var running = drivers.Select(d => Task.Run(() => d.RunAsync(stop.Token))).ToArray();
        var watched = new List<MachineSample>();
        var watching = WatchAsync(watched, stop.Token);
        // Drivers end only when stopped, so one that ends before is one that failed.
        var firstEnded = Task.WhenAny(running);

        var window = new Window(
            origin + Ticks(options.WarmupSeconds),
            origin + Ticks(options.WarmupSeconds + options.Seconds));
        Snapshot before, after;
        try
        {
            before = await SnapshotAtAsync(window.From, firstEnded, drivers, silo.Stopping);
            after = await SnapshotAtAsync(window.To, firstEnded, drivers, silo.Stopping);
        }
        catch (OperationCanceledException) when (silo.Stopping.IsCancellationRequested)
        {
            // Ctrl+C: stop the tables, then the silo; disposing it removes the database.
            stop.Cancel();
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(10)));
            Console.WriteLine("interrupted: no report");
            return;
        }

        stop.Cancel();
        await Task.WhenAll(running);
        await watching;

        Report(options, drivers, origin, window, before, after, [.. watched]);
    }

    private static void Report(RunOptions options, IDriver[] drivers, long origin, Window window, Snapshot before, Snapshot after, MachineSample[] watched)
    {
        var seconds = (double)(window.To - window.From) / Stopwatch.Frequency;
        var samples = drivers.SelectMany(d => d.Samples).Where(s => s.Start >= window.From && s.End <= window.To).ToArray();
        var commands = samples.Length;
        var events = samples.Sum(s => (long)s.Events);
        var latencies = samples.Select(s => Milliseconds(s.End - s.Start)).Order().ToArray();
        var rejections = drivers.SelectMany(d => d.Rejections).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        var cpu = (after.Cpu - before.Cpu).TotalSeconds;
        var elapsed = (double)(after.Timestamp - before.Timestamp) / Stopwatch.Frequency;
        var driverSeconds = (double)(after.DriverTicks - before.DriverTicks) / Stopwatch.Frequency;
        var setups = drivers.Aggregate((Ticks: 0L, Count: 0), (sum, d) => (sum.Ticks + d.Setups.Ticks, sum.Count + d.Setups.Count));

        Console.WriteLine();
        Console.WriteLine($"durable commands: {commands:N0} in {seconds:0.0} s = {commands / seconds:N0} commands/s (accepted, ≥ 1 event appended and stored before the answer)");
        Console.WriteLine($"events appended:  {events:N0} = {events / seconds:N0} events/s ({(double)events / Math.Max(1, commands):0.00} per command)");
        Console.WriteLine($"ExecuteAsync latency (ms): p50 {Percentile(latencies, 50):0.00}  p95 {Percentile(latencies, 95):0.00}  p99 {Percentile(latencies, 99):0.00}  p99.9 {Percentile(latencies, 99.9):0.00}  max {latencies.LastOrDefault():0.00}  mean {(latencies.Length == 0 ? 0 : latencies.Average()):0.00}");
        if (options.Rate is { } rate)
        {
            // Measured from the moment the schedule wanted the command sent, so a driver that falls
            // behind shows its backlog instead of hiding it (coordinated omission).
            var fromDue = samples.Select(s => Milliseconds(s.End - s.Due)).Order().ToArray();
            var interval = Stopwatch.Frequency * options.Tables / rate;
            var late = samples.Count(s => s.Start - s.Due > interval);
            var achieved = commands / seconds;
            var keptUp = achieved >= 0.95 * rate && late <= 0.01 * commands;
            Console.WriteLine($"latency from the due time (ms): p50 {Percentile(fromDue, 50):0.00}  p99 {Percentile(fromDue, 99):0.00}  max {fromDue.LastOrDefault():0.00}");
            Console.WriteLine($"open loop: asked {rate:N0} commands/s, achieved {achieved:N0}/s; {late:N0} commands left more than one interval ({interval / Stopwatch.Frequency * 1000:0} ms) late: " +
                (keptUp ? "kept up" : "COULD NOT KEEP UP"));
        }

        // Second by second from the start, warm-up included: shows whether the warm-up was long enough,
        // and whether other processes took the cores (this machine is shared).
        var total = (int)Math.Ceiling(options.WarmupSeconds + options.Seconds);
        var bySecond = drivers.SelectMany(d => d.Samples).Where(s => s.End >= origin && (s.End - origin) / Stopwatch.Frequency < total)
            .ToLookup(s => (int)((s.End - origin) / Stopwatch.Frequency));
        var counts = Enumerable.Range(0, total).Select(second => bySecond[second].Count());
        var worst = Enumerable.Range(0, total).Select(second => bySecond[second].Select(s => Milliseconds(s.End - s.Start)).DefaultIfEmpty(0).Max().ToString("0", CultureInfo.InvariantCulture));

        var watchedBySecond = Enumerable.Range(0, total).Select(second => watched.Where(w => (w.Timestamp - origin) / Stopwatch.Frequency == second).ToArray()).ToArray();
        string PerSecond(Func<MachineSample, MachineSample, double> value) =>
            string.Join(' ', watchedBySecond.Select(w => w.Length < 2 ? "-" : value(w[0], w[^1]).ToString("0.0", CultureInfo.InvariantCulture)));
        Console.WriteLine($"per second from the start (the first {options.WarmupSeconds:0.#} are warm-up):");
        Console.WriteLine($"  durable commands: {string.Join(' ', counts)}");
        Console.WriteLine($"  slowest ExecuteAsync (ms): {string.Join(' ', worst)}");
        Console.WriteLine($"  cores used by this process: {PerSecond((a, b) => (b.ProcessCpu - a.ProcessCpu).TotalSeconds / Seconds(b.Timestamp - a.Timestamp))}");
        Console.WriteLine($"  cores used by other processes: {PerSecond(OtherCores)}");
        Console.WriteLine($"  GC pauses (ms): {PerSecond((a, b) => (b.GcPause - a.GcPause).TotalMilliseconds * Seconds(Stopwatch.Frequency) / Seconds(b.Timestamp - a.Timestamp))}");
        Console.WriteLine($"rejections: {rejections.Values.Sum()}" + (rejections.Count == 0 ? string.Empty : $" ({string.Join(", ", rejections.Select(r => $"{r.Key} {r.Value}"))})") +
            $"; accepted without events: {drivers.Sum(d => d.Empty)}");
        Console.WriteLine($"whole run (set-up, warm-up, window and the last answers): {drivers.Sum(d => d.Samples.Count):N0} durable commands, {drivers.Sum(d => d.Samples.Sum(s => (long)s.Events)):N0} events");
        Console.WriteLine($"games: {drivers.Sum(d => d.GamesStarted):N0} started, {drivers.Sum(d => d.GamesFinished):N0} finished (whole run); setup (workshop + {TableDriver.Players} joins) mean {Milliseconds(setups.Ticks / Math.Max(1, setups.Count)):0.0} ms");
        var inWindow = watched.Where(w => w.Timestamp >= window.From && w.Timestamp <= window.To).ToArray();
        var others = inWindow.Length < 2 ? 0 : OtherCores(inWindow[0], inWindow[^1]);
        Console.WriteLine($"process CPU in the window: {cpu:0.0} s over {elapsed:0.0} s = {cpu / elapsed:0.00} of {Environment.ProcessorCount} cores; other processes: {others:0.00} cores; " +
            $"{cpu * 1e6 / Math.Max(1, commands):0} µs CPU per durable command; load generator (bots + folds) ≈ {driverSeconds:0.0} s of it");
        Console.WriteLine($"GC in the window: gen0 {after.Gen0 - before.Gen0}, gen1 {after.Gen1 - before.Gen1}, gen2 {after.Gen2 - before.Gen2}; allocated {(after.Allocated - before.Allocated) / 1e6 / elapsed:N0} MB/s; {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        // On a shared machine: the same figures over only the seconds in which the other processes
        // left this one the cores (under 0.2 of a core between them).
        var quietSeconds = Enumerable.Range(0, total)
            .Where(second => origin + Ticks(second) >= window.From && origin + Ticks(second + 1) <= window.To)
            .Where(second => watchedBySecond[second] is { Length: >= 2 } w && OtherCores(w[0], w[^1]) < 0.2)
            .ToHashSet();
        var quiet = samples.Where(s => quietSeconds.Contains((int)((s.End - origin) / Stopwatch.Frequency))).Select(s => Milliseconds(s.End - s.Start)).Order().ToArray();
        Console.WriteLine($"quiet seconds of the window (other processes < 0.2 cores): {quietSeconds.Count} of {(int)seconds}" + (quietSeconds.Count == 0 ? string.Empty :
            $"; in them {quiet.Length / (double)quietSeconds.Count:N0} commands/s, p50 {Percentile(quiet, 50):0.00}  p99 {Percentile(quiet, 99):0.00}  max {quiet.LastOrDefault():0.00} ms"));

        var pool = inWindow;
        if (pool.Length > 0)
        {
            Console.WriteLine($"thread pool in the window: {pool.Average(p => p.Threads):0.0} threads on average (max {pool.Max(p => p.Threads)}); " +
                $"queued work items {pool.Average(p => p.Queued):0} on average (max {pool.Max(p => p.Queued)})");
        }

        Console.WriteLine($"peak RSS (VmHWM): {PeakRssMegabytes():N0} MB");
        if (options.Breakdown)
        {
            ReportBreakdown(samples);
        }
        Console.WriteLine();
        Console.WriteLine("| tables | loop | store | GC | commands/s | events/s | p50 ms | p95 ms | p99 ms | max ms | rejections | CPU cores (others) | peak RSS MB |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {options.Tables} | {(options.Rate is { } r ? $"open, {r:0}/s" : "closed")} | {StoreName(options)} | {(GCSettings.IsServerGC ? "server" : "workstation")} | {commands / seconds:N0} | {events / seconds:N0} | " +
            $"{Percentile(latencies, 50):0.00} | {Percentile(latencies, 95):0.00} | {Percentile(latencies, 99):0.00} | {latencies.LastOrDefault():0.00} | " +
            $"{rejections.Values.Sum()} | {cpu / elapsed:0.00} ({others:0.00}) | {PeakRssMegabytes():N0} |"));
    }

    /// <summary>Where a command's latency goes: before the grain's append, the append itself, after it.</summary>
    private static void ReportBreakdown(CommandSample[] samples)
    {
        var timed = samples.Where(s => s.AppendStart != 0).ToArray();
        Console.WriteLine();
        Console.WriteLine($"breakdown of {timed.Length:N0} commands whose append was matched (ms):");
        Line("call → append starts (dispatch, decide, JSON)", timed.Select(s => Milliseconds(s.AppendStart - s.Start)));
        Line("append (writer queue, transaction, fsync)", timed.Select(s => Milliseconds(s.AppendEnd - s.AppendStart)));
        Line("append ends → answer (evolve, way back)", timed.Select(s => Milliseconds(s.End - s.AppendEnd)));
        Line("whole ExecuteAsync", timed.Select(s => Milliseconds(s.End - s.Start)));

        static void Line(string what, IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            Console.WriteLine($"  {what,-48} p50 {Percentile(sorted, 50),8:0.00}  p99 {Percentile(sorted, 99),8:0.00}  mean {(sorted.Length == 0 ? 0 : sorted.Average()),8:0.00}");
        }
    }

    /// <summary>
    /// Every 50 ms: the thread pool (the silo's grains, the writer and the drivers all run on it), this
    /// process's CPU time, the whole machine's busy time (/proc/stat) and the GC's pauses.
    /// </summary>
    private static async Task WatchAsync(List<MachineSample> samples, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        using var process = Process.GetCurrentProcess();
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                process.Refresh();
                var (busy, all) = MachineJiffies();
                samples.Add(new MachineSample(Stopwatch.GetTimestamp(), ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount, process.TotalProcessorTime, busy, all, GC.GetTotalPauseDuration()));
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>The cores that processes other than this one kept busy between two samples: the machine is shared.</summary>
    private static double OtherCores(MachineSample earlier, MachineSample later) =>
        Math.Max(0, later.MachineCores(earlier) - (later.ProcessCpu - earlier.ProcessCpu).TotalSeconds / Seconds(later.Timestamp - earlier.Timestamp));

    private static string StoreName(RunOptions options) =>
        options.Store == StoreKind.Sqlite ? $"SQLite, synchronous={options.Synchronous}" : "PostgreSQL";

    /// <summary>Waits until <paramref name="timestamp"/>, then reads the process's counters; throws when a driver fails or the run is interrupted first.</summary>
    private static async Task<Snapshot> SnapshotAtAsync(long timestamp, Task<Task> firstEnded, IDriver[] drivers, CancellationToken interrupted)
    {
        var wait = timestamp - Stopwatch.GetTimestamp();
        var delay = wait > 0 ? Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), interrupted) : Task.CompletedTask;
        if (await Task.WhenAny(firstEnded, delay) == firstEnded)
        {
            await await firstEnded;
            throw new InvalidOperationException("a table driver stopped before the run ended");
        }

        await delay;

        return Snapshot.Take(drivers);
    }

    private static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    /// <summary>The machine's busy and total CPU time so far, in clock ticks (the first line of /proc/stat; zeros elsewhere).</summary>
    private static (long Busy, long All) MachineJiffies()
    {
        const string path = "/proc/stat";
        if (!File.Exists(path))
        {
            return (0, 0);
        }

        // cpu user nice system idle iowait irq softirq steal ...
        var fields = File.ReadLines(path).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var all = fields.Take(8).Sum();
        return (all - fields[3] - fields[4], all);
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    /// <summary>The most resident memory the process has had (Linux; 0 elsewhere).</summary>
    private static long PeakRssMegabytes()
    {
        const string path = "/proc/self/status";
        var line = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : RuntimeInformation.OSDescription;
        return $"{Environment.ProcessorCount} cores ({model ?? RuntimeInformation.ProcessArchitecture.ToString()}), kernel {kernel}, {RuntimeInformation.FrameworkDescription}";
    }

    private readonly record struct Window(long From, long To);

    private readonly record struct MachineSample(long Timestamp, int Threads, long Queued, TimeSpan ProcessCpu, long MachineBusy, long MachineAll, TimeSpan GcPause)
    {
        /// <summary>The cores the whole machine kept busy since <paramref name="earlier"/>.</summary>
        public double MachineCores(MachineSample earlier) =>
            MachineAll == earlier.MachineAll ? 0 : (double)(MachineBusy - earlier.MachineBusy) / (MachineAll - earlier.MachineAll) * Environment.ProcessorCount;
    }

    /// <summary>The process's counters at one moment of the run.</summary>
    private sealed record Snapshot(long Timestamp, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, long Allocated, long DriverTicks)
    {
        public static Snapshot Take(IDriver[] drivers)
        {
            using var process = Process.GetCurrentProcess();
            return new Snapshot(
                Stopwatch.GetTimestamp(),
                process.TotalProcessorTime,
                GC.CollectionCount(0),
                GC.CollectionCount(1),
                GC.CollectionCount(2),
                GC.GetTotalAllocatedBytes(),
                drivers.Sum(d => d.DriverTicks));
        }
    }
}
