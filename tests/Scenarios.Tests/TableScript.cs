using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Scenarios.Tests;

/// <summary>A table driven command by command in a test: each command must be accepted; its events are folded and logged.</summary>
internal sealed class TableScript(TableRules rules, DateTimeOffset now)
{
    public TableRules Rules { get; } = rules;

    public TableState State { get; private set; } = rules.Initial();

    public List<TableEvent> Log { get; } = [];

    public void Do(Actor actor, Command command)
    {
        var decision = Rules.Decide(State, actor, command, now);
        Assert.True(decision.Accepted, decision.Rejection?.Message);
        foreach (var e in decision.Events)
        {
            State = Rules.Evolve(State, e);
            Log.Add(e);
        }
    }

    /// <summary>Seats these players and starts the game.</summary>
    public TableScript Started(params string[] names)
    {
        foreach (var name in names)
        {
            Do(Actor.System, new TakeSeat(name));
        }

        Do(Actor.Facilitator, new Start(1));
        return this;
    }
}
