using System.Diagnostics;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Bench.Durable;

/// <summary>
/// For <c>--store-only</c>: one table's appends without the grains, the bots or the rules in the loop.
/// It replays games recorded beforehand, command by command, straight into the silo's event store,
/// so the run shows what the group-commit writer alone can take at the same concurrency.
/// </summary>
internal sealed class StoreDriver(int index, string runId, IEventStore store, IReadOnlyList<IReadOnlyList<TableEvent>> game, Pacer? pacer) : IDriver
{
    public List<CommandSample> Samples { get; } = new(4096);

    public int Empty => 0;

    public IReadOnlyDictionary<string, int> Rejections { get; } = new Dictionary<string, int>();

    public int GamesStarted { get; private set; }

    public int GamesFinished { get; private set; }

    public (long Ticks, int Count) Setups => (0, 0);

    public long DriverTicks => 0;

    public Task PrepareAsync() => Task.CompletedTask;

    public async Task RunAsync(CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var stream = $"{runId}-store-{index}-{round}";
            var version = 0L;
            GamesStarted++;
            foreach (var events in game)
            {
                long due;
                if (pacer is null)
                {
                    due = Stopwatch.GetTimestamp();
                }
                else if (await pacer.WaitAsync(stop) is { } scheduled)
                {
                    due = scheduled;
                }
                else
                {
                    return;
                }

                var start = Stopwatch.GetTimestamp();
                version = await store.AppendAsync(stream, version, events, $"{runId}:{index}:{round}:{version}");
                Samples.Add(new CommandSample(due, start, Stopwatch.GetTimestamp(), events.Count, 0, 0));
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }

            GamesFinished++;
        }
    }

    /// <summary>The events of each command of one bot game at a five-player table (the same kind of game the grains play), seat-taking included.</summary>
    public static IReadOnlyList<IReadOnlyList<TableEvent>> RecordGame(TableRules rules, BotKind bots, ulong seed)
    {
        var commands = new List<IReadOnlyList<TableEvent>>();
        Simulator.Play(rules, TableDriver.Players, seed, bots, (state, actor, command, now) =>
        {
            var decision = rules.Decide(state, actor, command, now);
            if (decision.Events.Count > 0)
            {
                commands.Add(decision.Events);
            }
        });
        return commands;
    }
}
