using BenchmarkDotNet.Attributes;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Flow;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Bench;

/// <summary>
/// The pure rules engine on one core: deciding and evolving recorded player commands, folding a
/// 10,000-event session log from the initial state, and building one seat's view. Inputs are
/// made in the setup from games the seeded bots play (see <see cref="Workload"/>).
/// </summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    /// <summary>Recorded commands decided per invocation; BenchmarkDotNet reports time per command.</summary>
    public const int CommandCount = 1_000;

    /// <summary>Events folded per invocation.</summary>
    public const int FoldEventCount = 10_000;

    private TableRules rules = null!;
    private RecordedCommand[] commands = [];
    private TableRules longRules = null!;
    private TableEvent[] longLog = [];
    private TableState viewState = null!;
    private int viewSeat;
    private IReadOnlyList<TableEvent> gameLog = [];
    private TableState[] gameStates = [];

    [GlobalSetup(Target = nameof(DecideAndEvolve))]
    public void SetupCommands()
    {
        rules = new TableRules(Workload.LoadScenario());
        commands = [.. Workload.Commands(rules, CommandCount)];
        foreach (var c in commands)
        {
            if (!rules.Decide(c.State, c.Actor, c.Command, c.Now).Accepted)
            {
                throw new InvalidOperationException($"a recorded command is refused on replay: {c.Command}");
            }
        }
    }

    [GlobalSetup(Target = nameof(FoldLog))]
    public void SetupFold()
    {
        var (stretched, log, _) = Workload.LongGame(Workload.LoadScenario(), FoldEventCount);
        longRules = stretched;
        longLog = [.. log.Take(FoldEventCount)];
    }

    [GlobalSetup(Targets = [nameof(ViewForSeat), nameof(ViewForEverySeatOfOnePush)])]
    public void SetupView()
    {
        rules = new TableRules(Workload.LoadScenario());
        (viewState, viewSeat) = Workload.MidGame(rules);
        if (viewState.Flow.Stage != Stage.Playing)
        {
            throw new InvalidOperationException("the view is meant to be measured on a state in play");
        }
    }

    [GlobalSetup(Target = nameof(ViewsOfEveryPushOfAGame))]
    public void SetupGame() => gameLog = Workload.Record(new TableRules(Workload.LoadScenario()), 5, 1, BotKind.Random).Game.Log;

    /// <summary>Fresh rules and states for every iteration: nothing a previous iteration worked out about them is known.</summary>
    [IterationSetup(Target = nameof(ViewsOfEveryPushOfAGame))]
    public void FreshGame()
    {
        rules = new TableRules(Workload.LoadScenario());
        var state = rules.Initial();
        gameStates = [.. gameLog.Select(e => state = rules.Evolve(state, e))];
    }

    /// <summary>One accepted player command: decide it, then fold its events into the state it was decided on.</summary>
    [Benchmark(OperationsPerInvoke = CommandCount)]
    public long DecideAndEvolve()
    {
        var versions = 0L;
        foreach (var c in commands)
        {
            var decision = rules.Decide(c.State, c.Actor, c.Command, c.Now);
            var state = c.State;
            foreach (var e in decision.Events)
            {
                state = rules.Evolve(state, e);
            }

            versions += state.Version;
        }

        return versions;
    }

    /// <summary>A 10,000-event log of one session folded from <see cref="TableRules.Initial"/>.</summary>
    [Benchmark]
    public TableState FoldLog() => longRules.Fold(longLog);

    /// <summary>What one seat sees of a state in the middle of a game.</summary>
    [Benchmark]
    public SeatView ViewForSeat() => Visibility.ForSeat(rules, viewState, viewSeat);

    /// <summary>
    /// Every seat's view after every event of a whole 5-player random-bot game (seed 1), one push per event in
    /// order, as the web host builds them: what one event leaves unchanged may be reused by the next push.
    /// </summary>
    [Benchmark]
    public int ViewsOfEveryPushOfAGame()
    {
        var actions = 0;
        foreach (var state in gameStates)
        {
            var views = new Visibility.SeatViewsAt(rules, state);
            for (var seat = 0; seat < state.Seats.Length; seat++)
            {
                actions += views.For(seat).Actions.Length;
            }
        }

        return actions;
    }

    /// <summary>What every seat of the same state sees, as one push builds it: the room's view once, then each seat's.</summary>
    [Benchmark]
    public int ViewForEverySeatOfOnePush()
    {
        var views = new Visibility.SeatViewsAt(rules, viewState);
        var actions = 0;
        for (var seat = 0; seat < viewState.Seats.Length; seat++)
        {
            actions += views.For(seat).Actions.Length;
        }

        return actions;
    }
}
