using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RegioLab.Sim.Load;

/// <summary>The counts of one second of the run (by the Stopwatch's whole seconds).</summary>
public sealed class Second
{
    private readonly ConcurrentDictionary<string, long> refusals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> retries = new(StringComparer.Ordinal);
    private long sent;
    private long accepted;
    private long errors;
    private long drops;
    private long whole;

    public long SentCount => Interlocked.Read(ref sent);

    public long AcceptedCount => Interlocked.Read(ref accepted);

    public long Errors => Interlocked.Read(ref errors);

    public long Drops => Interlocked.Read(ref drops);

    public long Whole => Interlocked.Read(ref whole);

    public IReadOnlyDictionary<string, long> Refusals => new SortedDictionary<string, long>(refusals, StringComparer.Ordinal);

    public void Sent() => Interlocked.Increment(ref sent);

    public void Accepted() => Interlocked.Increment(ref accepted);

    public void Error() => Interlocked.Increment(ref errors);

    public void Dropped() => Interlocked.Increment(ref drops);

    public void WasWhole() => Interlocked.Increment(ref whole);

    public void Refused(string code) => refusals.AddOrUpdate(code, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> Retries => new SortedDictionary<string, long>(retries, StringComparer.Ordinal);

    public void Retried(string why) => retries.AddOrUpdate(why, 1, (_, n) => n + 1);
}

/// <summary>Counts by the second they happened in.</summary>
public sealed class Timeline
{
    private readonly ConcurrentDictionary<long, Second> seconds = new();

    public static long SecondOf(long timestamp) => timestamp / Stopwatch.Frequency;

    public Second Now() => At(Stopwatch.GetTimestamp());

    public Second At(long timestamp) => seconds.GetOrAdd(SecondOf(timestamp), _ => new Second());

    public Second? Get(long second) => seconds.GetValueOrDefault(second);
}

/// <summary>
/// Every drop of a player's connection, and the time from the drop to the first update of its own
/// seat at (or past) its table's newest known version after it resumed: when the player is whole again.
/// </summary>
public sealed class Reconnects
{
    private readonly Lock gate = new();
    private readonly List<(long DroppedAt, double Ms)> whole = [];
    private long drops;

    public long Drops => Interlocked.Read(ref drops);

    public void Dropped(long at, Timeline timeline)
    {
        Interlocked.Increment(ref drops);
        timeline.At(at).Dropped();
    }

    public void Whole(long droppedAt, long at, Timeline timeline)
    {
        lock (gate)
        {
            whole.Add((droppedAt, Recorder.Ms(at - droppedAt)));
        }

        timeline.At(at).WasWhole();
    }

    /// <summary>The reconnects of the drops in [from, to): count, p50, max, and how many were not whole within <paramref name="limitMs"/>.</summary>
    public ReconnectSummary Summarize(long from, long to, long dropsBefore, double limitMs = 5000)
    {
        double[] times;
        lock (gate)
        {
            times = [.. whole.Where(w => w.DroppedAt >= from && w.DroppedAt < to).Select(w => w.Ms)];
        }

        var dropped = Drops - dropsBefore;
        var stats = Stats.Of([.. times]);
        return new ReconnectSummary(dropped, times.Length, stats.P50, stats.Max, times.Count(t => t > limitMs) + Math.Max(0, dropped - times.Length));
    }
}

/// <summary>Drops in a window; of them, whole again; reconnect p50 and max (ms); not whole within 5 s (including never).</summary>
public sealed record ReconnectSummary(long Dropped, long Whole, double P50Ms, double MaxMs, long NotWholeWithin5s);

/// <summary>One second of the per-second series (T: seconds since the measured window began).</summary>
public sealed record SeriesRow(int T, long Sent, long Accepted, long Errors, IReadOnlyDictionary<string, long> Refusals, IReadOnlyDictionary<string, long> Retries, int Latencies, double P50, double P99, long Drops, long Whole);

/// <summary>
/// A fault the tool causes itself at a time into the measured window (--fault):
/// <c>kill:NAME@Ts</c> (kill -9 the cluster's process NAME, e.g. web-1 or silo-2, from the run folder's pids/NAME.pid),
/// <c>pg-stop:Ds@Ts</c> (the cluster's PostgreSQL stopped with pg_ctl for D s, then started as deploy/cluster.sh does),
/// <c>fill:PATH:Ds@Ts</c> (a file written into the folder PATH until its disk is full, deleted after D s).
/// </summary>
public sealed record Fault(string Kind, string Target, double Duration, double At)
{
    public static Fault Parse(string text)
    {
        var at = text.LastIndexOf('@');
        if (at < 0 || !text.EndsWith('s'))
        {
            throw new ArgumentException($"--fault '{text}': KIND:WHAT@SECONDSs, e.g. kill:web-1@20s, pg-stop:10s@15s, fill:/mnt/small:10s@15s");
        }

        var when = Seconds(text[(at + 1)..], text);
        var parts = text[..at].Split(':');
        return parts switch
        {
            ["kill", var name] when name.Length > 0 && !name.Contains('/') => new Fault("kill", name, 0, when),
            ["pg-stop", var d] => new Fault("pg-stop", "postgres", Seconds(d, text), when),
            ["fill", var path, var d] => new Fault("fill", path, Seconds(d, text), when),
            _ => throw new ArgumentException($"--fault '{text}': kinds are kill:NAME, pg-stop:DURATIONs, fill:FOLDER:DURATIONs"),
        };
    }

    public override string ToString() => Kind switch
    {
        "kill" => Invariant($"kill -9 {Target} at {At:0.#} s"),
        "pg-stop" => Invariant($"PostgreSQL stopped {Duration:0.#} s from {At:0.#} s"),
        _ => Invariant($"disk of {Target} full {Duration:0.#} s from {At:0.#} s"),
    };

    private static double Seconds(string value, string text) =>
        value.EndsWith('s') && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0
            ? s
            : throw new ArgumentException($"--fault '{text}': '{value}' is not a number of seconds such as 15s");

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Runs the faults of a window at their times and undoes what can be undone (PostgreSQL started
/// again, the filler deleted) when their time is up or the run ends, whichever comes first.
/// </summary>
public sealed class FaultRunner(IReadOnlyList<Fault> faults, string runFolder) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> running = [];
    private readonly ConcurrentQueue<string> log = new();

    /// <summary>When each fault began (Stopwatch timestamp), once it did.</summary>
    public ConcurrentDictionary<Fault, long> Began { get; } = new();

    public IEnumerable<string> Log => log;

    public void Start(long windowStart)
    {
        foreach (var fault in faults)
        {
            running.Add(Task.Run(() => RunAsync(fault, windowStart, stop.Token)));
        }
    }

    private async Task RunAsync(Fault fault, long windowStart, CancellationToken cancel)
    {
        var due = windowStart + (long)(fault.At * Stopwatch.Frequency);
        var wait = (due - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency;
        try
        {
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait), cancel);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            switch (fault.Kind)
            {
                case "kill":
                    Kill(fault);
                    break;
                case "pg-stop":
                    await PgStopAsync(fault, cancel);
                    break;
                default:
                    await FillAsync(fault, cancel);
                    break;
            }
        }
        catch (Exception e)
        {
            Say($"{fault}: FAILED {e.GetType().Name} {e.Message}");
        }
    }

    private void Kill(Fault fault)
    {
        var file = Path.Combine(runFolder, "pids", fault.Target + ".pid");
        var fields = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pid = int.Parse(fields[0], CultureInfo.InvariantCulture);

        // Only the process the cluster script recorded: same PID and the same start time (as cluster.sh checks).
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var started = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        if (fields.Length > 1 && started != fields[1])
        {
            throw new InvalidOperationException($"pid {pid} is no longer {fault.Target} (start time {started}, recorded {fields[1]})");
        }

        Began[fault] = Stopwatch.GetTimestamp();
        Process.GetProcessById(pid).Kill();
        Say($"{fault}: killed pid {pid}");
    }

    private async Task PgStopAsync(Fault fault, CancellationToken cancel)
    {
        var env = ClusterEnv();
        var bin = env.GetValueOrDefault("PG_BIN") ?? throw new InvalidOperationException("the cluster's PostgreSQL is not its own (REGIOLAB_POSTGRES): no PG_BIN in cluster.env");
        var folder = env["PG_FOLDER"];
        var port = env["POSTGRES"].Split(';').Select(p => p.Split('=', 2)).First(p => p[0].Trim() == "Port")[1];
        Began[fault] = Stopwatch.GetTimestamp();
        await PgCtlAsync(bin, "stop", "-D", $"{folder}/data", "-m", "fast", "-s");
        Say(Invariant($"{fault}: pg_ctl stop -m fast returned after {Since(Began[fault]):F2} s"));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(fault.Duration), cancel);
        }
        catch (OperationCanceledException)
        {
        }

        // As deploy/cluster.sh starts it; the new postmaster's PID goes where `cluster.sh stop` looks for it.
        await PgCtlAsync(bin, "start", "-D", $"{folder}/data", "-l", $"{folder}/server.log", "-w", "-t", "60", "-s",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300");
        var postmaster = File.ReadLines($"{folder}/data/postmaster.pid").First().Trim();
        var stat = File.ReadAllText($"/proc/{postmaster}/stat");
        await File.WriteAllTextAsync(Path.Combine(runFolder, "pids", "postgres.pid"), $"{postmaster} {stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19]}\n", CancellationToken.None);
        Say(Invariant($"{fault}: pg_ctl start returned {Since(Began[fault]):F2} s after the stop began (postmaster pid {postmaster})"));
    }

    private async Task FillAsync(Fault fault, CancellationToken cancel)
    {
        var filler = Path.Combine(fault.Target, $"regiolab-load-filler-{Environment.ProcessId}");
        Began[fault] = Stopwatch.GetTimestamp();
        long written = 0;
        try
        {
            await using (var file = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                var block = new byte[4096];
                try
                {
                    while (true)
                    {
                        file.Write(block);
                        written += block.Length;
                    }
                }
                catch (IOException)
                {
                    // The disk is full (ENOSPC): what is written stays.
                }
            }

            Say(Invariant($"{fault}: {written / 1024:N0} KB written, the disk is full ({Since(Began[fault]):F2} s)"));
        }
        catch (IOException e)
        {
            Say($"{fault}: the filler ended with {e.Message} after {written / 1024:N0} KB (the disk is full)");
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(fault.Duration), cancel);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            File.Delete(filler);
            Say(Invariant($"{fault}: filler deleted {Since(Began[fault]):F2} s after the fill began"));
        }
    }

    private Dictionary<string, string> ClusterEnv() => Programs.ReadEnv(Path.Combine(runFolder, "cluster.env"));

    /// <summary>pg_ctl, as the postgres user when the tool runs as root (as deploy/cluster.sh does).</summary>
    private static Task PgCtlAsync(string bin, params string[] args) =>
        Environment.UserName == "root"
            ? Programs.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), .. args])
            : Programs.RunAsync(Path.Combine(bin, "pg_ctl"), args);

    private void Say(string line)
    {
        log.Enqueue(line);
        Console.WriteLine($"fault: {line}");
    }

    private static double Since(long at) => (Stopwatch.GetTimestamp() - at) / (double)Stopwatch.Frequency;

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(running);
        stop.Dispose();
    }
}

/// <summary>The per-second series of a window and what it says about the time after a fault.</summary>
public static class Series
{
    public static List<SeriesRow> Of(Recorder recorder, long start, long end)
    {
        var first = Timeline.SecondOf(start);
        var last = Timeline.SecondOf(end - 1);
        var latencies = recorder.LatenciesAt(start, end).ToLookup(l => Timeline.SecondOf(l.SentAt), l => l.Ms);
        var rows = new List<SeriesRow>();
        for (var s = first; s <= last; s++)
        {
            var c = recorder.Counters.Timeline.Get(s);
            var stats = Stats.Of([.. latencies[s]]);
            rows.Add(new SeriesRow((int)(s - first), c?.SentCount ?? 0, c?.AcceptedCount ?? 0, c?.Errors ?? 0,
                c?.Refusals ?? new Dictionary<string, long>(), c?.Retries ?? new Dictionary<string, long>(), stats.Count, stats.P50, stats.P99, c?.Drops ?? 0, c?.Whole ?? 0));
        }

        return rows;
    }

    /// <summary>Seconds in a row a p99 must stay at or under the limit to count as back.</summary>
    public const int Hold = 5;

    /// <summary>
    /// Seconds from the fault's second to the first second after it from which <see cref="Hold"/> seconds
    /// in a row (fewer only where the window ends) have fan-outs and a p99 (of the commands sent in them)
    /// at or under <paramref name="limitMs"/>; null if none.
    /// </summary>
    public static int? BackUnder(IReadOnlyList<SeriesRow> rows, int faultSecond, double limitMs)
    {
        // A second in which commands were sent but none was taken (all refused) is not back.
        var after = rows.Where(r => r.T > faultSecond && r.Sent > 0).ToList();
        for (var i = 0; i < after.Count; i++)
        {
            if (after.Skip(i).Take(Hold).All(r => r.Latencies > 0 && r.P99 <= limitMs))
            {
                return after[i].T - faultSecond;
            }
        }

        return null;
    }

    public static string Table(IReadOnlyList<SeriesRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| s | sent | accepted | errors | refused by code | sent again (as pages do) | fan-outs | p50 ms | p99 ms | drops | whole again |");
        text.AppendLine("| ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            var refused = Joined(r.Refusals);
            var retried = Joined(r.Retries);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.T} | {r.Sent} | {r.Accepted} | {r.Errors} | {refused} | {retried} | {r.Latencies} | {r.P50:F0} | {r.P99:F0} | {r.Drops} | {r.Whole} |"));
        }

        return text.ToString();
    }

    private static string Joined(IReadOnlyDictionary<string, long> counts) =>
        counts.Any(x => x.Value > 0) ? string.Join(", ", counts.Where(x => x.Value > 0).Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.Value} {x.Key}"))) : "–";
}

/// <summary>Tables checked in the store after the run; of them, those whose stored log ends before the version players were told; the versions missing.</summary>
public sealed record StoreCount(string Store, int Tables, int Behind, long Missing);

/// <summary>
/// After a run: does the store hold every acknowledged event? Reads each table's last stored version
/// (<c>events</c>: stream = table, version) with psql (the cluster's PostgreSQL, from the run folder's
/// cluster.env) or sqlite3 (a file), and compares it with the newest version any player or console was told.
/// </summary>
public static class StoreCheck
{
    /// <summary>--store-check: none, auto (the cluster's PostgreSQL when its run folder has one and a fault ran), postgres, or sqlite:PATH.</summary>
    public static async Task<StoreCount?> RunAsync(RunOptions options, IReadOnlyCollection<TableTrack> tables)
    {
        var env = Path.Combine(options.RunDir, "cluster.env");
        var check = options.StoreCheck == "auto" ? (options.Faults.Count > 0 && options.Url is not null && File.Exists(env) ? "postgres" : "none") : options.StoreCheck;
        if (check == "none" || tables.Count == 0)
        {
            return null;
        }

        const string Query = "select stream || '|' || max(version) from events group by stream";
        string output;
        if (check.StartsWith("sqlite:", StringComparison.Ordinal))
        {
            output = await Programs.RunAsync("sqlite3", ["-readonly", check["sqlite:".Length..], Query]);
        }
        else
        {
            var settings = Programs.ReadEnv(env);
            var parts = settings["POSTGRES"].Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1], StringComparer.OrdinalIgnoreCase);
            var psql = settings.TryGetValue("PG_BIN", out var bin) ? Path.Combine(bin, "psql") : "psql";
            output = await Programs.RunAsync(psql, ["-h", parts["Host"], "-p", parts["Port"], "-U", parts["Username"], "-d", parts["Database"], "-Atc", Query]);
        }

        var stored = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('|'))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var behind = tables.Select(t => t.Truth - stored.GetValueOrDefault(t.Name)).Where(gap => gap > 0).ToList();
        return new StoreCount(check, tables.Count, behind.Count, behind.Sum());
    }

}

/// <summary>The programs the faults and the store check run (pg_ctl, sqlite3, psql), and the cluster's settings file.</summary>
internal static class Programs
{
    /// <summary>Runs a program to its end; its output, or an exception with its exit code and error output.</summary>
    public static async Task<string> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
    }

    /// <summary>deploy/cluster.sh's cluster.env: KEY=VALUE lines, values perhaps in single quotes.</summary>
    public static Dictionary<string, string> ReadEnv(string path) => File.ReadAllLines(path)
        .Select(l => l.Split('=', 2))
        .Where(p => p.Length == 2)
        .ToDictionary(p => p[0], p => p[1].Trim('\''), StringComparer.Ordinal);
}
