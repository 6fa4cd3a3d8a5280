using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Replay;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// The facilitator's debrief of a workshop, during play and after (docs/protocol.md): every table's
/// replay folded from its log, and what every seat saw at any moment — through <see cref="Visibility"/>,
/// the one filter. Needs the facilitator key (or the observer key: an observer reads every table) as <c>Authorization: Bearer KEY</c>.
/// </summary>
public static class DebriefEndpoints
{
    public static IEndpointRouteBuilder MapDebriefApi(this IEndpointRouteBuilder app)
    {
        var debrief = app.MapGroup("/api/workshops/{workshopId}/debrief");
        debrief.MapGet("", WholeAsync);
        debrief.MapGet("/tables/{table:int}/at/{version:long}", MomentAsync);
        app.MapGet("/api/debrief/me", MineAsync);
        return app;
    }

    private static async Task<Results<Ok<WorkshopDebrief>, JsonHttpResult<ApiError>>> WholeAsync(
        string workshopId, HttpContext http, IGrainFactory grains, RulesCatalog catalog)
    {
        var (info, _, refusal) = await ObserverAuth.ReaderAsync(workshopId, http, grains);
        if (info is null)
        {
            return refusal!;
        }

        var rules = await catalog.GetAsync(info.Scenario, info.Rotation);
        var tables = new List<TableDebrief>();
        foreach (var session in info.Sessions)
        {
            var replay = await ReplayAsync(grains, rules, session);
            tables.Add(new TableDebrief(
                session, TableIds.Parse(session).Table, replay.Final.Version, replay.Final.Flow, replay.Timeline, replay.Series, replay.Seats,
                replay.Proposals, replay.Ballots, replay.Dilemmas, replay.HandoverNotes, replay.Reflections, replay.Score, replay.Contribution, replay.PinnedNotes));
        }

        var scenario = rules.Scenario;
        var shown = await grains.GetGrain<IWorkshopGrain>(info.WorkshopId).GetProjectorShowAsync();
        return TypedResults.Ok(new WorkshopDebrief(
            info.WorkshopId, info.Title, info.Language, info.Scenario, ScenarioInfo.Of(rules),
            new DebriefPrompts(scenario.Debrief.WhatHappened, scenario.Debrief.SoWhat, scenario.Debrief.NowWhat),
            ResourceLabels(scenario), [.. tables], shown));
    }

    private static async Task<Results<Ok<DebriefMoment>, JsonHttpResult<ApiError>, NotFound<ApiError>>> MomentAsync(
        string workshopId, int table, long version, HttpContext http, IGrainFactory grains, RulesCatalog catalog)
    {
        var (info, _, refusal) = await ObserverAuth.ReaderAsync(workshopId, http, grains);
        if (info is null)
        {
            return refusal!;
        }

        if (table < 1 || table > info.Sessions.Length)
        {
            return TypedResults.NotFound(ApiError.Of(Refusals.TablesNumbered(info.Sessions.Length)));
        }

        var rules = await catalog.GetAsync(info.Scenario, info.Rotation);
        var replay = await ReplayAsync(grains, rules, info.Sessions[table - 1]);
        var at = Math.Clamp(version, 0, replay.Final.Version);
        var state = replay.At(at);
        var seats = state.Seats.Select(s => new SeatMoment(
            s.Id, s.Name, state.RoleOf(s.Id), Visibility.ForSeat(rules, state, s.Id), Visibility.BriefOf(rules, state, s.Id), replay.StoryAt(at, s.Id)));
        return TypedResults.Ok(new DebriefMoment(table, at, state.Flow, Visibility.ForFacilitator(rules, state), [.. seats], replay.StoryAt(at, Visibility.FacilitatorReader)));
    }

    /// <summary>
    /// A player's own look back, with their seat token as <c>Authorization: Bearer TOKEN</c>: the roles
    /// they held and their points per round, their own notes and reflections, and at the end of every
    /// round what their phone showed then — all through <see cref="Visibility"/>, so nothing of another
    /// role's brief, resources, goals or proposals.
    /// </summary>
    private static async Task<Results<Ok<PlayerDebrief>, JsonHttpResult<ApiError>>> MineAsync(HttpContext http, IGrainFactory grains, RulesCatalog catalog)
    {
        var (player, info, refusal) = await BearerAuth.SeatAsync(http, grains);
        if (player is null || info is null)
        {
            return refusal!;
        }

        var rules = await catalog.GetAsync(info.Scenario, info.Rotation);
        var replay = await ReplayAsync(grains, rules, TableIds.For(info.WorkshopId, player.Table));
        var seat = player.Seat;
        var history = replay.Seats.FirstOrDefault(s => s.Seat == seat);
        var roundEnds = replay.Series.Where(p => p.EndOfRound && p.Round > 0).Select(p => (p.Round, p.Version));
        var moments = roundEnds.Select(end => new PlayerMoment(end.Round, end.Version, replay.SeenBy(seat, end.Version), replay.BriefOf(seat, end.Version), replay.StoryAt(end.Version, seat)));
        return TypedResults.Ok(new PlayerDebrief(
            info.WorkshopId, info.Title, player.Table, seat, player.Name, ScenarioInfo.Of(rules), history?.Rounds ?? [], history?.Points ?? 0, history?.Achievements ?? [],
            [.. replay.HandoverNotes.Where(n => n.Seat == seat)], [.. replay.Reflections.Where(r => r.Seat == seat)], [.. moments], replay.Final.CommunityScore));
    }

    /// <summary>Every table of a workshop folded for the debrief, in table order.</summary>
    internal static async Task<List<(int Table, TableReplay Replay)>> ReplaysAsync(IGrainFactory grains, TableRules rules, WorkshopInfo info)
    {
        var replays = new List<(int Table, TableReplay Replay)>();
        foreach (var session in info.Sessions)
        {
            replays.Add((TableIds.Parse(session).Table, await ReplayAsync(grains, rules, session)));
        }

        return replays;
    }

    internal static async Task<TableReplay> ReplayAsync(IGrainFactory grains, TableRules rules, string session)
    {
        var log = await grains.GetGrain<ITableGrain>(session).ReadSinceAsync(0);
        return new TableReplay(rules, log.Select(e => new LogEntry(e.Version, e.Event, e.RecordedAt)));
    }

    /// <summary>Every role's resources by their labels, for the facilitator (players only ever get their own role's, in its brief).</summary>
    private static ImmutableDictionary<string, Text> ResourceLabels(Scenario scenario) =>
        scenario.Roles.SelectMany(r => r.Resources.Select(x => (Key: EffectTarget.ResourceKey(r.Id, x.Id), x.Label))).ToImmutableDictionary(p => p.Key, p => p.Label);
}

/// <summary>A player's own debrief: their rounds, notes and reflections, and what their phone showed at the end of each round.</summary>
public sealed record PlayerDebrief(
    string WorkshopId,
    string Title,
    int Table,
    int Seat,
    string Name,
    ScenarioInfo Scenario,
    ImmutableArray<SeatRound> Rounds,
    int Points,
    ImmutableArray<string> Achievements,
    ImmutableArray<Note> HandoverNotes,
    ImmutableArray<ReflectionRecord> Reflections,
    ImmutableArray<PlayerMoment> Moments,
    double? CommunityScore);

/// <summary>What a player's phone showed at the end of a round: their view, their role's brief then, and the round's story as they read it.</summary>
public sealed record PlayerMoment(int Round, long Version, SeatView View, RoleBrief? Brief, ImmutableArray<Headline> Story);

/// <summary>The scenario's debrief prompts, in the order of the conversation: what happened, so what, now what.</summary>
public sealed record DebriefPrompts(ImmutableArray<Text> WhatHappened, ImmutableArray<Text> SoWhat, ImmutableArray<Text> NowWhat);

/// <summary>A workshop's debrief: the scenario, its prompts, every role's resource labels, every table's replay, and what the projector shows now (null: the live tables).</summary>
public sealed record WorkshopDebrief(
    string WorkshopId,
    string Title,
    string Language,
    ScenarioRef ScenarioRef,
    ScenarioInfo Scenario,
    DebriefPrompts Prompts,
    ImmutableDictionary<string, Text> ResourceLabels,
    ImmutableArray<TableDebrief> Tables,
    ProjectorShow? Projector);

/// <summary>One table's replay (the records of <see cref="TableReplay"/>), as of its latest version.</summary>
public sealed record TableDebrief(
    string SessionId,
    int Table,
    long Version,
    FlowState Flow,
    ImmutableArray<Moment> Timeline,
    ImmutableArray<MetricPoint> Series,
    ImmutableArray<SeatHistory> Seats,
    ImmutableArray<ProposalRecord> Proposals,
    ImmutableArray<BallotRecord> Ballots,
    ImmutableArray<DilemmaRecord> Dilemmas,
    ImmutableArray<Note> HandoverNotes,
    ImmutableArray<ReflectionRecord> Reflections,
    ScoreExplained Score,
    IReadOnlyDictionary<string, double> Contribution,
    ImmutableArray<PinnedNoteRecord> PinnedNotes);

/// <summary>One seat at a moment: what its phone showed (its view and its role's brief) and its story of the round so far.</summary>
public sealed record SeatMoment(int Seat, string Name, string? Role, SeatView View, RoleBrief? Brief, ImmutableArray<Headline> Story);

/// <summary>A table at one version: the facilitator's view, every seat's, and the round's story as the facilitator read it.</summary>
public sealed record DebriefMoment(int Table, long Version, FlowState Flow, FacilitatorView Facilitator, ImmutableArray<SeatMoment> Seats, ImmutableArray<Headline> Story);
