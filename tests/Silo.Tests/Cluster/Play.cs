using System.Text.Json;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>Drives a table through its grain the way a room would: bots act, the facilitator advances.</summary>
internal sealed class Play(IGrainFactory grains, string sessionId, TableRules rules)
{
    private int next;

    public ITableGrain Table => grains.GetGrain<ITableGrain>(sessionId);

    public List<CommandResult> Accepted { get; } = [];

    public async Task<CommandResult> SendAsync(Actor actor, Command command, long? expected = null)
    {
        var envelope = new CommandEnvelope($"test:{Interlocked.Increment(ref next)}", actor, command, expected);
        var result = await RetryAsync(() => Table.ExecuteAsync(envelope));
        if (result.Accepted)
        {
            Accepted.Add(result);
        }

        return result;
    }

    /// <summary>One command that changes a table of four: a cooperative bot's move, or else the facilitator's advance.</summary>
    public static (Actor Actor, Command Command) NextMove(TableRules rules, TableState state)
    {
        for (var seat = 0; seat < 4; seat++)
        {
            if (new Bot(BotKind.Cooperative, seat, 7).Choose(rules, state, DateTimeOffset.UtcNow) is { } command)
            {
                return (Actor.Player(seat), command);
            }
        }

        return (Actor.Facilitator, new Advance());
    }

    /// <summary>Bots act until none wants to, then the facilitator advances; repeated <paramref name="phases"/> times or until the game ends.</summary>
    public async Task PlayAsync(int players, int phases = int.MaxValue, ulong seed = 7)
    {
        var bots = Enumerable.Range(0, players).Select(i => new Bot(BotKind.Cooperative, i, seed)).ToArray();
        for (var phase = 0; phase < phases; phase++)
        {
            var state = await RetryAsync(Table.GetStateAsync);
            if (state.Flow.Stage == Stage.Ended)
            {
                return;
            }

            if (state.Flow.Stage == Stage.Playing)
            {
                for (var step = 0; step < 50; step++)
                {
                    var acted = false;
                    foreach (var bot in bots)
                    {
                        state = await RetryAsync(Table.GetStateAsync);
                        if (bot.Choose(rules, state, DateTimeOffset.UtcNow) is { } command)
                        {
                            var result = await SendAsync(Actor.Player(bot.Seat), command, state.Version);
                            Assert.True(result.Accepted, $"{command} was refused: {result.Code} {result.Message}");
                            acted = true;
                        }
                    }

                    if (!acted)
                    {
                        break;
                    }
                }
            }

            var advanced = await SendAsync(Actor.Facilitator, new Advance());
            Assert.True(advanced.Accepted, $"advance was refused: {advanced.Code} {advanced.Message}");
        }
    }

    /// <summary>
    /// Retries a call that timed out or hit a silo that just died, as a web host would: until the
    /// cluster has noticed the death and the table is active elsewhere. Commands keep their id, so
    /// a retry of one that did land appends nothing.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException && DateTime.UtcNow < until)
            {
                await Task.Delay(500);
            }
        }
    }

    public static string Json(TableState state) => JsonSerializer.Serialize(state, ContractSerialization.Json);
}
