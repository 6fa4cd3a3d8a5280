using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>REST: the scenario library, creating workshops, joining them, their QR codes (docs/protocol.md).</summary>
public static class WorkshopEndpoints
{
    public const string JoinPolicy = "join";
    public const string CreatePolicy = "create";

    /// <summary>Per client address: joins and creations per minute (Limits:JoinsPerMinute, Limits:CreatesPerMinute).</summary>
    public static IServiceCollection AddWorkshopRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var joins = configuration.GetValue("Limits:JoinsPerMinute", 30);
        var creates = configuration.GetValue("Limits:CreatesPerMinute", 10);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(JoinPolicy, http => PerAddress(http, joins));
            o.AddPolicy(CreatePolicy, http => PerAddress(http, creates));
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
        api.MapGet("/scenarios", ListScenariosAsync);
        api.MapPost("/workshops", CreateAsync).RequireRateLimiting(CreatePolicy);
        api.MapGet("/join/{code}", InfoAsync).RequireRateLimiting(JoinPolicy);
        api.MapPost("/join/{code}", JoinAsync).RequireRateLimiting(JoinPolicy);
        api.MapGet("/join/{code}/qr.svg", QrAsync);
        api.MapFallback(() => TypedResults.NotFound(ApiError.Of(Refusals.NotFound)));
        return app;
    }

    private static async Task<Ok<IEnumerable<object>>> ListScenariosAsync(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync())
            .Select(e => (object)new { id = e.Ref.Id, version = e.Ref.Version, title = e.Title, summary = e.Summary, builtIn = e.BuiltIn }));

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
            new WorkshopSetup(entry.Ref, request.Tables, request.Rotation, language, title.Length > 0 ? title : language == "en" ? entry.Title.En : entry.Title.Nl));
        return TypedResults.Created($"/facilitator/{workshopId}",
            new CreateWorkshopResponse(workshopId, created.JoinCode, created.FacilitatorKey, links.JoinUrl(http, created.JoinCode), created.Sessions));
    }

    private static async Task<Results<Ok<JoinInfo>, NotFound<ApiError>>> InfoAsync(string code, IGrainFactory grains) =>
        await FindAsync(code, grains) is { } info
            ? TypedResults.Ok(new JoinInfo(info.JoinCode, info.Title, info.Language, (await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync())
                .FirstOrDefault(e => e.Ref == info.Scenario)?.Title ?? new Scenarios.Model.Text(info.Scenario.Id, info.Scenario.Id), info.Sessions.Length))
            : NoSuchWorkshop();

    private static async Task<Results<Ok<JoinResponse>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>, JsonHttpResult<ApiError>>> JoinAsync(
        string code, IGrainFactory grains, LivePush push, HttpContext http)
    {
        var (request, unreadable) = await JsonBody.ReadAsync<JoinRequest>(http);
        if (request is null)
        {
            return unreadable!;
        }

        if (await FindAsync(code, grains) is not { } info)
        {
            return NoSuchWorkshop();
        }

        var joined = await grains.GetGrain<IWorkshopGrain>(info.WorkshopId).JoinAsync(request.Name ?? string.Empty);
        if (joined is { Joined: true, Player: { } player, SeatToken: { } token, SessionId: { } session })
        {
            await push.WorkshopChangedAsync(info.WorkshopId);
            return TypedResults.Ok(new JoinResponse(token, info.WorkshopId, session, player.Table, player.Seat, player.PlayerId, player.Name));
        }

        var error = new ApiError(joined.Code ?? RefusalCodes.NoRoom, joined.Message ?? Refusals.NoRoom.Message, joined.Reason ?? Refusals.NoRoom.Reason);
        return joined.Code switch
        {
            RefusalCodes.InvalidName => TypedResults.BadRequest(error),
            RefusalCodes.StorageUnavailable or RefusalCodes.StorageUnknown => TypedResults.Json(error, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => TypedResults.Conflict(error),
        };
    }

    private static async Task<Results<ContentHttpResult, NotFound<ApiError>>> QrAsync(string code, IGrainFactory grains, JoinLinks links, HttpContext http) =>
        await FindAsync(code, grains) is { } info
            ? TypedResults.Content(JoinLinks.QrSvg(links.JoinUrl(http, info.JoinCode)), "image/svg+xml")
            : NoSuchWorkshop();

    private static async Task<WorkshopInfo?> FindAsync(string code, IGrainFactory grains) =>
        JoinCodes.Normalize(code) is { } normalized && await grains.GetGrain<IJoinCodeGrain>(normalized).GetWorkshopAsync() is { } workshopId
            ? await grains.GetGrain<IWorkshopGrain>(workshopId).GetAsync()
            : null;

    private static NotFound<ApiError> NoSuchWorkshop() => TypedResults.NotFound(ApiError.Of(Refusals.NoSuchWorkshop));

    private static RateLimitPartition<string> PerAddress(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
