using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// What the AVG (GDPR) asks of the product (docs/privacy.md): a facilitator deletes a workshop now and
/// replaces a facilitator key that got out; a player sees and downloads what the workshop holds about them.
/// </summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/workshops/{workshopId}", DeleteAsync);
        app.MapPost("/api/workshops/{workshopId}/key", RotateKeyAsync);
        app.MapGet("/api/me", MeAsync);
        return app;
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> DeleteAsync(
        string workshopId, HttpContext http, IGrainFactory grains, ILoggerFactory loggers, TableFeed feed)
    {
        if (await BearerAuth.FacilitatorAsync(workshopId, http, grains) is (null, { } refusal))
        {
            return refusal;
        }

        try
        {
            await grains.GetGrain<IWorkshopGrain>(workshopId).DeleteAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The erasure is one transaction: it failed whole, and the facilitator may try again.
            loggers.CreateLogger(nameof(PrivacyEndpoints)).LogWarning(LogEvents.WorkshopDeleteFailed, e, "Workshop {Workshop} could not be deleted", workshopId);
            return TypedResults.Json(ApiError.Of(Refusals.StorageUnavailable), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // This host's copies of the tables (names, notes) go too, not at its next restart.
        feed.Forget(workshopId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<NewFacilitatorKey>, JsonHttpResult<ApiError>>> RotateKeyAsync(
        string workshopId, HttpContext http, IGrainFactory grains, ILoggerFactory loggers, IHubContext<FacilitatorHub, IFacilitatorClient> consoles)
    {
        if (await BearerAuth.FacilitatorAsync(workshopId, http, grains) is (null, { } refusal))
        {
            return refusal;
        }

        string? key;
        try
        {
            key = await grains.GetGrain<IWorkshopGrain>(workshopId).RotateKeyAsync(BearerAuth.TokenOf(http)!);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger(nameof(PrivacyEndpoints)).LogWarning(LogEvents.KeyRotationFailed, e, "Workshop {Workshop}: the facilitator key could not be replaced", workshopId);
            return TypedResults.Json(ApiError.Of(Refusals.StorageUnavailable), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // A key is shown once: no cache along the way may keep it.
        http.Response.Headers.CacheControl = "no-store";

        // Null only when another request replaced the key between the check and now.
        if (key is null)
        {
            return TypedResults.Json(ApiError.Of(Refusals.InvalidKey), statusCode: StatusCodes.Status403Forbidden);
        }

        // Consoles open on this host hear it now; any console, on any host, is refused its next command.
        loggers.CreateLogger(nameof(PrivacyEndpoints)).LogInformation(LogEvents.KeyRotated, "Workshop {Workshop}: the facilitator key was replaced", workshopId);
        await consoles.Clients.Group(Attendance.ConsoleRoom(workshopId)).KeyRotated();
        return TypedResults.Ok(new NewFacilitatorKey(key));
    }

    private static async Task<Results<Ok<PlayerData>, JsonHttpResult<ApiError>>> MeAsync(HttpContext http, IGrainFactory grains)
    {
        var (player, info, refusal) = await BearerAuth.SeatAsync(http, grains);
        if (player is null || info is null)
        {
            return refusal!;
        }

        var session = TableIds.For(info.WorkshopId, player.Table);
        var log = await grains.GetGrain<ITableGrain>(session).ReadSinceAsync(0);
        var mine = log.Select(e => Mine(e.Event, player.Seat) is { } own ? e with { Event = own } : null).OfType<LoggedEvent>();
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PlayerData(
            DateTimeOffset.UtcNow, info.WorkshopId, info.Title, info.CreatedAt, player.PlayerId, player.Name, session, player.Table, player.Seat, [.. mine]));
    }

    /// <summary>
    /// The seat's own events: what it did, said, voted and earned. Costs and effects keep the shared
    /// metrics and the resources of the role the seat held then, never another role's, as in the live
    /// view (<see cref="Scenarios.Views.Visibility"/>): this is the player's data, not the table's.
    /// </summary>
    internal static TableEvent? Mine(TableEvent e, int seat) => e switch
    {
        SeatTaken t when t.Seat == seat => t,
        SeatLeft l when l.Seat == seat => l,
        PresenceChanged p when p.Seat == seat => p,
        ActionTaken a when a.Seat == seat => a with { Changes = Own(a.Changes, a.Role) },
        ProposalMade m when m.Seat == seat => m with { Changes = Own(m.Changes, m.Role) },
        ProposalAnswered a when a.Seat == seat => a with { Changes = Own(a.Changes, a.Role) },
        BallotOpened b when b.Seat == seat => b with { Changes = Own(b.Changes, b.Role) },
        VoteCast v when v.Seat == seat => v,
        DilemmaResolved d when d.Seat == seat => d with { Changes = Own(d.Changes, null) },
        RoleSwapRequested r when r.Seat == seat => r,
        HandoverNoteWritten h when h.Seat == seat => h,
        ReflectionGiven r when r.Seat == seat => r,
        GoalScored g when g.Seat == seat => g,
        AchievementEarned a when a.Seat == seat => a,
        _ => null,
    };

    private static ImmutableArray<Change> Own(ImmutableArray<Change> changes, string? role) =>
        [.. changes.Where(c => !EffectTarget.IsResource(c.Target) || (role is not null && EffectTarget.IsResourceOf(c.Target, role)))];
}

/// <summary>A new facilitator key, shown only this once; the one it replaces no longer opens anything.</summary>
public sealed record NewFacilitatorKey(string FacilitatorKey);

/// <summary>What a workshop holds about one player (GET /api/me): who they are in it, and their own events of their table's log.</summary>
public sealed record PlayerData(
    DateTimeOffset ExportedAt,
    string WorkshopId,
    string Title,
    DateTimeOffset CreatedAt,
    string PlayerId,
    string Name,
    string SessionId,
    int Table,
    int Seat,
    ImmutableArray<LoggedEvent> Events);
