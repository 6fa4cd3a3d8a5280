using System.Collections.Immutable;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// A workshop's exports for the facilitator (docs/export.md): every table's whole log as JSON, and the
/// debrief's tables as CSV files in a zip. Both need the facilitator key as <c>Authorization: Bearer KEY</c>;
/// a missing key is 401 and a wrong one (or an unknown workshop) 403, and neither says anything of the workshop.
/// </summary>
public static class ExportEndpoints
{
    /// <summary>The version of the export's shape; a reader checks it before it folds.</summary>
    public const int SchemaVersion = 1;

    public static IEndpointRouteBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var workshop = app.MapGroup("/api/workshops/{workshopId}");
        workshop.MapGet("/export.json", JsonAsync);
        workshop.MapGet("/export.zip", ZipAsync);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ApiError>>> JsonAsync(
        string workshopId, HttpContext http, IGrainFactory grains, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var (info, refusal) = await ObserverAuth.FacilitatorAsync(workshopId, http, grains);
        if (info is null)
        {
            return refusal!;
        }

        var tables = await Task.WhenAll(info.Sessions.Select(async session => new TableExport(
            session, TableIds.Parse(session).Table, [.. await grains.GetGrain<ITableGrain>(session).ReadSinceAsync(0)])));
        var export = new WorkshopExport(SchemaVersion, DateTimeOffset.UtcNow, info.WorkshopId, info.Title, info.Scenario, info.Rotation, info.Language,
            info.CreatedAt, info.Players, [.. tables]);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, json.Value.SerializerOptions);
        return TypedResults.File(bytes, "application/json", $"{FileName(info)}.json");
    }

    private static async Task<Results<FileContentHttpResult, JsonHttpResult<ApiError>>> ZipAsync(
        string workshopId, HttpContext http, IGrainFactory grains, RulesCatalog catalog)
    {
        var (info, refusal) = await ObserverAuth.FacilitatorAsync(workshopId, http, grains);
        if (info is null)
        {
            return refusal!;
        }

        var rules = await catalog.GetAsync(info.Scenario, info.Rotation);
        var replays = await DebriefEndpoints.ReplaysAsync(grains, rules, info);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in DebriefCsv.Files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                await using var stream = await entry.OpenAsync();
                write(stream, rules, replays);
            }
        }

        return TypedResults.File(buffer.ToArray(), "application/zip", $"{FileName(info)}.zip");
    }

    private static string FileName(WorkshopInfo info) => $"regiolab-{info.JoinCode.ToLowerInvariant()}-{info.CreatedAt:yyyy-MM-dd}";
}

/// <summary>A workshop's whole record: who played, and every table's log (docs/export.md).</summary>
public sealed record WorkshopExport(
    int SchemaVersion,
    DateTimeOffset ExportedAt,
    string WorkshopId,
    string Title,
    ScenarioRef Scenario,
    Scenarios.Model.RotationMode? Rotation,
    string Language,
    DateTimeOffset CreatedAt,
    ImmutableArray<WorkshopPlayer> Players,
    ImmutableArray<TableExport> Tables);

/// <summary>One table's log, every event with its version and the moment it was recorded.</summary>
public sealed record TableExport(string SessionId, int Table, ImmutableArray<LoggedEvent> Events);
