using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RegioLab.Sim.Load;

// The load test of docs/benchmarks.md ("Load"): players per machine and fan-out latency, ours side
// by side with the durable floor (a bare hub that commits each command to SQLite first) and a bare
// SignalR hub. Run from the repository root:
//   dotnet run -c Release --project bench/RegioLab.Sim.Load -- quick
//   dotnet run -c Release --project bench/RegioLab.Sim.Load -- run --players 1000 --seconds 60
//   dotnet run -c Release --project bench/RegioLab.Sim.Load -- ramp
RunOptions options;
try
{
    options = RunOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var clock = Stopwatch.StartNew();
Console.WriteLine(Invariant($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
Console.WriteLine($"regiolab-load {string.Join(' ', args)}");
var results = new List<Result>();

if (options.Mode is Mode.Quick or Mode.Run)
{
    // Rounds of ours, the durable floor, then the bare hub; the floors send the update ours sent in the first round.
    var rounds = new List<Round>();
    string? sample = null;
    for (var round = 1; round <= options.Repeat; round++)
    {
        if (options.Repeat > 1)
        {
            Console.WriteLine(Invariant($"round {round} of {options.Repeat}, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        }

        var measured = new Dictionary<Server, Result>();
        foreach (var server in options.Servers)
        {
            var bytes = options.Bytes ?? (measured.TryGetValue(Server.Ours, out var o) && o.MeanUpdateBytes > 0 ? (int)Math.Round(o.MeanUpdateBytes) : 2048);
            (var result, var captured) = await MeasureAsync(options, server, sample, bytes);
            sample ??= captured;
            measured[server] = result;
            results.Add(result);
        }

        rounds.Add(new Round(measured.GetValueOrDefault(Server.Ours), measured.GetValueOrDefault(Server.Durable), measured.GetValueOrDefault(Server.Bare)));
    }

    Console.WriteLine();
    Console.WriteLine(Report.Table(results));
    var ratios = rounds.SelectMany((r, i) => r.Ratios(options.Repeat > 1 ? Invariant($"round {i + 1}: ") : "")).ToList();
    if (ratios.Count > 0)
    {
        if (options.Repeat > 1)
        {
            ratios.AddRange(ratios.GroupBy(r => r.Against).Select(g => Ratio.Median(Invariant($"**median of {g.Count()} rounds: ours / {g.Key}**"), [.. g])));
        }

        Console.WriteLine(Report.Ratios(ratios));
    }

    foreach (var r in results)
    {
        Console.WriteLine(Report.Mix(r));
    }

    foreach (var r in results)
    {
        Console.Write(Report.Correctness(r));
    }

    Console.WriteLine();

    // The targets of the round whose p50 ratio is the median (the only round, usually).
    var judged = Report.MedianRound(rounds);
    if (judged.Ours is not null)
    {
        Console.WriteLine(Report.Targets(judged.Ours, judged.Durable, judged.Bare));
    }
}
else
{
    // Each server ramps in turn; the floors send a message of ours' mean size over its ramp.
    string? sample = null;
    var ramps = new Dictionary<Server, List<Result>>();
    foreach (var server in options.Servers)
    {
        var oursMean = results.Where(r => r.Counts.Updates > 0).Select(r => r.MeanUpdateBytes).DefaultIfEmpty(2048).Average();
        (var steps, var captured) = await RampAsync(options, server, sample, options.Bytes ?? (int)Math.Round(oursMean));
        sample ??= captured;
        ramps[server] = steps;
        results.AddRange(steps);
    }

    Console.WriteLine();
    Console.WriteLine(Report.Table(results));
    if (ramps.TryGetValue(Server.Ours, out var oursSteps))
    {
        // Step by step, where the other server reached the same number of players.
        var ratios = oursSteps.SelectMany(step => new Round(
            step,
            ramps.GetValueOrDefault(Server.Durable)?.FirstOrDefault(r => r.Players == step.Players),
            ramps.GetValueOrDefault(Server.Bare)?.FirstOrDefault(r => r.Players == step.Players)).Ratios("")).ToList();
        if (ratios.Count > 0)
        {
            Console.WriteLine(Report.Ratios(ratios.GroupBy(r => r.Against).SelectMany(g => g)));
        }
    }

    int? oursKnee = null;
    foreach (var (server, steps) in ramps)
    {
        var target = steps[0].Target;
        var passed = steps.Where(Passes).Select(r => r.Players).DefaultIfEmpty(0).Max();
        var failed = steps.FirstOrDefault(r => !Passes(r));
        if (server == Server.Ours)
        {
            oursKnee = failed?.Players;
        }

        Console.WriteLine(failed is null
            ? Invariant($"{target}: no knee up to {steps[^1].Players:N0} players (p99 <= {options.P99Limit} ms, no errors at every step)")
            : Invariant($"{target}: knee at {failed.Players:N0} players (p99 {failed.Latency.P99:F1} ms, {failed.Counts.Errors} errors); the last step within limits had {passed:N0} players"));
    }

    if (oursSteps is not null)
    {
        Console.WriteLine();
        Console.WriteLine(Report.RampTargets(oursSteps, oursKnee));
    }
}

if (options.Json is { } json)
{
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, new JsonSerializerOptions
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    }));
}

Console.WriteLine(Invariant($"done in {clock.Elapsed.TotalSeconds:F0} s"));
return 0;

bool Passes(Result r) => r.Latency.P99 <= options.P99Limit && r.Counts.Errors == 0;

// One target at a fixed number of players: warm up, measure, then quiesce and count what was lost.
static async Task<(Result Result, string? Sample)> MeasureAsync(RunOptions options, Server server, string? sample, int bytes)
{
    await using var session = await StartAsync(options, server, sample, bytes);
    Console.WriteLine(Invariant($"{session.Target.Name}: seating {options.Players:N0} players (server pid {session.Target.Pid}, log {session.ServerLog ?? "–"})"));
    var setup = Stopwatch.StartNew();
    await session.AddPlayersAsync(options.Players);
    Console.WriteLine(Invariant($"{session.Target.Name}: {session.Players:N0} players at {session.Tables} tables in {setup.Elapsed.TotalSeconds:F1} s; warming up {options.Warmup} s, measuring {options.Seconds} s"));
    await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
    var window = session.Begin();

    // The faults (ours only): caused by the tool at their times in the window, undone by the end of it at the latest.
    var faults = server == Server.Ours && options.Faults.Count > 0 ? new FaultRunner(options.Faults, options.RunDir) : null;
    faults?.Start(window.Start);
    Result result;
    try
    {
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        result = window.End();
    }
    finally
    {
        if (faults is not null)
        {
            await faults.DisposeAsync();
        }
    }

    var captured = await session.CaptureUpdateAsync();
    if (captured is not null)
    {
        var path = Path.Combine(Path.GetTempPath(), "regiolab-load-update.json");
        await File.WriteAllTextAsync(path, captured);
        Console.WriteLine($"ours: one player's update as sent, for reference: {path}");
    }

    (result.Lagging, result.LostFanouts) = await session.QuiesceAsync();
    result.Logged = await session.LoggedAsync();
    if (server == Server.Ours)
    {
        try
        {
            result.Store = await StoreCheck.RunAsync(options, session.Target.Tables);
        }
        catch (Exception e)
        {
            Console.WriteLine($"{session.Target.Name}: store check failed: {e.Message}");
        }
    }

    if (options.Series || options.Json is not null)
    {
        result.Series = Series.Of(session.Recorder, window.Start, window.Ended);
    }

    if (options.Reconnect && server == Server.Ours)
    {
        result.Reconnects = window.Reconnects();
    }

    if (faults is not null)
    {
        var began = faults.Began.Values.DefaultIfEmpty().Min();
        result.Fault = FaultOutcome.Of(session.Recorder, window.Start, window.Ended, result.Series!, began == 0 ? null : began, faults.Log, options.RecoverP99);
    }

    if (options.Series && result.Series is not null)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"{session.Target.Name}, second by second (s from the start of the measured window; latencies by the second the command was sent):"));
        Console.WriteLine(Series.Table(result.Series));
    }

    if (result.Reconnects is { } r)
    {
        Console.WriteLine(Invariant($"{session.Target.Name}: reconnects: {r.Dropped} connections dropped, {r.Whole} whole again (own view at the table's newest version), p50 {r.P50Ms:F0} ms, max {r.MaxMs:F0} ms, {r.NotWholeWithin5s} not whole within 5 s; sent again as the pages do: {string.Join(", ", session.Recorder.Counters.Retries.Select(x => $"{x.Value} {x.Key}").DefaultIfEmpty("none"))}"));
    }

    if (result.Store is { } store)
    {
        Console.WriteLine(Invariant($"{session.Target.Name}: store ({store.Store}): {store.Tables} tables, {store.Behind} whose stored log ends before the version players were told ({store.Missing} acknowledged versions missing)"));
    }

    if (result.Fault is { } f)
    {
        Console.WriteLine($"{session.Target.Name}: {f}");
    }

    Console.WriteLine(Invariant($"{session.Target.Name}: p50 {result.Latency.P50:F2} ms, p99 {result.Latency.P99:F2} ms, {result.Counts.Errors} errors{(session.Target is ProductTarget { Recycled: > 0 and var n } ? $", {n} finished workshops replaced" : "")}"));
    foreach (var slow in session.Recorder.SlowSamples)
    {
        Console.WriteLine($"  slow fan-out: {slow}");
    }

    foreach (var error in session.Recorder.Counters.ErrorSamples)
    {
        Console.WriteLine($"  error: {error}");
    }

    return (result, captured);
}

// One target, more players at every step, until the p99 passes the limit or errors appear.
static async Task<(List<Result> Steps, string? Sample)> RampAsync(RunOptions options, Server server, string? sample, int bytes)
{
    var steps = new List<Result>();
    await using var session = await StartAsync(options, server, sample, bytes);
    Console.WriteLine(Invariant($"{session.Target.Name}: ramp (server pid {session.Target.Pid}, log {session.ServerLog ?? "–"})"));
    string? captured = null;
    for (var players = options.From; players <= options.To; players += options.Step)
    {
        var setup = Stopwatch.StartNew();
        await session.AddPlayersAsync(players - session.Players);
        var seated = setup.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var window = session.Begin();
        await Task.Delay(TimeSpan.FromSeconds(options.StepSeconds));
        var result = window.End();
        steps.Add(result);
        captured ??= await session.CaptureUpdateAsync();
        Console.WriteLine(Invariant(
            $"{session.Target.Name}: {players,6:N0} players (seated in {seated:F1} s): {result.CommandsPerSecond:F0} cmds/s, p50 {result.Latency.P50:F2} ms, p99 {result.Latency.P99:F1} ms, max {result.Latency.Max:F0} ms, {result.Counts.Errors} errors, server CPU {result.ServerCpu:F0} %, generator CPU {result.GeneratorCpu:F0} %, server peak RSS {result.ServerPeakRssMb:F0} MB"));
        if (result.Latency.P99 > options.P99Limit || result.Counts.Errors > 0)
        {
            break;
        }
    }

    var (lagging, lost) = await session.QuiesceAsync();
    steps[^1].Lagging = lagging;
    steps[^1].LostFanouts = lost;
    steps[^1].Logged = await session.LoggedAsync();
    return (steps, captured);
}

// Ours, or a floor sending ours' captured update cut or padded to the given size.
static async Task<Session> StartAsync(RunOptions options, Server server, string? sample, int bytes) => server == Server.Ours
    ? await Session.OursAsync(options)
    : await Session.FloorAsync(options, durable: server == Server.Durable, sample is null ? null : Session.WritePayload(sample, bytes), bytes);

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
