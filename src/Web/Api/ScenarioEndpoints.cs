using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// REST: the scenario library (docs/protocol.md). Reading is open; validating is open and rate-limited;
/// writing (upload, fork, delete) needs the author key (<see cref="LibraryOptions"/>), or, with none set,
/// a request from this machine. Files are read as the validator reads them (at most 1 MiB of UTF-8).
/// </summary>
public static class ScenarioEndpoints
{
    public const string LibraryPolicy = "library";

    /// <summary>The file name diagnostics and the library use for a body that has none.</summary>
    private const string UploadName = "scenario.yaml";

    private static readonly string[] YamlMediaTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>The "Library" settings, bound and checked at start, and the per-address limit of validating and writing.</summary>
    public static IServiceCollection AddScenarioLibraryApi(this IServiceCollection services)
    {
        services.AddOptions<LibraryOptions>()
            .BindConfiguration(LibraryOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.HasValidKey, "Library:AuthorKey must be at least 16 characters (or not set: writes from this machine only)")
            .ValidateOnStart();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LibraryOptions>>((o, library) =>
            o.AddPolicy(LibraryPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = library.Value.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }

    public static IEndpointRouteBuilder MapScenarioApi(this IEndpointRouteBuilder app)
    {
        var scenarios = app.MapGroup("/api/scenarios");
        scenarios.MapGet("/", ListAsync);
        scenarios.MapGet("/{id}/{version:int}.yaml", SourceAsync);
        scenarios.MapPost("/validate", ValidateAsync).RequireRateLimiting(LibraryPolicy);
        scenarios.MapPost("/preview", PreviewAsync).RequireRateLimiting(LibraryPolicy);
        scenarios.MapPost("/", UploadAsync).RequireRateLimiting(LibraryPolicy);
        scenarios.MapPost("/{id}/{version:int}/fork", ForkAsync).RequireRateLimiting(LibraryPolicy);
        scenarios.MapDelete("/{id}/{version:int}", DeleteAsync).RequireRateLimiting(LibraryPolicy);
        return app;
    }

    private static async Task<Ok<IEnumerable<LibraryEntry>>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok((await Library(grains).ListAsync())
            .Select(e => new LibraryEntry(e.Ref.Id, e.Ref.Version, e.Title, e.Summary, e.BuiltIn, e.InUse)));

    private static async Task<Results<ContentHttpResult, NotFound<ApiError>>> SourceAsync(string id, int version, IGrainFactory grains) =>
        await Library(grains).GetSourceAsync(new ScenarioRef(id, version)) is { } source
            ? TypedResults.Text(source, "text/yaml; charset=utf-8", Encoding.UTF8)
            : TypedResults.NotFound(ApiError.Of(Refusals.UnknownScenario(id, version)));

    private static async Task<Results<Ok<ValidationReport>, JsonHttpResult<ApiError>>> ValidateAsync(HttpContext http, CancellationToken aborted)
    {
        var (bytes, refusal) = await ReadYamlAsync(http, aborted);
        if (bytes is null)
        {
            return refusal!;
        }

        return TypedResults.Ok(ReportOf(ScenarioLoader.LoadBytes(bytes, UploadName)));
    }

    private static ValidationReport ReportOf(LoadResult result) => new(
        result.Succeeded,
        result.Diagnostics.Count(d => d.Severity == Severity.Error),
        result.Diagnostics.Count(d => d.Severity == Severity.Warning),
        [.. result.Diagnostics.Select(ProblemOf)]);

    /// <summary>The studio's one request per pause in typing: the diagnostics of <see cref="ValidateAsync"/> and, when the file loads, its preview.</summary>
    private static async Task<Results<Ok<PreviewReport>, JsonHttpResult<ApiError>>> PreviewAsync(HttpContext http, CancellationToken aborted)
    {
        var (bytes, refusal) = await ReadYamlAsync(http, aborted);
        if (bytes is null)
        {
            return refusal!;
        }

        var loaded = ScenarioLoader.LoadBytes(bytes, UploadName);
        var report = ReportOf(loaded);
        var preview = loaded.Scenario is { } scenario ? ScenarioPreview.Of(new TableRules(scenario)) : null;
        return TypedResults.Ok(new PreviewReport(report.Valid, report.Errors, report.Warnings, report.Diagnostics, preview));
    }

    private static async Task<Results<Created<StoredScenario>, JsonHttpResult<ApiError>, UnprocessableEntity<InvalidScenario>>> UploadAsync(
        HttpContext http, IGrainFactory grains, IOptions<LibraryOptions> options)
    {
        if (Unauthorized(http, options.Value) is { } denied)
        {
            return denied;
        }

        var (bytes, refusal) = await ReadYamlAsync(http, http.RequestAborted);
        if (bytes is null)
        {
            return refusal!;
        }

        // The bytes are checked as the validator checks a file; only then are they text to store, byte for byte (a BOM too).
        var checkedBytes = ScenarioLoader.LoadBytes(bytes, UploadName);
        if (!checkedBytes.Succeeded)
        {
            return Invalid([.. checkedBytes.Diagnostics.Select(ProblemOf)]);
        }

        var result = await Library(grains).AddVersionAsync(UploadName, Encoding.UTF8.GetString(bytes));
        if (result is { Stored: true, Entry: { } entry })
        {
            return TypedResults.Created(SourcePath(entry.Ref),
                new StoredScenario(entry.Ref.Id, entry.Ref.Version, [.. result.Problems.Select(ProblemOf)], null));
        }

        return RefusedOrInvalid(result);
    }

    private static async Task<Results<Created<StoredScenario>, JsonHttpResult<ApiError>, UnprocessableEntity<InvalidScenario>>> ForkAsync(
        string id, int version, HttpContext http, IGrainFactory grains, IOptions<LibraryOptions> options)
    {
        if (Unauthorized(http, options.Value) is { } denied)
        {
            return denied;
        }

        var (request, unreadable) = await JsonBody.ReadAsync<ForkRequest>(http);
        if (request is null)
        {
            return unreadable!;
        }

        var result = await Library(grains).ForkAsync(new ScenarioRef(id, version), request.Id ?? string.Empty);
        if (result is { Stored: true, Entry: { } entry })
        {
            var source = await Library(grains).GetSourceAsync(entry.Ref);
            return TypedResults.Created(SourcePath(entry.Ref), new StoredScenario(entry.Ref.Id, entry.Ref.Version, [.. result.Problems.Select(ProblemOf)], source));
        }

        return RefusedOrInvalid(result);
    }

    private static async Task<Results<NoContent, JsonHttpResult<ApiError>>> DeleteAsync(
        string id, int version, HttpContext http, IGrainFactory grains, IOptions<LibraryOptions> options)
    {
        if (Unauthorized(http, options.Value) is { } denied)
        {
            return denied;
        }

        return await Library(grains).DeleteAsync(new ScenarioRef(id, version)) switch
        {
            DeleteOutcome.Deleted => TypedResults.NoContent(),
            DeleteOutcome.NotFound => Refuse(Refusals.UnknownScenario(id, version), StatusCodes.Status404NotFound),
            _ => Refuse(Refusals.CannotDelete(id, version), StatusCodes.Status409Conflict),
        };
    }

    /// <summary>
    /// Null when this request may write. With a key configured: the key, as a bearer token (401 without one,
    /// 403 for a wrong one). Without: only a request from this machine that no proxy passed on (403), since a
    /// proxy on the same machine makes every visitor look local.
    /// </summary>
    private static JsonHttpResult<ApiError>? Unauthorized(HttpContext http, LibraryOptions options)
    {
        if (!options.HasKey)
        {
            return IsLocal(http) ? null : Refuse(Refusals.LocalOnly, StatusCodes.Status403Forbidden);
        }

        if (BearerAuth.TokenOf(http) is not { } key)
        {
            return BearerAuth.Missing(http, Refusals.AuthorKeyMissing);
        }

        // Hashes of equal length, compared in constant time: the answer's timing says nothing of the key.
        var sent = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.AuthorKey!));
        return CryptographicOperations.FixedTimeEquals(sent, expected) ? null : Refuse(Refusals.InvalidAuthorKey, StatusCodes.Status403Forbidden);
    }

    private static bool IsLocal(HttpContext http)
    {
        var headers = http.Request.Headers;
        if (headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP"))
        {
            return false;
        }

        return http.Connection.RemoteIpAddress is { } address
            && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    /// <summary>The body as bytes: 415 unless it is sent as YAML, 413 past the validator's limit (1 MiB).</summary>
    private static async Task<(byte[]? Bytes, JsonHttpResult<ApiError>? Refusal)> ReadYamlAsync(HttpContext http, CancellationToken aborted)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !YamlMediaTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return (null, Refuse(Refusals.NotYaml, StatusCodes.Status415UnsupportedMediaType));
        }

        var tooLarge = Refuse(Refusals.InvalidBody($"more than {ScenarioLoader.MaxFileBytes} bytes (1 MiB)"), StatusCodes.Status413PayloadTooLarge);
        if (http.Request.ContentLength > ScenarioLoader.MaxFileBytes)
        {
            return (null, tooLarge);
        }

        // Read at most one byte past the limit: a body sent without a length is cut off there.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, aborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ScenarioLoader.MaxFileBytes)
            {
                return (null, tooLarge);
            }
        }

        return (buffer.ToArray(), null);
    }

    private static Results<Created<StoredScenario>, JsonHttpResult<ApiError>, UnprocessableEntity<InvalidScenario>> RefusedOrInvalid(UploadResult result)
    {
        if (result.Refusal is { } refusal)
        {
            var status = refusal.Code switch
            {
                RefusalCodes.InvalidScenarioId => StatusCodes.Status400BadRequest,
                RefusalCodes.UnknownScenario => StatusCodes.Status404NotFound,
                RefusalCodes.InvalidScenario => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status409Conflict,
            };
            return Refuse(refusal, status);
        }

        return Invalid([.. result.Problems.Select(ProblemOf)]);
    }

    private static UnprocessableEntity<InvalidScenario> Invalid(DiagnosticView[] diagnostics)
    {
        var refusal = Refusals.InvalidScenario;
        return TypedResults.UnprocessableEntity(new InvalidScenario(refusal.Code, refusal.Message, refusal.Reason, diagnostics));
    }

    private static JsonHttpResult<ApiError> Refuse(Rejection rejection, int status) => TypedResults.Json(ApiError.Of(rejection), statusCode: status);

    private static IScenarioLibraryGrain Library(IGrainFactory grains) => grains.GetGrain<IScenarioLibraryGrain>(0);

    private static string SourcePath(ScenarioRef scenario) => $"/api/scenarios/{scenario.Id}/{scenario.Version}.yaml";

    private static DiagnosticView ProblemOf(Diagnostic d) =>
        new(d.Code, d.Severity == Severity.Error ? "error" : "warning", d.Line, d.Column, d.Message, d.Fix);

    private static DiagnosticView ProblemOf(ScenarioProblem p) => new(p.Code, p.Severity, p.Line, p.Column, p.Message, p.Fix);
}

/// <summary>GET /api/scenarios: one version in the library.</summary>
public sealed record LibraryEntry(string Id, int Version, Scenarios.Model.Text Title, Scenarios.Model.Text Summary, bool BuiltIn, bool InUse);

/// <summary>One diagnostic of a scenario file: where, how bad, what, and the suggested replacement text where there is one.</summary>
public sealed record DiagnosticView(string Code, string Severity, int Line, int Column, string Message, string? Fix);

/// <summary>POST /api/scenarios/validate: whether the file would load, and every diagnostic.</summary>
public sealed record ValidationReport(bool Valid, int Errors, int Warnings, DiagnosticView[] Diagnostics);

/// <summary>A stored version (201): its id and version, its warnings, and for a fork the new file's text.</summary>
public sealed record StoredScenario(string Id, int Version, DiagnosticView[] Diagnostics, string? Source);

/// <summary>422: the refusal <c>invalid_scenario</c> with the file's diagnostics.</summary>
public sealed record InvalidScenario(string Code, string Message, Scenarios.Model.Text Reason, DiagnosticView[] Diagnostics);

/// <summary>POST /api/scenarios/{id}/{version}/fork: the new id.</summary>
public sealed record ForkRequest(string? Id);
