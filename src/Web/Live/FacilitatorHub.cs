using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;
using RegioLab.Sim.Silo;

namespace RegioLab.Sim.Web.Live;

/// <summary>The facilitator's console: every method after <see cref="Open"/> requires the workshop's key to have been shown on this connection.</summary>
public sealed class FacilitatorHub(
    IGrainFactory grains, TableFeed feed, LivePush push, Attendance attendance, JoinLinks links, CommandRate rate, CommandReader reader, LiveMetrics metrics, ILogger<FacilitatorHub> logger)
    : Hub<IFacilitatorClient>
{
    /// <summary>A workshop id or facilitator key longer than this is not one (both are much shorter).</summary>
    private const int MaxIdLength = 100;

    /// <summary>The key this connection opened the console with: a console opened with a key since replaced refuses commands.</summary>
    private const string KeyItem = "FacilitatorKey";

    private static readonly HashSet<Type> FacilitatorCommands =
        [typeof(Start), typeof(Advance), typeof(Pause), typeof(Resume), typeof(ExtendTimer), typeof(InjectDilemma), typeof(AssignRole), typeof(LeaveSeat), typeof(End),
            typeof(AddBot), typeof(SetBot), typeof(FillBots), typeof(PinNote),
            typeof(SendMessage), typeof(PlanInject), typeof(CancelInject)];

    /// <summary>Opens the console of a workshop with its facilitator key and pushes every table.</summary>
    public async Task<FacilitatorSession> Open(string workshopId, string facilitatorKey)
    {
        if (workshopId is not { Length: > 0 and <= MaxIdLength } || facilitatorKey is not { Length: > 0 and <= MaxIdLength })
        {
            return FacilitatorSession.Refused(Refusals.InvalidKey);
        }

        var workshop = grains.GetGrain<IWorkshopGrain>(workshopId);
        if (!await workshop.IsFacilitatorAsync(facilitatorKey) || await workshop.GetAsync() is not { } info)
        {
            return FacilitatorSession.Refused(Refusals.InvalidKey);
        }

        Context.Items[nameof(WorkshopInfo)] = info.WorkshopId;
        Context.Items[KeyItem] = facilitatorKey;
        var any = await push.EnterWorkshopAsync(Context.ConnectionId, Groups, new Attendance.AtConsole(info.WorkshopId), info.Sessions, feed);

        return new FacilitatorSession(
            true, null, null, null, info, any is null ? null : ScenarioInfo.Of(any.Rules), links.JoinUrl(Context.GetHttpContext(), info.JoinCode),
            any is null ? null : Visibility.EveryBrief(any.Rules));
    }

    /// <summary>Sends a command to one table, or to every table when <paramref name="table"/> is null.</summary>
    public async Task<Ack[]> Send(int? table, string commandId, JsonElement command)
    {
        var started = Stopwatch.GetTimestamp();
        var (acks, type) = await SendAsync(table, commandId, command);
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var ack in acks)
        {
            metrics.Command(type, ack.Accepted ? "accepted" : ack.Code ?? "refused", elapsed);
        }

        return acks;
    }

    private async Task<(Ack[] Acks, string Type)> SendAsync(int? table, string commandId, JsonElement command)
    {
        if (Context.Items[nameof(WorkshopInfo)] is not string workshopId || await grains.GetGrain<IWorkshopGrain>(workshopId).GetAsync() is not { } info)
        {
            return ([Ack.Refused(Refusals.NotOpen)], CommandReader.Unreadable);
        }

        if (!await StillHoldsKeyAsync(workshopId))
        {
            return ([Ack.Refused(Refusals.KeyRotated)], CommandReader.Unreadable);
        }

        var (read, unreadable) = reader.Read(command);
        if (unreadable is not null || read is null)
        {
            return ([Ack.Refused(unreadable ?? Refusals.UnreadableCommand("null"))], CommandReader.Unreadable);
        }

        var type = CommandReader.TypeOf(read);
        if (!FacilitatorCommands.Contains(read.GetType()))
        {
            return ([Ack.Refused(Refusals.NotForConsole)], type);
        }

        if (string.IsNullOrWhiteSpace(commandId) || commandId.Length > Limits.CommandIdLength)
        {
            return ([Ack.Refused(Refusals.InvalidCommandId)], type);
        }

        if (!rate.TryTake($"console:{workshopId}"))
        {
            return ([Ack.Refused(Refusals.TooFast)], type);
        }

        var tables = info.Sessions.Length;
        if (table is { } one && (one < 1 || one > tables))
        {
            return ([Ack.Refused(Refusals.TablesNumbered(tables))], type);
        }

        var targets = table is { } t ? [t] : Enumerable.Range(1, tables).ToArray();
        var acks = new Ack[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            var sessionId = TableIds.For(workshopId, targets[i]);
            var id = table is null ? $"console:{commandId}:{targets[i]}" : $"console:{commandId}";
            try
            {
                var result = await grains.GetGrain<ITableGrain>(sessionId).ExecuteAsync(new CommandEnvelope(id, Actor.Facilitator, read));
                if (result.Accepted && result.Events.Length > 0)
                {
                    await feed.ApplyAsync(sessionId, result.Events);
                }

                acks[i] = Ack.Of(result);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                logger.LogWarning(LogEvents.ConsoleCommandUndelivered, e, "A console command for table {Table} could not be delivered", sessionId);
                acks[i] = Ack.Refused(Refusals.Unavailable);
            }
        }

        return (acks, type);
    }

    /// <summary>Moves a player to another table (in the lobby or between rounds); their page is told where, and resumes there.</summary>
    public async Task<MoveResult> MovePlayer(string playerId, int table)
    {
        if (Context.Items[nameof(WorkshopInfo)] is not string workshopId)
        {
            return MoveResult.Refused(null, Refusals.NotOpen);
        }

        if (!await StillHoldsKeyAsync(workshopId))
        {
            return MoveResult.Refused(null, Refusals.KeyRotated);
        }

        if (!rate.TryTake($"console:{workshopId}"))
        {
            return MoveResult.Refused(null, Refusals.TooFast);
        }

        var workshop = grains.GetGrain<IWorkshopGrain>(workshopId);
        var before = (await workshop.GetAsync())?.Players.FirstOrDefault(p => p.PlayerId == playerId);
        var moved = await workshop.MovePlayerAsync(playerId ?? string.Empty, table);
        if (moved.Moved && before is not null && moved.Player is { } after && after.Table != before.Table)
        {
            var from = TableIds.For(workshopId, before.Table);
            await push.TellMovedAsync(from, before.Seat, after.Table);
            push.Schedule(await feed.WatchAsync(from), arrived: null);
            push.Schedule(await feed.WatchAsync(TableIds.For(workshopId, after.Table)), arrived: null);
            await push.WorkshopChangedAsync(workshopId);
        }

        return moved;
    }

    /// <summary>
    /// Whether the key this console was opened with still opens it. When it was replaced the console
    /// is closed here: it leaves the workshop's group (no more pushes) and must Open again.
    /// </summary>
    private async Task<bool> StillHoldsKeyAsync(string workshopId)
    {
        if (Context.Items[KeyItem] is string key && await grains.GetGrain<IWorkshopGrain>(workshopId).IsFacilitatorAsync(key))
        {
            return true;
        }

        Context.Items.Remove(nameof(WorkshopInfo));
        Context.Items.Remove(KeyItem);
        attendance.Leave(Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Attendance.ConsoleRoom(workshopId));
        logger.LogInformation(LogEvents.ConsoleKeyRotated, "Workshop {Workshop}: a console opened with a replaced key was closed", workshopId);
        return false;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        attendance.Leave(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
