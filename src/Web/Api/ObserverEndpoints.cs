using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Replay;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// Who may read a workshop's debrief: its facilitator, and an observer with the observer link's key.
/// An observer reads every table and pins notes; everything else (the console's commands, the
/// exports, the report, the projector) is the facilitator's, and an observer's key there is refused
/// with <c>not_for_observer</c>.
/// </summary>
public static class ObserverAuth
{
    /// <summary>The workshop and who is asking (<see cref="Actor.Facilitator"/> or <see cref="Actor.Observer"/>), else the refusal to answer with.</summary>
    public static async Task<(WorkshopInfo? Info, Actor? Actor, JsonHttpResult<ApiError>? Refusal)> ReaderAsync(string workshopId, HttpContext http, IGrainFactory grains)
    {
        var (info, refusal) = await BearerAuth.FacilitatorAsync(workshopId, http, grains);
        if (info is not null)
        {
            return (info, Actor.Facilitator, null);
        }

        return await IsObserverAsync(workshopId, http, grains) && await grains.GetGrain<IWorkshopGrain>(workshopId).GetAsync() is { } observed
            ? (observed, Actor.Observer, null)
            : (null, null, refusal);
    }

    /// <summary>The facilitator's workshop; an observer's key is refused with <c>not_for_observer</c> (403), any other as <see cref="BearerAuth.FacilitatorAsync"/> does.</summary>
    public static async Task<(WorkshopInfo? Info, JsonHttpResult<ApiError>? Refusal)> FacilitatorAsync(string workshopId, HttpContext http, IGrainFactory grains)
    {
        var (info, refusal) = await BearerAuth.FacilitatorAsync(workshopId, http, grains);
        return info is null && await IsObserverAsync(workshopId, http, grains)
            ? (null, BearerAuth.Forbidden(Refusals.NotForObserver))
            : (info, refusal);
    }

    private static async Task<bool> IsObserverAsync(string workshopId, HttpContext http, IGrainFactory grains) =>
        BearerAuth.TokenOf(http) is { Length: <= 300 } key && workshopId.Length is > 0 and <= 100
        && await grains.GetGrain<IWorkshopGrain>(workshopId).IsObserverAsync(key);
}

/// <summary>
/// The observer link, pinned notes, and the projector in debrief mode (docs/protocol.md): the facilitator
/// makes (or replaces) the observer key; the facilitator or an observer pins a note to a table's current
/// moment; the facilitator chooses what the projector shows, and every projector reads it by the join code.
/// </summary>
public static class ObserverEndpoints
{
    /// <summary>The kinds of <see cref="ProjectorShow"/>.</summary>
    public static readonly ImmutableArray<string> ShowKinds = ["curve", "reflections", "prompt", "tables", "timeline", "roles"];

    public static IEndpointRouteBuilder MapObserverApi(this IEndpointRouteBuilder app)
    {
        var workshop = app.MapGroup("/api/workshops/{workshopId}");
        workshop.MapPost("/observer-key", RotateAsync);
        workshop.MapPost("/tables/{table:int}/notes", PinAsync);
        workshop.MapPut("/projector", ShowAsync);
        app.MapGet("/api/projector/{code}/show", ScreenAsync);
        return app;
    }

    private static async Task<Results<Ok<ObserverLink>, JsonHttpResult<ApiError>>> RotateAsync(
        string workshopId, HttpContext http, IGrainFactory grains, JoinLinks links)
    {
        var (info, refusal) = await ObserverAuth.FacilitatorAsync(workshopId, http, grains);
        if (info is null)
        {
            return refusal!;
        }

        if (await grains.GetGrain<IWorkshopGrain>(workshopId).RotateObserverKeyAsync(BearerAuth.TokenOf(http)!) is not { } key)
        {
            return BearerAuth.Forbidden(Refusals.InvalidKey);
        }

        // The key travels in the fragment: a browser never sends it to a server or a proxy's log.
        var origin = links.JoinUrl(http, info.JoinCode)[..^$"/join/{info.JoinCode}".Length];
        return TypedResults.Ok(new ObserverLink(key, $"{origin}/debrief/{Uri.EscapeDataString(info.WorkshopId)}#observer={key}"));
    }

    private static async Task<Results<Ok<Ack>, JsonHttpResult<ApiError>, NotFound<ApiError>>> PinAsync(
        string workshopId, int table, HttpContext http, IGrainFactory grains, TableFeed feed, CommandRate rate)
    {
        var (info, actor, refusal) = await ObserverAuth.ReaderAsync(workshopId, http, grains);
        if (info is null || actor is null)
        {
            return refusal!;
        }

        if (table < 1 || table > info.Sessions.Length)
        {
            return TypedResults.NotFound(ApiError.Of(Refusals.TablesNumbered(info.Sessions.Length)));
        }

        var (body, bad) = await JsonBody.ReadAsync<NoteRequest>(http);
        if (body is null)
        {
            return bad!;
        }

        if (!rate.TryTake($"notes:{workshopId}"))
        {
            return TypedResults.Json(ApiError.Of(Refusals.TooFast), statusCode: StatusCodes.Status429TooManyRequests);
        }

        var id = body.CommandId is { Length: > 0 and <= Limits.CommandIdLength } given ? $"note:{given}" : $"note:{Guid.NewGuid():N}";
        var session = info.Sessions[table - 1];
        var result = await grains.GetGrain<ITableGrain>(session).ExecuteAsync(new CommandEnvelope(id, actor, new PinNote(body.Text ?? string.Empty)));
        if (result.Accepted && result.Events.Length > 0)
        {
            await feed.ApplyAsync(session, result.Events);
        }

        return result.Accepted
            ? TypedResults.Ok(Ack.Of(result))
            : TypedResults.Json(ApiError.Of(new Rejection(result.Code ?? RefusalCodes.InvalidCommand, result.Reason ?? new Text(result.Message ?? "", result.Message ?? ""))),
                statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The tables not yet in the debrief or ended (a table still in its lobby counts: it may start yet).</summary>
    private static async Task<List<int>> StillPlayingAsync(IGrainFactory grains, WorkshopInfo info)
    {
        var states = await Task.WhenAll(info.Sessions.Select(s => grains.GetGrain<ITableGrain>(s).GetStateAsync()));
        return [.. states.Select((state, i) => (Table: i + 1, state.Flow.Stage)).Where(x => !IsDone(x.Stage)).Select(x => x.Table)];
    }

    private static bool IsDone(Stage stage) => stage is Stage.Debrief or Stage.Ended;

    private static async Task<Results<Ok<ProjectorShow?>, JsonHttpResult<ApiError>>> ShowAsync(
        string workshopId, HttpContext http, IGrainFactory grains, RulesCatalog catalog, IHubContext<ProjectorHub, IProjectorClient> projectors)
    {
        var (info, refusal) = await ObserverAuth.FacilitatorAsync(workshopId, http, grains);
        if (info is null)
        {
            return refusal!;
        }

        var (body, bad) = await JsonBody.ReadAsync<ShowRequest>(http);
        if (body is null)
        {
            return bad!;
        }

        ProjectorShow? show = null;
        if (body.Kind is { Length: > 0 } kind && kind != "none")
        {
            var scenario = (await catalog.GetAsync(info.Scenario, info.Rotation)).Scenario;
            if (!ShowKinds.Contains(kind) || body.Table is { } t && (t < 1 || t > info.Sessions.Length)
                || body.Metric is { } m && scenario.Metrics.All(x => x.Id != m) || body.Prompt is < 0 || body.Version is < 0)
            {
                return TypedResults.Json(ApiError.Of(Refusals.InvalidBody("kind, table, metric, prompt or version")), statusCode: StatusCodes.Status400BadRequest);
            }

            if (kind == "roles" && await StillPlayingAsync(grains, info) is { Count: > 0 } playing)
            {
                return TypedResults.Json(ApiError.Of(Refusals.RolesWhilePlaying(playing)), statusCode: StatusCodes.Status409Conflict);
            }

            show = new ProjectorShow(kind, body.Table, body.Metric, body.Prompt, body.Version, DateTimeOffset.UtcNow);
        }

        await grains.GetGrain<IWorkshopGrain>(workshopId).SetProjectorShowAsync(show);
        // This host's projectors ask at once; those on other hosts at their next ask (docs/protocol.md).
        await projectors.Clients.Group(new Attendance.AtProjector(workshopId).Room).ShowChanged();
        return TypedResults.Ok<ProjectorShow?>(show);
    }

    /// <summary>
    /// What the projector shows now, built here from the tables' replays and only of what the room may see:
    /// the shared metrics, the public story, the reflections' words (not their sentences), the scores and
    /// each role's share; never a role's resources, a proposal, a handover note or a pinned note.
    /// </summary>
    private static async Task<Results<Ok<ProjectorScreen>, JsonHttpResult<ApiError>>> ScreenAsync(
        string code, HttpContext http, IGrainFactory grains, JoinCodeGuard guard, RulesCatalog catalog)
    {
        var (info, refusal) = await WorkshopEndpoints.FindAsync(code, grains, guard, http);
        if (info is null)
        {
            var status = refusal!.Code == RefusalCodes.TooManyRequests ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound;
            return TypedResults.Json(ApiError.Of(refusal), statusCode: status);
        }

        if (await grains.GetGrain<IWorkshopGrain>(info.WorkshopId).GetProjectorShowAsync() is not { } show)
        {
            return TypedResults.Ok(new ProjectorScreen(null, null, [], [], [], null, null));
        }

        var rules = await catalog.GetAsync(info.Scenario, info.Rotation);
        var scenario = rules.Scenario;
        var metric = show.Metric ?? scenario.Metrics[0].Id;
        var chosen = Math.Clamp(show.Table ?? 1, 1, info.Sessions.Length);
        var tables = show.Kind is "tables" || (show.Kind is "reflections" && show.Table is null)
            ? Enumerable.Range(1, info.Sessions.Length)
            : show.Kind is "prompt" ? [] : [chosen];
        var replays = new List<(int Table, TableReplay Replay)>();
        foreach (var table in tables)
        {
            replays.Add((table, await DebriefEndpoints.ReplayAsync(grains, rules, info.Sessions[table - 1])));
        }

        var prompts = Prompts(scenario.Debrief);
        var prompt = show.Kind == "prompt" && prompts.Length > 0 && prompts[Math.Clamp(show.Prompt ?? 0, 0, prompts.Length - 1)] is var p
            ? new ProjectorPrompt(p.Stage, p.Text, Math.Clamp(show.Prompt ?? 0, 0, prompts.Length - 1), prompts.Length)
            : null;
        var curves = show.Kind is "curve" or "tables"
            ? replays.Select(r => new ProjectorCurve(r.Table, metric, [.. r.Replay.Series.Where(x => x.EndOfRound).Select(x => new CurvePoint(x.Round, x.Values[metric]))])).ToImmutableArray()
            : [];
        var words = show.Kind == "reflections"
            ? replays.SelectMany(r => r.Replay.Reflections).GroupBy(r => r.Word.ToLowerInvariant()).Select(g => new WordCount(g.Key, g.Count()))
                .OrderByDescending(w => w.Count).ThenBy(w => w.Word, StringComparer.Ordinal).ToImmutableArray()
            : [];
        var scores = show.Kind == "tables"
            ? replays.Select(r => new ProjectorScore(r.Table, r.Replay.Score.Total, r.Replay.Contribution)).ToImmutableArray()
            : [];
        ProjectorMoment? moment = null;
        if (show.Kind == "timeline" && replays is [var (number, replay)])
        {
            var at = Math.Clamp(show.Version ?? replay.Final.Version, 0, replay.Final.Version);
            moment = new ProjectorMoment(number, at, replay.Final.Version, Visibility.ForRoom(rules, replay.At(at)), replay.StoryAt(at, Visibility.PublicReader));
        }

        ProjectorRoles? roles = null;
        if (show.Kind == "roles" && replays is [var (seated, played)] && IsDone(played.Final.Flow.Stage))
        {
            roles = RolesAt(rules, seated, played, show.Version ?? played.Final.Version);
        }

        return TypedResults.Ok(new ProjectorScreen(show, prompt, curves, words, scores, moment, roles));
    }

    /// <summary>
    /// Every seat's phone at a version, cut to what fits a projector: the role held, its resources and goals
    /// with their labels, how many of its actions were possible. Made from <see cref="Visibility.ForSeat"/> and
    /// <see cref="Visibility.BriefOf"/> (the one filter), and asked for only once no table plays any more.
    /// </summary>
    internal static ProjectorRoles RolesAt(TableRules rules, int table, TableReplay replay, long version)
    {
        var at = Math.Clamp(version, 0, replay.Final.Version);
        var state = replay.At(at);
        var seats = state.Seats.Select(seat =>
        {
            var view = Visibility.ForSeat(rules, state, seat.Id);
            var brief = Visibility.BriefOf(rules, state, seat.Id);
            var held = view.Role;
            var resources = held is null || brief is null
                ? []
                : held.Resources.Select(r => new ProjectorResource(brief.Resources.FirstOrDefault(b => b.Id == r.Id)?.Label ?? new Text(r.Id, r.Id), r.Value)).ToImmutableArray();
            var goals = brief is null ? [] : brief.Goals.Select(g => new ProjectorGoal(g.Label, g.Points, held?.GoalsMet.Contains(g.Id) == true)).ToImmutableArray();
            return new ProjectorSeat(seat.Id, seat.Name, held?.Id, resources, goals, view.Actions.Count(a => a.Available), view.Actions.Length);
        });
        return new ProjectorRoles(table, at, replay.Final.Version, Visibility.ForRoom(rules, state), [.. seats]);
    }

    /// <summary>The scenario's prompts in the order of the conversation, as the debrief page numbers them.</summary>
    internal static ImmutableArray<(string Stage, Text Text)> Prompts(Debrief debrief) =>
    [
        .. debrief.WhatHappened.Select(t => ("whatHappened", t)),
        .. debrief.SoWhat.Select(t => ("soWhat", t)),
        .. debrief.NowWhat.Select(t => ("nowWhat", t)),
    ];
}

/// <summary>A new observer key (shown only this once) and the link that opens the observer's view with it.</summary>
public sealed record ObserverLink(string Key, string Url);

/// <summary>POST …/tables/{t}/notes: the note, and an optional id that makes a retry harmless.</summary>
public sealed record NoteRequest(string? Text, string? CommandId);

/// <summary>PUT …/projector: what the room sees ("none" or no kind: the tables as live).</summary>
public sealed record ShowRequest(string? Kind, int? Table, string? Metric, int? Prompt, long? Version);

/// <summary>A debrief prompt on the projector: its stage, its text, and where it is in the list.</summary>
public sealed record ProjectorPrompt(string Stage, Text Text, int Index, int Count);

/// <summary>One point of a projected curve: a metric's value at the end of a round (round 0: the start).</summary>
public sealed record CurvePoint(int Round, double Value);

/// <summary>A table's curve of one metric, round by round.</summary>
public sealed record ProjectorCurve(int Table, string Metric, ImmutableArray<CurvePoint> Points);

/// <summary>A reflection word and how many players gave it.</summary>
public sealed record WordCount(string Word, int Count);

/// <summary>A table's community score and each role's share of the shared metrics' movement.</summary>
public sealed record ProjectorScore(int Table, double CommunityScore, IReadOnlyDictionary<string, double> Contribution);

/// <summary>A table at one version, as the room may see it: the public state and the public story of the round so far.</summary>
public sealed record ProjectorMoment(int Table, long Version, long Last, RoomView Room, ImmutableArray<Headline> Story);

/// <summary>A resource of the role a seat held, by its label, with its value then.</summary>
public sealed record ProjectorResource(Text Label, double Value);

/// <summary>A goal of the role a seat held, by its label, its points and whether it was met then.</summary>
public sealed record ProjectorGoal(Text Label, int Points, bool Met);

/// <summary>What one seat's phone showed, cut to a projector: the role held (its id), its resources and goals, how many actions were possible.</summary>
public sealed record ProjectorSeat(int Seat, string Name, string? Role, ImmutableArray<ProjectorResource> Resources, ImmutableArray<ProjectorGoal> Goals, int ActionsAvailable, int Actions);

/// <summary>A table at one version, every role side by side (only once every table has finished playing), with the room's view for where it was.</summary>
public sealed record ProjectorRoles(int Table, long Version, long Last, RoomView Room, ImmutableArray<ProjectorSeat> Seats);

/// <summary>
/// GET /api/projector/{code}/show: what the facilitator chose (null: nothing, the tables as live) and what it needs —
/// public only, except <see cref="Roles"/>, what each role saw, which is there only once every table has finished playing.
/// </summary>
public sealed record ProjectorScreen(
    ProjectorShow? Show,
    ProjectorPrompt? Prompt,
    ImmutableArray<ProjectorCurve> Curves,
    ImmutableArray<WordCount> Words,
    ImmutableArray<ProjectorScore> Scores,
    ProjectorMoment? Moment,
    ProjectorRoles? Roles);
