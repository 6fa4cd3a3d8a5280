using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RegioLab.Sim.Load;

// The load test of docs/benchmarks.md ("Load"): players per machine and fan-out latency, ours side
// by side with a bare SignalR hub. Run from the repository root:
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
    // Rounds of ours then the bare hub; the bare hub sends the update ours sent in the first round.
    var rounds = new List<(Result? Ours, Result? Bare)>();
    string? sample = null;
    for (var round = 1; round <= options.Repeat; round++)
    {
        if (options.Repeat > 1)
        {
            Console.WriteLine(Invariant($"round {round} of {options.Repeat}, load average {File.ReadAllText("/proc/loadavg").Trim()}"));
        }

        Result? ours = null;
        if (options.Ours)
        {
            (ours, var captured) = await MeasureAsync(options, bare: false, sample: null, bytes: 0);
            sample ??= captured;
            results.Add(ours);
        }

        Result? bare = null;
        if (options.Bare)
        {
            var bytes = options.Bytes ?? (ours is { MeanUpdateBytes: > 0 } ? (int)Math.Round(ours.MeanUpdateBytes) : 2048);
            (bare, _) = await MeasureAsync(options, bare: true, sample, bytes);
            results.Add(bare);
        }

        rounds.Add((ours, bare));
    }

    Console.WriteLine();
    Console.WriteLine(Report.Table(results));
    var pairs = rounds.Where(r => r.Ours is not null && r.Bare is not null).Select(r => (Ours: r.Ours!, Bare: r.Bare!)).ToList();
    foreach (var (ours, bare) in pairs)
    {
        Console.WriteLine(Report.Ratio(ours, bare));
    }

    if (pairs.Count > 1)
    {
        Console.WriteLine(Report.MedianRatio(pairs));
    }

    Console.WriteLine();
    foreach (var r in results)
    {
        Console.WriteLine(Report.Mix(r));
    }

    // The targets of the round whose p50 ratio is the median (the only round, usually).
    var (judged, against) = pairs.Count > 0 ? Report.MedianRound(pairs) : rounds[0];
    if (judged is not null)
    {
        Console.WriteLine(Report.Targets(judged, against));
    }
}
else
{
    string? sample = null;
    if (options.Ours)
    {
        (var steps, sample) = await RampAsync(options, bare: false, sample: null, bytes: 0);
        results.AddRange(steps);
    }

    if (options.Bare)
    {
        var oursMean = results.Where(r => r.Counts.Updates > 0).Select(r => r.MeanUpdateBytes).DefaultIfEmpty(2048).Average();
        (var steps, _) = await RampAsync(options, bare: true, sample, options.Bytes ?? (int)Math.Round(oursMean));
        results.AddRange(steps);
    }

    Console.WriteLine();
    Console.WriteLine(Report.Table(results));
    foreach (var target in results.Select(r => r.Target).Distinct())
    {
        var steps = results.Where(r => r.Target == target).ToList();
        var passed = steps.Where(Passes).Select(r => r.Players).DefaultIfEmpty(0).Max();
        var failed = steps.FirstOrDefault(r => !Passes(r));
        Console.WriteLine(failed is null
            ? Invariant($"{target}: no knee up to {steps[^1].Players:N0} players (p99 <= {options.P99Limit} ms, no errors at every step)")
            : Invariant($"{target}: knee at {failed.Players:N0} players (p99 {failed.Latency.P99:F1} ms, {failed.Counts.Errors} errors); the last step within limits had {passed:N0} players"));
    }
}

if (options.Json is { } json)
{
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
}

Console.WriteLine(Invariant($"done in {clock.Elapsed.TotalSeconds:F0} s"));
return 0;

bool Passes(Result r) => r.Latency.P99 <= options.P99Limit && r.Counts.Errors == 0;

// One target at a fixed number of players: warm up, measure, then quiesce and count what was lost.
static async Task<(Result Result, string? Sample)> MeasureAsync(RunOptions options, bool bare, string? sample, int bytes)
{
    await using var session = bare
        ? await Session.BareAsync(options, sample is null ? null : Session.WritePayload(sample, bytes), bytes)
        : await Session.OursAsync(options);
    Console.WriteLine(Invariant($"{session.Target.Name}: seating {options.Players:N0} players (server pid {session.Target.Pid}, log {session.ServerLog ?? "–"})"));
    var setup = Stopwatch.StartNew();
    await session.AddPlayersAsync(options.Players);
    Console.WriteLine(Invariant($"{session.Target.Name}: {session.Players:N0} players at {session.Tables} tables in {setup.Elapsed.TotalSeconds:F1} s; warming up {options.Warmup} s, measuring {options.Seconds} s"));
    await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
    var window = session.Begin();
    await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
    var result = window.End();
    var captured = bare ? null : await session.CaptureUpdateAsync();
    if (captured is not null)
    {
        var path = Path.Combine(Path.GetTempPath(), "regiolab-load-update.json");
        await File.WriteAllTextAsync(path, captured);
        Console.WriteLine($"ours: one player's update as sent, for reference: {path}");
    }

    (result.Lagging, result.LostFanouts) = await session.QuiesceAsync();
    Console.WriteLine(Invariant($"{session.Target.Name}: p50 {result.Latency.P50:F2} ms, p99 {result.Latency.P99:F2} ms, {result.Counts.Errors} errors{(session.Target is ProductTarget { Recycled: > 0 and var n } ? $", {n} finished workshops replaced" : "")}"));
    foreach (var error in session.Recorder.Counters.ErrorSamples)
    {
        Console.WriteLine($"  error: {error}");
    }

    return (result, captured);
}

// One target, more players at every step, until the p99 passes the limit or errors appear.
static async Task<(List<Result> Steps, string? Sample)> RampAsync(RunOptions options, bool bare, string? sample, int bytes)
{
    var steps = new List<Result>();
    await using var session = bare
        ? await Session.BareAsync(options, sample is null ? null : Session.WritePayload(sample, bytes), bytes)
        : await Session.OursAsync(options);
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
        captured ??= bare ? null : await session.CaptureUpdateAsync();
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
    return (steps, captured);
}

static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
