using System.Diagnostics;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Bench.Durable;

/// <summary>
/// Plays real games at one table through the grains, one command in flight at a time: a workshop
/// with one table of five bot players, started by the facilitator; the bots act until none wants
/// to, then the facilitator advances. The driver keeps its own copy of the state by folding the
/// events each answer carries, and sends every command with the version it decided on. When a game
/// ends it sets up the next one in a new workshop.
/// </summary>
internal sealed class TableDriver(int index, string runId, IGrainFactory grains, RulesCatalog catalog, RunOptions options, Pacer? pacer, TimedEventStore? appends) : IDriver
{
    public static readonly ScenarioRef Scenario = new("buurthuis", 1);

    public const int Players = 5;

    // A phase in which the bots keep acting this many passes is a bot bug, not a game: advance.
    private const int MaxPassesPerPhase = 200;

    // Bots only send legal commands; a table refused this often is broken, and the run stops.
    private const int MaxRejections = 1000;

    private readonly Dictionary<string, int> rejections = new(StringComparer.Ordinal);
    private string sessionId = string.Empty;
    private ITableGrain? table;
    private TableRules? rules;
    private TableState? state;
    private Bot[] bots = [];
    private long sent;
    private FlowState phase;
    private int cursor;
    private int passes;
    private bool acted;

    public List<CommandSample> Samples { get; } = new(4096);

    public int Empty { get; private set; }

    public IReadOnlyDictionary<string, int> Rejections => rejections;

    public int GamesStarted { get; private set; }

    public int GamesFinished { get; private set; }

    public (long Ticks, int Count) Setups { get; private set; }

    public long DriverTicks { get; private set; }

    /// <summary>
    /// Sets up the first game and plays a different number of its commands at each table (0 to 99),
    /// so that the tables do not all end their games, and set up the next, in the same second: a
    /// burst of 200 new workshops at once is an artefact of starting every table together.
    /// </summary>
    public async Task PrepareAsync()
    {
        await NewGameAsync();
        for (var step = 0; step < index * 37 % 100 && state!.Flow.Stage != Stage.Ended; step++)
        {
            var (actor, command) = Next();
            await SendAsync(actor, command, Stopwatch.GetTimestamp());
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (state!.Flow.Stage == Stage.Ended)
            {
                GamesFinished++;
                await NewGameAsync();
                continue;
            }

            var chosen = Stopwatch.GetTimestamp();
            var (actor, command) = Next();
            DriverTicks += Stopwatch.GetTimestamp() - chosen;

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
                break;
            }

            await SendAsync(actor, command, due);
        }
    }

    /// <summary>The next command: the facilitator starts and advances, the bots act in turn while any of them wants to.</summary>
    private (Actor Actor, Command Command) Next()
    {
        switch (state!.Flow.Stage)
        {
            case Stage.Lobby:
                return (Actor.Facilitator, new Start(Seed()));
            case Stage.Playing:
                if (state.Flow != phase)
                {
                    (phase, cursor, passes, acted) = (state.Flow, 0, 0, false);
                }

                var now = DateTimeOffset.UtcNow;
                while (passes < MaxPassesPerPhase)
                {
                    while (cursor < bots.Length)
                    {
                        var bot = bots[cursor++];
                        if (bot.Choose(rules!, state, now) is { } command)
                        {
                            acted = true;
                            return (Actor.Player(bot.Seat), command);
                        }
                    }

                    (cursor, passes) = (0, passes + 1);
                    if (!acted)
                    {
                        break;
                    }

                    acted = false;
                }

                return (Actor.Facilitator, new Advance());
            default:
                return (Actor.Facilitator, new Advance());
        }
    }

    private async Task SendAsync(Actor actor, Command command, long due)
    {
        var envelope = new CommandEnvelope($"{runId}:{index}:{++sent}", actor, command, state!.Version);
        var start = Stopwatch.GetTimestamp();
        var result = await table!.ExecuteAsync(envelope);
        var end = Stopwatch.GetTimestamp();
        if (!result.Accepted)
        {
            var code = result.Code ?? "unknown";
            rejections[code] = rejections.GetValueOrDefault(code) + 1;
            if (rejections.Values.Sum() > MaxRejections)
            {
                throw new InvalidOperationException($"table {index} was refused {MaxRejections} times; the last: {command} {code} {result.Message}");
            }

            // A timer's advance or another writer moved the table on: look again.
            await CatchUpAsync();
            return;
        }

        if (result.Events.IsEmpty)
        {
            Empty++;
            return;
        }

        var append = appends?.Take(sessionId, envelope.ExpectedVersion!.Value);
        Samples.Add(new CommandSample(due, start, end, result.Events.Length, append?.Start ?? 0, append?.End ?? 0));
        var folding = Stopwatch.GetTimestamp();
        foreach (var logged in result.Events)
        {
            state = rules!.Evolve(state, logged.Event);
        }

        DriverTicks += Stopwatch.GetTimestamp() - folding;
        if (state.Version != result.Version)
        {
            // Events this driver never saw (a timer's advance) came in between; fetch them.
            await CatchUpAsync();
        }
    }

    private async Task CatchUpAsync()
    {
        foreach (var logged in await table!.ReadSinceAsync(state!.Version))
        {
            state = rules!.Evolve(state, logged.Event);
        }
    }

    private async Task NewGameAsync()
    {
        var start = Stopwatch.GetTimestamp();
        var workshop = grains.GetGrain<IWorkshopGrain>($"{runId}-{index}-{GamesStarted}");
        var created = await workshop.CreateAsync(new WorkshopSetup(Scenario, 1, null, "en", $"bench table {index}"));
        var seats = new List<int>(Players);
        for (var player = 1; player <= Players; player++)
        {
            var joined = await workshop.JoinAsync($"Player {player}");
            seats.Add(joined.Joined ? joined.Player!.Seat : throw new InvalidOperationException($"player {player} could not join: {joined.Code} {joined.Message}"));
        }

        sessionId = created.Sessions[0];
        table = grains.GetGrain<ITableGrain>(sessionId);
        rules = await catalog.GetAsync(Scenario, null);
        state = rules.Initial();
        await CatchUpAsync();
        bots = [.. seats.Select(seat => new Bot(options.Bots, seat, Seed()))];
        phase = default;
        GamesStarted++;
        Setups = (Setups.Ticks + Stopwatch.GetTimestamp() - start, Setups.Count + 1);
    }

    /// <summary>Differs per table and per game, the same from run to run.</summary>
    private ulong Seed() => ((ulong)index << 32) | (uint)GamesStarted;
}
