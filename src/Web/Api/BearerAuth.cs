using Microsoft.AspNetCore.Http.HttpResults;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// The REST calls that need a key read it from <c>Authorization: Bearer …</c> here: the facilitator's
/// (exports, debrief, delete, key rotation) and a player's seat token (/api/me, /api/debrief/me). A
/// missing one is 401, a wrong one 403, and neither refusal says anything of the workshop.
/// </summary>
public static class BearerAuth
{
    private const string Scheme = "Bearer ";

    /// <summary>Longer than this is no key or seat token of ours (both are far shorter).</summary>
    private const int MaxLength = 300;

    /// <summary>The value after <c>Bearer</c>, or null when the header is missing or empty.</summary>
    public static string? TokenOf(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && header[Scheme.Length..].Trim() is { Length: > 0 } value ? value : null;
    }

    /// <summary>The 401 for a missing key or token, with the challenge a client expects.</summary>
    public static JsonHttpResult<ApiError> Missing(HttpContext http, Rejection rejection)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Json(ApiError.Of(rejection), statusCode: StatusCodes.Status401Unauthorized);
    }

    public static JsonHttpResult<ApiError> Forbidden(Rejection rejection) =>
        TypedResults.Json(ApiError.Of(rejection), statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The workshop when the request carries its facilitator key, else the refusal to answer with.</summary>
    public static async Task<(WorkshopInfo? Info, JsonHttpResult<ApiError>? Refusal)> FacilitatorAsync(string workshopId, HttpContext http, IGrainFactory grains)
    {
        if (TokenOf(http) is not { } key)
        {
            return (null, Missing(http, Refusals.KeyMissing));
        }

        var workshop = grains.GetGrain<IWorkshopGrain>(workshopId);
        return workshopId.Length is 0 or > 100 || key.Length > MaxLength || !await workshop.IsFacilitatorAsync(key) || await workshop.GetAsync() is not { } info
            ? (null, Forbidden(Refusals.InvalidKey))
            : (info, null);
    }

    /// <summary>The player whose seat token the request carries, and their workshop; else the refusal to answer with.</summary>
    public static async Task<(WorkshopPlayer? Player, WorkshopInfo? Info, JsonHttpResult<ApiError>? Refusal)> SeatAsync(HttpContext http, IGrainFactory grains)
    {
        if (TokenOf(http) is not { } token)
        {
            return (null, null, Missing(http, Refusals.TokenMissing));
        }

        // A seat token is "{workshopId}.{playerId}.{secret}"; the workshop checks it against the hash it keeps.
        var parts = token.Split('.');
        if (token.Length > MaxLength || parts.Length != 3 || parts[0].Length is 0 or > 100)
        {
            return (null, null, Forbidden(Refusals.InvalidToken));
        }

        var workshop = grains.GetGrain<IWorkshopGrain>(parts[0]);
        return await workshop.FindPlayerAsync(token) is { } player && await workshop.GetAsync() is { } info
            ? (player, info, null)
            : (null, null, Forbidden(Refusals.InvalidToken));
    }
}
