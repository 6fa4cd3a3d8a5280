using Microsoft.Extensions.Logging;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>
/// How a bot in a live seat paces itself (configuration section "Bots"): it waits about
/// <see cref="DelayMilliseconds"/> (between half and one and a half times, by its seed) before each
/// command, as a person would, so the room can follow what it does.
/// </summary>
public sealed class BotOptions
{
    public const string Section = "Bots";

    public int DelayMilliseconds { get; set; } = 2000;
}

/// <summary>
/// What the bots of a table do next: the same bots as <c>simulate</c> (<see cref="Bot"/>), each seeded
/// by the table's random state and version, so the same log gives the same command. A bot plays; it
/// does not reflect or leave handover notes (those are the players' own, for the debrief), and a role
/// swap does not wait for it (the facilitator's waiting seats leave bots out there).
/// </summary>
internal static class BotMoves
{
    /// <summary>The first bot seat (by seat number) with something to do now, and its command; null when every bot waits.</summary>
    public static (int Seat, Command Command)? Next(TableRules rules, TableState state, DateTimeOffset now)
    {
        foreach (var seat in state.Playing)
        {
            if (seat.Bot is not { } name || !BotKinds.TryParse(name, out var kind))
            {
                continue;
            }

            var bot = new Bot(kind, seat.Id, state.Random ^ (ulong)state.Version);
            if (bot.Choose(rules, state, now) is { } command && rules.Decide(state, Actor.Player(seat.Id), command, now).Accepted)
            {
                return (seat.Id, command);
            }
        }

        return null;
    }

    /// <summary>How long a bot thinks before this command: the configured delay, spread by the version.</summary>
    public static TimeSpan Delay(BotOptions options, TableState state, int seat)
    {
        var spread = (state.Version * 7919 + seat * 104729) % 1000 / 1000.0;
        return TimeSpan.FromMilliseconds(options.DelayMilliseconds * (0.5 + spread));
    }
}

/// <summary>The table's bot seats: after every change, the next bot command goes through the same decide/append path as a phone's.</summary>
internal sealed partial class TableGrain
{
    /// <summary>At most this many commands of one bot seat in one phase: a guard against two bots answering each other for ever.</summary>
    private const int BotCommandsPerPhase = 40;

    private IGrainTimer? botTimer;
    private long botScheduledAt = -1;
    private (FlowState Flow, Dictionary<int, int> Count) botCounts = (default, []);

    /// <summary>Arms a timer for the next bot command, when a bot has one; a command id of seat and version keeps a retry from appending twice.</summary>
    private void ScheduleBots()
    {
        if (state is null || rules is null || !state.Playing.Any(s => s.Bot is not null) || botScheduledAt == state.Version)
        {
            return;
        }

        if (BotMoves.Next(rules, state, time.GetUtcNow()) is not { } next)
        {
            return;
        }

        botTimer?.Dispose();
        botScheduledAt = state.Version;
        botTimer = this.RegisterGrainTimer(
            PlayBotAsync,
            new GrainTimerCreationOptions { DueTime = BotMoves.Delay(botOptions.Value, state, next.Seat), Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    private async Task PlayBotAsync(CancellationToken cancellationToken)
    {
        botTimer?.Dispose();
        botTimer = null;
        botScheduledAt = -1;
        if (state is null || rules is null || BotMoves.Next(rules, state, time.GetUtcNow()) is not { } next)
        {
            return;
        }

        if (botCounts.Flow != state.Flow)
        {
            botCounts = (state.Flow, []);
        }

        var count = botCounts.Count.GetValueOrDefault(next.Seat) + 1;
        botCounts.Count[next.Seat] = count;
        if (count > BotCommandsPerPhase)
        {
            logger.LogWarning("Table {Table}: the bot at seat {Seat} stops for this phase after {Count} commands", Id, next.Seat, BotCommandsPerPhase);
            return;
        }

        var result = await ExecuteAsync(new CommandEnvelope($"bot:{next.Seat}:{state.Version}", Actor.Player(next.Seat), next.Command));
        if (!result.Accepted)
        {
            logger.LogWarning("Table {Table}: the bot at seat {Seat} was refused: {Code} {Message}", Id, next.Seat, result.Code, result.Message);
        }
    }
}
