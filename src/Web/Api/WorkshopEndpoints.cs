using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>REST: creating workshops, joining them, their QR codes (docs/protocol.md).</summary>
public static class WorkshopEndpoints
{
    public const string CreatePolicy = "create";

    /// <summary>
    /// Per client address: workshops created per minute; look-ups of join codes that do not exist per
    /// minute (<see cref="JoinCodeGuard"/>). Both from <see cref="LimitsOptions"/>, bound and checked at start.
    /// </summary>
    public static IServiceCollection AddWorkshopRateLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>()
            .BindConfiguration(LimitsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((o, limits) =>
        {
            o.AddPolicy(CreatePolicy, http => PerAddress(http, limits.Value.CreatesPerMinute));
        });
        services.AddSingleton<JoinCodeGuard>();
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsJsonAsync(ApiError.Of(Refusals.TooManyRequests), token);
            };
        });
    }

    public static IEndpointRouteBuilder MapWorkshopApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/workshops", CreateAsync).RequireRateLimiting(CreatePolicy);
        api.MapGet("/join/{code}", InfoAsync);
        api.MapPost("/join/{code}", JoinAsync);
        api.MapGet("/join/{code}/qr.svg", QrAsync);
        api.MapFallback(() => TypedResults.NotFound(ApiError.Of(Refusals.NotFound)));
        return app;
    }

    private static async Task<Results<Created<CreateWorkshopResponse>, BadRequest<ApiError>, JsonHttpResult<ApiError>>> CreateAsync(
        IGrainFactory grains, JoinLinks links, HttpContext http)
    {
        var (request, unreadable) = await JsonBody.ReadAsync<CreateWorkshopRequest>(http);
        if (request is null)
        {
            return unreadable!;
        }

        var library = await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync();
        var versions = library.Where(e => e.Ref.Id == request.Scenario).ToArray();
        var entry = request.ScenarioVersion is { } wanted ? versions.FirstOrDefault(e => e.Ref.Version == wanted) : versions.MaxBy(e => e.Ref.Version);
        if (entry is null)
        {
            return TypedResults.BadRequest(ApiError.Of(Refusals.UnknownScenario(request.Scenario ?? string.Empty, request.ScenarioVersion)));
        }

        if (request.Tables is < 1 or > Limits.Tables)
        {
            return TypedResults.BadRequest(ApiError.Of(Refusals.InvalidTables));
        }

        var language = request.Language ?? "nl";
        if (language is not ("nl" or "en"))
        {
            return TypedResults.BadRequest(ApiError.Of(Refusals.InvalidLanguage));
        }

        var title = (request.Title ?? string.Empty).Trim();
        if (title.Length > Limits.TitleLength || title.Any(char.IsControl))
        {
            return TypedResults.BadRequest(ApiError.Of(Refusals.InvalidTitle));
        }

        var workshopId = Guid.NewGuid().ToString("N");
        var created = await grains.GetGrain<IWorkshopGrain>(workshopId).CreateAsync(
            new WorkshopSetup(entry.Ref, request.Tables, request.Rotation, language, title.Length > 0 ? title : language == "en" ? entry.Title.En : entry.Title.Nl,
                request.Seating ?? SeatingMode.Spread));
        return TypedResults.Created($"/facilitator/{workshopId}",
            new CreateWorkshopResponse(workshopId, created.JoinCode, created.FacilitatorKey, links.JoinUrl(http, created.JoinCode), created.Sessions));
    }

    private static async Task<Results<Ok<JoinInfo>, JsonHttpResult<ApiError>>> InfoAsync(string code, IGrainFactory grains, JoinCodeGuard guard, HttpContext http)
    {
        var (info, refusal) = await FindAsync(code, grains, guard, http);
        if (info is null)
        {
            return Refused(refusal!, http);
        }

        var title = (await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync()).FirstOrDefault(e => e.Ref == info.Scenario)?.Title;
        var seats = info.Seating == SeatingMode.Pick ? await grains.GetGrain<IWorkshopGrain>(info.WorkshopId).SeatsAsync() : [];
        return TypedResults.Ok(new JoinInfo(info.JoinCode, info.Title, info.Language, title ?? new Scenarios.Model.Text(info.Scenario.Id, info.Scenario.Id), info.Sessions.Length,
            info.Seating, seats));
    }

    private static async Task<Results<Ok<JoinResponse>, BadRequest<ApiError>, Conflict<ApiError>, JsonHttpResult<ApiError>>> JoinAsync(
        string code, IGrainFactory grains, LivePush push, JoinCodeGuard guard, HttpContext http)
    {
        var (request, unreadable) = await JsonBody.ReadAsync<JoinRequest>(http);
        if (request is null)
        {
            return unreadable!;
        }

        var (info, refusal) = await FindAsync(code, grains, guard, http);
        if (info is null)
        {
            return Refused(refusal!, http);
        }

        var workshop = grains.GetGrain<IWorkshopGrain>(info.WorkshopId);
        var joined = request.Table is { } table
            ? await workshop.JoinTableAsync(request.Name ?? string.Empty, table)
            : await workshop.JoinAsync(request.Name ?? string.Empty);
        if (joined is { Joined: true, Player: { } player, SeatToken: { } token, SessionId: { } session })
        {
            await push.WorkshopChangedAsync(info.WorkshopId);
            return TypedResults.Ok(new JoinResponse(token, info.WorkshopId, session, player.Table, player.Seat, player.PlayerId, player.Name));
        }

        var error = new ApiError(joined.Code ?? RefusalCodes.NoRoom, joined.Message ?? Refusals.NoRoom.Message, joined.Reason ?? Refusals.NoRoom.Reason);
        if (joined.Code is RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown)
        {
            // The table's store refused the seat: answered as ClusterFaults answers a store fault of any other call.
            http.Response.Headers.RetryAfter = ClusterFaults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Json(error, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return joined.Code is RefusalCodes.InvalidName or RefusalCodes.NoSuchTable ? TypedResults.BadRequest(error) : TypedResults.Conflict(error);
    }

    /// <summary>The QR code of the join link; with <c>?table=N</c>, of the link that seats a player at table N.</summary>
    private static async Task<Results<ContentHttpResult, BadRequest<ApiError>, JsonHttpResult<ApiError>>> QrAsync(
        string code, int? table, IGrainFactory grains, JoinLinks links, JoinCodeGuard guard, HttpContext http)
    {
        var (info, refusal) = await FindAsync(code, grains, guard, http);
        if (info is null)
        {
            return Refused(refusal!, http);
        }

        if (table is < 1 || table > info.Sessions.Length)
        {
            return TypedResults.BadRequest(ApiError.Of(Refusals.TablesNumbered(info.Sessions.Length)));
        }

        var url = links.JoinUrl(http, info.JoinCode);
        return TypedResults.Content(JoinLinks.QrSvg(table is { } t ? JoinLinks.ForTable(url, t) : url), "image/svg+xml");
    }

    /// <summary>
    /// The workshop of a join code; a code that does not exist counts against the address
    /// (<see cref="JoinCodeGuard"/>), and an address that guessed too often is not answered at all.
    /// </summary>
    public static async Task<(WorkshopInfo? Info, Rejection? Refusal)> FindAsync(string code, IGrainFactory grains, JoinCodeGuard guard, HttpContext? http)
    {
        var address = JoinCodeGuard.AddressOf(http);
        if (guard.IsBlocked(address))
        {
            return (null, Refusals.TooManyRequests);
        }

        var info = JoinCodes.Normalize(code) is { } normalized && await grains.GetGrain<IJoinCodeGrain>(normalized).GetWorkshopAsync() is { } workshopId
            ? await grains.GetGrain<IWorkshopGrain>(workshopId).GetAsync()
            : null;
        if (info is null)
        {
            guard.Failed(address);
            return (null, Refusals.NoSuchWorkshop);
        }

        return (info, null);
    }

    /// <summary>A refusal of <see cref="FindAsync"/> as HTTP: 404 for an unknown code, 429 (with Retry-After) when the address guessed too often.</summary>
    private static JsonHttpResult<ApiError> Refused(Rejection refusal, HttpContext http)
    {
        if (refusal.Code == RefusalCodes.TooManyRequests)
        {
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Json(ApiError.Of(refusal), statusCode: StatusCodes.Status429TooManyRequests);
        }

        return TypedResults.Json(ApiError.Of(refusal), statusCode: StatusCodes.Status404NotFound);
    }

    private static RateLimitPartition<string> PerAddress(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
