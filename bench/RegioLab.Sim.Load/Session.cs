using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace RegioLab.Sim.Load;

/// <summary>
/// One target under load: its server process (started here unless --url), the players, and the
/// scheduler that makes each of them send one command per interval.
/// </summary>
public sealed class Session : IAsyncDisposable
{
    private readonly List<PlayerClient> players = [];
    private readonly ServerProcess? server;
    private readonly string? workDir;
    private readonly Scheduler scheduler;

    private Session(ITarget target, Recorder recorder, ServerProcess? server, string? workDir, RunOptions options)
    {
        Target = target;
        Recorder = recorder;
        this.server = server;
        this.workDir = workDir;
        scheduler = new Scheduler(recorder, TimeSpan.FromMilliseconds(options.IntervalMs));
    }

    public ITarget Target { get; }

    public Recorder Recorder { get; }

    public int Players => players.Count;

    public int Tables => Target.Tables.Count;

    public string? ServerLog => server?.LogPath;

    /// <summary>Starts the product server: a fresh SQLite file, free silo ports, rate limits off, durability as asked.</summary>
    public static async Task<Session> OursAsync(RunOptions options)
    {
        var recorder = new Recorder();
        if (options.Url is { } url)
        {
            return new Session(new ProductTarget(url, options.Pid, options, recorder), recorder, null, null, options);
        }

        var dir = Directory.CreateTempSubdirectory("regiolab-load-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "sqlite",
            ["Storage__Sqlite__Path"] = Path.Combine(dir, "load.db"),
            ["Storage__Sqlite__Synchronous"] = options.Sync,
            ["Silo__SiloPort"] = ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo__GatewayPort"] = ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Limits__JoinsPerMinute"] = "1000000",
            ["Limits__CreatesPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in options.ServerEnvironment)
        {
            environment[key] = value;
        }

        var server = await ServerProcess.StartAsync(options.ServerDll, Path.Combine(dir, "server.log"), environment);
        return new Session(new ProductTarget(server.Url, server.Pid, options, recorder), recorder, server, dir, options);
    }

    /// <summary>
    /// Starts the bare hub, or the durable floor (the same program with a fresh SQLite file in the
    /// session's folder, synchronous as --sync), with a payload file (a captured PlayerUpdate sized to
    /// ours), or a made-up one of --bytes.
    /// </summary>
    public static async Task<Session> FloorAsync(RunOptions options, bool durable, string? payload, int bytes)
    {
        var recorder = new Recorder();
        var (url, pid) = durable ? (options.DurableUrl, options.DurablePid) : (options.BareUrl, options.BarePid);
        if (url is not null)
        {
            return new Session(new BareTarget(url, pid, durable, options, recorder), recorder, null, null, options);
        }

        var dir = Directory.CreateTempSubdirectory(durable ? "regiolab-durable-" : "regiolab-bare-").FullName;
        var args = new List<string> { "--Bytes", bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (payload is not null)
        {
            args.AddRange(["--Payload", payload]);
        }

        if (durable)
        {
            args.AddRange(["--Durable", Path.Combine(dir, "floor.db"), "--Synchronous", options.Sync]);
        }

        var server = await ServerProcess.StartAsync(options.BareDll, Path.Combine(dir, "server.log"), new Dictionary<string, string>(), args);
        return new Session(new BareTarget(server.Url, server.Pid, durable, options, recorder), recorder, server, dir, options);
    }

    public async Task AddPlayersAsync(int count, CancellationToken cancel = default)
    {
        var added = await Target.AddPlayersAsync(count, cancel);
        players.AddRange(added);
        scheduler.Add(added);
        scheduler.Start();
    }

    public Window Begin() => new(this);

    /// <summary>
    /// Stops sending, waits for every answer, then for every player to reach its table's newest
    /// version. Returns the players still behind (lost updates) and the fan-outs never completed.
    /// </summary>
    public async Task<(int LaggingPlayers, int LostFanouts)> QuiesceAsync()
    {
        await scheduler.StopAsync();
        for (var i = 0; i < 300 && players.Any(p => p.Outstanding > 0); i++)
        {
            await Task.Delay(50);
        }

        var lagging = 0;
        for (var i = 0; i < 100; i++)
        {
            lagging = players.Count(p => p.Table is { } t && p.LastVersion < Target.Truth(t));
            if (lagging == 0)
            {
                break;
            }

            await Task.Delay(100);
        }

        var lost = Target.Tables.Sum(t => t.Expire(long.MaxValue));
        return (lagging, lost);
    }

    /// <summary>
    /// For a durable floor this tool started: the rows its log committed (and in how many commits) and
    /// the commands accepted over the whole session (equal when every acknowledged command is in the
    /// log); otherwise null.
    /// </summary>
    public async Task<LogCount?> LoggedAsync()
    {
        if (Target is not BareTarget { Durable: true } floor || server is null)
        {
            return null;
        }

        var (rows, commits) = await floor.CommittedAsync();
        return new LogCount(rows, commits, Recorder.Counters.Take().AcceptedTotal);
    }

    /// <summary>One real PlayerUpdate of ours (a second connection resumes a seat and keeps the update pushed to it).</summary>
    public async Task<string?> CaptureUpdateAsync()
    {
        if (Target is not ProductTarget { SampleToken: { } token } product)
        {
            return null;
        }

        await using var connection = PlayerClient.Connect(new Uri(product.Url, "/hubs/player"));
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("Update", u => first.TrySetResult(u.GetRawText()));
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("Resume", token, 0L);
        return await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The server's CPU time and memory, when its process is known.</summary>
    public ProcSample? ServerSample() => Target.Pid is { } pid ? ProcSample.Of(pid) : null;

    public async ValueTask DisposeAsync()
    {
        await scheduler.StopAsync();
        await Parallel.ForEachAsync(players, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (p, _) => await p.DisposeAsync());
        await Target.DisposeAsync();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (workDir is not null)
        {
            // The server's output outlives its folder (the database goes): it holds any warnings of the run.
            if (server is not null && File.Exists(server.LogPath))
            {
                File.Copy(server.LogPath, Path.Combine(Path.GetTempPath(), $"regiolab-load-{Target switch { BareTarget { Durable: true } => "durable", BareTarget => "bare", _ => "ours" }}-server.log"), overwrite: true);
            }

            Directory.Delete(workDir, recursive: true);
        }
    }

    /// <summary>
    /// Writes a PlayerUpdate of about <paramref name="bytes"/> for the bare hub: the captured one (a whole
    /// view), with headlines dropped, then (ours sends mostly deltas, smaller than a whole view) the view's
    /// fields from the last, or padding added.
    /// </summary>
    public static string WritePayload(string update, int bytes)
    {
        var root = JsonNode.Parse(update)!.AsObject();

        // Sized as the bare hub sends it: session id, version, view and summary.
        root.Remove("brief");
        root.Remove("after");
        var summary = root["summary"]!.AsObject();
        var headlines = summary["headlines"]!.AsArray();
        while (headlines.Count > 0 && root.ToJsonString().Length > bytes)
        {
            headlines.RemoveAt(headlines.Count - 1);
        }

        var view = root["view"]!.AsObject();
        foreach (var field in view.Select(f => f.Key).Where(f => f != "version").Reverse().ToList())
        {
            if (root.ToJsonString().Length <= bytes)
            {
                break;
            }

            view.Remove(field);
        }

        var missing = bytes - root.ToJsonString().Length - 14;
        if (missing > 0)
        {
            summary["padding"] = new string('x', missing);
        }

        var path = Path.Combine(Path.GetTempPath(), $"regiolab-bare-payload-{Environment.ProcessId}.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}

/// <summary>
/// Sends for every player once per interval, spread evenly: the interval is cut in 200 slots and
/// each player sits in a random one. One loop for all players keeps timers off the thread pool.
/// </summary>
public sealed class Scheduler(Recorder recorder, TimeSpan interval)
{
    private const int Slots = 200;

    private readonly List<PlayerClient>[] slots = [.. Enumerable.Range(0, Slots).Select(_ => new List<PlayerClient>())];
    private readonly Random random = new(20261128);
    private readonly CancellationTokenSource stop = new();
    private Task? running;

    public void Add(IEnumerable<PlayerClient> players)
    {
        lock (slots)
        {
            foreach (var player in players)
            {
                slots[random.Next(Slots)].Add(player);
            }
        }
    }

    public void Start() => running ??= Task.Run(() => RunAsync(stop.Token));

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running;
        }
    }

    private async Task RunAsync(CancellationToken cancel)
    {
        var step = interval.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond / Slots;
        var start = Stopwatch.GetTimestamp();
        for (long k = 0; !cancel.IsCancellationRequested; k++)
        {
            var due = start + (k * step);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancel);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var now = Stopwatch.GetTimestamp();
            recorder.Tick(now, now - due);
            PlayerClient[] sending;
            lock (slots)
            {
                sending = [.. slots[k % Slots]];
            }

            foreach (var player in sending)
            {
                player.Tick();
            }
        }
    }
}
