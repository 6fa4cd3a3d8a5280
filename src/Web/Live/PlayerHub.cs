using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// A player's connection. The seat and role come from the seat token given to <see cref="Resume"/>,
/// never from a message; a player can only send the commands a player may send, for their own seat.
/// </summary>
public sealed class PlayerHub(
    IGrainFactory grains, TableFeed feed, LivePush push, Attendance attendance, PresenceReporter presence, CommandRate rate, CommandReader reader, LiveMetrics metrics, ILogger<PlayerHub> logger) : Hub<IPlayerClient>
{
    public const int MaxTokenLength = 200;

    private static readonly HashSet<Type> PlayerCommands =
        [typeof(Act), typeof(AnswerProposal), typeof(CastVote), typeof(ResolveDilemma), typeof(RequestRoleSwap), typeof(WriteHandoverNote), typeof(Reflect)];

    /// <summary>Joins this connection to the seat of a token and pushes the seat's view.</summary>
    public async Task<PlayerSession> Resume(string seatToken, long lastVersion)
    {
        var parts = (seatToken ?? string.Empty).Split('.');
        if (seatToken is not { Length: > 0 and <= MaxTokenLength } || parts.Length != 3)
        {
            return PlayerSession.Refused(Refusals.InvalidToken);
        }

        var workshop = grains.GetGrain<IWorkshopGrain>(parts[0]);
        if (await workshop.FindPlayerAsync(seatToken) is not { } player || await workshop.GetAsync() is not { } info)
        {
            return PlayerSession.Refused(Refusals.InvalidToken);
        }

        var sessionId = TableIds.For(info.WorkshopId, player.Table);
        var replica = await feed.WatchAsync(sessionId);
        var seat = new Attendance.AtSeat(sessionId, player.Seat);
        Context.Items[nameof(PlayerIdentity)] = new PlayerIdentity(
            info.WorkshopId, sessionId, player.Seat, player.PlayerId, grains.GetGrain<ITableGrain>(sessionId), $"seat:{sessionId}:{player.Seat}");
        var (first, left, leftWasLast) = attendance.Enter(Context.ConnectionId, seat);
        if (left is not null && left != seat)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, left.Room);
            await ReportAsync(left, leftWasLast);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, seat.Room);
        push.Schedule(replica, seat.Room);
        await ReportAsync(seat, first);
        return new PlayerSession(true, null, null, null, info.WorkshopId, sessionId, player.Table, player.Seat, player.PlayerId, player.Name, info.Language,
            ScenarioInfo.Of(replica.Rules));
    }

    /// <summary>Sends a command for my seat; the answer says whether it was taken, and why not.</summary>
    public async Task<Ack> Send(string commandId, long? expectedVersion, JsonElement command)
    {
        var started = Stopwatch.GetTimestamp();
        var (ack, type) = await SendAsync(commandId, expectedVersion, command);
        metrics.Command(type, ack.Accepted ? "accepted" : ack.Code ?? "refused", Stopwatch.GetElapsedTime(started));
        return ack;
    }

    private async Task<(Ack Ack, string Type)> SendAsync(string commandId, long? expectedVersion, JsonElement command)
    {
        if (Context.Items[nameof(PlayerIdentity)] is not PlayerIdentity me)
        {
            return (Ack.Refused(Refusals.NotJoined), CommandReader.Unreadable);
        }

        var (read, unreadable) = reader.Read(command);
        if (unreadable is not null || read is null)
        {
            return (Ack.Refused(unreadable ?? Refusals.UnreadableCommand("null")), CommandReader.Unreadable);
        }

        var type = CommandReader.TypeOf(read);
        if (!PlayerCommands.Contains(read.GetType()))
        {
            return (Ack.Refused(Refusals.NotForPlayers), type);
        }

        if (string.IsNullOrWhiteSpace(commandId) || commandId.Length > Limits.CommandIdLength)
        {
            return (Ack.Refused(Refusals.InvalidCommandId), type);
        }

        if (!rate.TryTake(me.RateKey))
        {
            return (Ack.Refused(Refusals.TooFast), type);
        }

        try
        {
            // The player's id in the command id keeps one player's ids apart from another's.
            // A table that does not answer within CommandCall.Timeout is a TimeoutException (ITableGrain.ExecuteAsync).
            var result = await me.Table.ExecuteAsync(new CommandEnvelope($"{me.PlayerId}:{commandId}", Actor.Player(me.Seat), read, expectedVersion));
            if (result.Accepted && result.Events.Length > 0)
            {
                await feed.ApplyAsync(me.SessionId, result.Events);
            }

            return (Ack.Of(result), type);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            logger.LogWarning(LogEvents.HubCommandUndelivered, e, "A command for table {Table} could not be delivered", me.SessionId);
            return (Ack.Refused(Refusals.Unavailable), type);
        }
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var (left, wasLast) = attendance.Leave(Context.ConnectionId);
        if (left is not null)
        {
            await ReportAsync(left, wasLast);
        }

        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>A seat's first connection here, or its last one, changes what this host tells the table (the seat is kept).</summary>
    private Task ReportAsync(Attendance.Place place, bool edge) =>
        edge && place is Attendance.AtSeat seat ? presence.ReportAsync(seat.SessionId) : Task.CompletedTask;

    /// <summary>Who this connection is, with what each command needs made once: the table's grain reference and the seat's rate key.</summary>
    private sealed record PlayerIdentity(string WorkshopId, string SessionId, int Seat, string PlayerId, ITableGrain Table, string RateKey);
}
