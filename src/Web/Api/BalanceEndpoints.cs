using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Balance;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// REST: the balance report for the studio, as a job (docs/protocol.md). Bounded so it cannot starve
/// live tables: one report plays at a time per host on one thread of lowered priority, a few wait,
/// the games are capped, a report stops at a wall-clock cap, and starting one is rate-limited like the library.
/// </summary>
public static class BalanceEndpoints
{
    /// <summary>The most games one report may play (games × 3 bot kinds × player counts).</summary>
    public const int MaxGames = 2000;

    /// <summary>The request body holds a whole scenario file (1 MiB at most), escaped as a JSON string.</summary>
    private const long MaxBodyBytes = (2 * ScenarioLoader.MaxFileBytes) + 4096;

    private const string SourceName = "scenario.yaml";

    public static IServiceCollection AddBalanceApi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BalanceJobs>();
        return services;
    }

    public static IEndpointRouteBuilder MapBalanceApi(this IEndpointRouteBuilder app)
    {
        var balance = app.MapGroup("/api/scenarios/balance");
        balance.MapPost("/", StartAsync).RequireRateLimiting(ScenarioEndpoints.LibraryPolicy);
        balance.MapGet("/{jobId}", Status);
        balance.MapDelete("/{jobId}", Cancel).RequireRateLimiting(ScenarioEndpoints.LibraryPolicy);
        return app;
    }

    private static async Task<Results<Accepted<BalanceStarted>, JsonHttpResult<ApiError>, UnprocessableEntity<InvalidScenario>>> StartAsync(
        HttpContext http, IGrainFactory grains, BalanceJobs jobs)
    {
        var (request, unreadable) = await JsonBody.ReadAsync<BalanceRequest>(http, MaxBodyBytes);
        if (request is null)
        {
            return unreadable!;
        }

        string source;
        if (request.Source is { } text)
        {
            source = text;
        }
        else if (request.Scenario is { } reference)
        {
            if (await grains.GetGrain<IScenarioLibraryGrain>(0).GetSourceAsync(new ScenarioRef(reference.Id, reference.Version)) is not { } stored)
            {
                return Refuse(Refusals.UnknownScenario(reference.Id, reference.Version), StatusCodes.Status404NotFound);
            }

            source = stored;
        }
        else
        {
            return Refuse(Refusals.InvalidBody("give the scenario as source (YAML) or as scenario { id, version }"), StatusCodes.Status400BadRequest);
        }

        var loaded = ScenarioLoader.LoadText(source, SourceName);
        if (loaded.Scenario is not { } scenario)
        {
            var refusal = Refusals.InvalidScenario;
            return TypedResults.UnprocessableEntity(new InvalidScenario(refusal.Code, refusal.Message, refusal.Reason,
                [.. loaded.Diagnostics.Select(d => new DiagnosticView(d.Code, d.Severity == Severity.Error ? "error" : "warning", d.Line, d.Column, d.Message, d.Fix))]));
        }

        if (Settings(request, scenario) is not { } settings)
        {
            return Refuse(Refusals.InvalidBody($"games must be 1 to {MaxGames} and players a number from {scenario.Players.Min} to {scenario.Players.Max}, or \"all\""), StatusCodes.Status400BadRequest);
        }

        var total = settings.Games * BalanceRun.Kinds.Length * settings.Players.Length;
        if (total > MaxGames)
        {
            return Refuse(Refusals.BalanceTooLarge(total, MaxGames), StatusCodes.Status400BadRequest);
        }

        if (jobs.Start(scenario, settings) is not { } job)
        {
            return Refuse(Refusals.BalanceBusy(BalanceJobs.MaxActive), StatusCodes.Status429TooManyRequests);
        }

        return TypedResults.Accepted($"/api/scenarios/balance/{job.Id}", new BalanceStarted(job.Id));
    }

    private static Results<Ok<BalanceStatus>, JsonHttpResult<ApiError>> Status(string jobId, BalanceJobs jobs) =>
        jobs.Find(jobId) is { } job
            ? TypedResults.Ok(job.Status())
            : Refuse(Refusals.NoSuchBalanceJob, StatusCodes.Status404NotFound);

    private static Results<Ok<BalanceStatus>, JsonHttpResult<ApiError>> Cancel(string jobId, BalanceJobs jobs)
    {
        if (jobs.Find(jobId) is not { } job)
        {
            return Refuse(Refusals.NoSuchBalanceJob, StatusCodes.Status404NotFound);
        }

        job.Cancel();
        return TypedResults.Ok(job.Status());
    }

    /// <summary>The settings a request asks for, or null when games or players are out of range.</summary>
    private static BalanceSettings? Settings(BalanceRequest request, Scenario scenario)
    {
        var games = request.Games ?? 100;
        if (games < 1 || games > MaxGames)
        {
            return null;
        }

        ImmutableArray<int> all = [.. Enumerable.Range(scenario.Players.Min, scenario.Players.Max - scenario.Players.Min + 1)];
        ImmutableArray<int>? players = request.Players switch
        {
            null => all,
            { ValueKind: JsonValueKind.Null } => all,
            { ValueKind: JsonValueKind.String } p when p.GetString() == "all" => all,
            { ValueKind: JsonValueKind.Number } p when p.TryGetInt32(out var n) && n >= scenario.Players.Min && n <= scenario.Players.Max => [n],
            _ => null,
        };
        return players is { } counts ? new BalanceSettings(games, counts, request.Seed ?? 1, Parallelism: 1) : null;
    }

    private static JsonHttpResult<ApiError> Refuse(Rejection rejection, int status) => TypedResults.Json(ApiError.Of(rejection), statusCode: status);
}

/// <summary>POST /api/scenarios/balance: the scenario (its YAML, or a library version), games per bot kind and player count, the player count (a number, "all" or absent: all) and the seed.</summary>
public sealed record BalanceRequest(string? Source, BalanceScenarioRef? Scenario, int? Games, JsonElement? Players, ulong? Seed);

/// <summary>A library version to balance.</summary>
public sealed record BalanceScenarioRef(string Id, int Version);

/// <summary>202 to POST /api/scenarios/balance: the job to poll.</summary>
public sealed record BalanceStarted(string JobId);

/// <summary>GET /api/scenarios/balance/{jobId}: running, done (with the report), cancelled or failed (with why); progress 0–1.</summary>
public sealed record BalanceStatus(string State, double Progress, BalanceReport? Report, Text? Error);

/// <summary>
/// The balance jobs of this host: one plays at a time on its own thread of lowered priority, at most
/// <see cref="MaxActive"/> run or wait, each is stopped after <see cref="WallClock"/>, and a finished
/// job is kept for <see cref="Keep"/> for its page to fetch.
/// </summary>
public sealed class BalanceJobs(TimeProvider time)
{
    public const int MaxActive = 3;

    public static readonly TimeSpan WallClock = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, BalanceJob> jobs = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Lock gate = new();

    /// <summary>Starts a job, or null when <see cref="MaxActive"/> already run or wait.</summary>
    public BalanceJob? Start(Scenario scenario, BalanceSettings settings)
    {
        var now = time.GetUtcNow();
        foreach (var old in jobs.Values.Where(j => j.FinishedAt is { } at && now - at > Keep))
        {
            jobs.TryRemove(old.Id, out _);
        }

        BalanceJob job;
        lock (gate)
        {
            if (jobs.Values.Count(j => j.FinishedAt is null) >= MaxActive)
            {
                return null;
            }

            job = new BalanceJob(Guid.NewGuid().ToString("N"), time);
            jobs[job.Id] = job;
        }

        // A thread of its own, not the pool's: a report is seconds of pure CPU, and the pool serves the live tables.
        var thread = new Thread(() => Play(job, scenario, settings))
        {
            IsBackground = true,
            Priority = ThreadPriority.BelowNormal,
            Name = "balance report",
        };
        thread.Start();
        return job;
    }

    public BalanceJob? Find(string id) => jobs.GetValueOrDefault(id);

    private void Play(BalanceJob job, Scenario scenario, BalanceSettings settings)
    {
        try
        {
            turn.Wait(job.Cancelled);
        }
        catch (OperationCanceledException)
        {
            job.Finish(null, null);
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(WallClock, time);
            using var either = CancellationTokenSource.CreateLinkedTokenSource(job.Cancelled, timeout.Token);
            try
            {
                job.Finish(BalanceRun.Report(scenario, settings, job, either.Token), null);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !job.Cancelled.IsCancellationRequested)
            {
                job.Finish(null, new Text(
                    $"Het rapport duurde langer dan {WallClock.TotalSeconds:0} seconden en is gestopt; speel minder spellen.",
                    $"The report took longer than {WallClock.TotalSeconds:0} seconds and was stopped; play fewer games."));
            }
            catch (OperationCanceledException)
            {
                job.Finish(null, null);
            }
            catch (Exception e)
            {
                // A formula that fails at play time, say: the job says so instead of taking the host down.
                job.Finish(null, new Text($"Het rapport mislukte: {e.Message}", $"The report failed: {e.Message}"));
            }
        }
        finally
        {
            turn.Release();
        }
    }
}

/// <summary>One balance report being played: its progress, and in the end its report, its cancellation or its failure.</summary>
public sealed class BalanceJob(string id, TimeProvider time) : IProgress<double>
{
    private readonly CancellationTokenSource cancel = new();
    private double progress;
    private volatile BalanceStatus? final;

    public string Id => id;

    public CancellationToken Cancelled => cancel.Token;

    public DateTimeOffset? FinishedAt { get; private set; }

    public void Report(double value) => Volatile.Write(ref progress, value);

    public void Cancel() => cancel.Cancel();

    public void Finish(BalanceReport? report, Text? error)
    {
        final = report is not null ? new BalanceStatus("done", 1, report, null)
            : error is not null ? new BalanceStatus("failed", Volatile.Read(ref progress), null, error)
            : new BalanceStatus("cancelled", Volatile.Read(ref progress), null, null);
        FinishedAt = time.GetUtcNow();
    }

    public BalanceStatus Status() => final ?? new BalanceStatus(cancel.IsCancellationRequested ? "cancelled" : "running", Volatile.Read(ref progress), null, null);
}
