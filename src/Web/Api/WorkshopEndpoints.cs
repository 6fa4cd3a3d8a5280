using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>REST: the scenario library, creating workshops, joining them, their QR codes (docs/protocol.md).</summary>
public static class WorkshopEndpoints
{
    public const string JoinPolicy = "join";
    public const string CreatePolicy = "create";

    /// <summary>Per client address: joins and creations per minute (<see cref="LimitsOptions"/>, bound and checked at start).</summary>
    public static IServiceCollection AddWorkshopRateLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>()
            .BindConfiguration(LimitsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((o, limits) =>
        {
            o.AddPolicy(JoinPolicy, http => PerAddress(http, limits.Value.JoinsPerMinute));
            o.AddPolicy(CreatePolicy, http => PerAddress(http, limits.Value.CreatesPerMinute));
        });
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsJsonAsync(new ApiError("too_many_requests", "too many attempts from this address; wait a minute"), token);
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
        api.MapFallback(() => TypedResults.NotFound(new ApiError("not_found", "there is no such API path")));
        return app;
    }

    private static async Task<Ok<IEnumerable<object>>> ListScenariosAsync(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync())
            .Select(e => (object)new { id = e.Ref.Id, version = e.Ref.Version, title = e.Title, summary = e.Summary, builtIn = e.BuiltIn }));

    private static async Task<Results<Created<CreateWorkshopResponse>, BadRequest<ApiError>>> CreateAsync(
        CreateWorkshopRequest request, IGrainFactory grains, JoinLinks links, HttpContext http)
    {
        var library = await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync();
        var versions = library.Where(e => e.Ref.Id == request.Scenario).ToArray();
        var entry = request.ScenarioVersion is { } wanted ? versions.FirstOrDefault(e => e.Ref.Version == wanted) : versions.MaxBy(e => e.Ref.Version);
        if (entry is null)
        {
            return TypedResults.BadRequest(new ApiError("unknown_scenario", $"the library has no scenario '{request.Scenario}'{(request.ScenarioVersion is { } v ? $" version {v}" : "")}"));
        }

        if (request.Tables is < 1 or > WorkshopSetup.MaxTables)
        {
            return TypedResults.BadRequest(new ApiError("invalid_tables", $"a workshop has 1 to {WorkshopSetup.MaxTables} tables"));
        }

        var language = request.Language ?? "nl";
        if (language is not ("nl" or "en"))
        {
            return TypedResults.BadRequest(new ApiError("invalid_language", "the language is nl or en"));
        }

        var title = (request.Title ?? string.Empty).Trim();
        if (title.Length > WorkshopSetup.MaxTitleLength || title.Any(char.IsControl))
        {
            return TypedResults.BadRequest(new ApiError("invalid_title", $"a title has at most {WorkshopSetup.MaxTitleLength} characters"));
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
        string code, JoinRequest request, IGrainFactory grains, LivePush push)
    {
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

        var error = new ApiError(joined.Code ?? "not_joined", joined.Message ?? "could not join");
        return joined.Code switch
        {
            "invalid_name" => TypedResults.BadRequest(error),
            CommandCodes.StorageUnavailable or CommandCodes.StorageUnknown => TypedResults.Json(error, statusCode: StatusCodes.Status503ServiceUnavailable),
            _ => TypedResults.Conflict(error),
        };
    }

    private static async Task<Results<ContentHttpResult, NotFound<ApiError>>> QrAsync(string code, IGrainFactory grains, JoinLinks links, HttpContext http) =>
        await FindAsync(code, grains) is { } info
            ? TypedResults.Content(JoinLinks.QrSvg(links.JoinUrl(http, info.JoinCode)), "image/svg+xml")
            : NoSuchWorkshop();

    private static async Task<WorkshopInfo?> FindAsync(string code, IGrainFactory grains) =>
        JoinLinks.Normalize(code) is { } normalized && await grains.GetGrain<IJoinCodeGrain>(normalized).GetWorkshopAsync() is { } workshopId
            ? await grains.GetGrain<IWorkshopGrain>(workshopId).GetAsync()
            : null;

    private static NotFound<ApiError> NoSuchWorkshop() => TypedResults.NotFound(new ApiError("no_such_workshop", "there is no workshop with this code"));

    private static RateLimitPartition<string> PerAddress(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
