using Stateless;

namespace RegioLab.Sim.Scenarios.Flow;

/// <summary>The stages a table goes through.</summary>
public enum Stage { Lobby, Briefing, Playing, RoleSwap, Debrief, Ended }

/// <summary>Where a table is: stage, round (1-based, 0 before play), phase index within the round, paused or not.</summary>
public readonly record struct FlowState(Stage Stage, int Round, int Phase, bool Paused)
{
    public static readonly FlowState Lobby = new(Stage.Lobby, 0, 0, false);

    /// <summary>Stages in which the game runs and a pause makes sense.</summary>
    public bool CanPause => Stage is Stage.Briefing or Stage.Playing or Stage.RoleSwap;

    public override string ToString() => Stage switch
    {
        Stage.Playing => $"round {Round} phase {Phase + 1}{(Paused ? " (paused)" : "")}",
        Stage.RoleSwap => $"role swap after round {Round}{(Paused ? " (paused)" : "")}",
        _ => $"{Stage.ToString().ToLowerInvariant()}{(Paused ? " (paused)" : "")}",
    };
}

/// <summary>What moves a table from one stage to the next.</summary>
public enum FlowTrigger { Start, Advance, Pause, Resume, End }

/// <summary>
/// The phase flow of one scenario as a Stateless machine: lobby → briefing → each round's
/// phases → role swap between rounds → debrief → ended, with pause from any playing state.
/// The state lives in the session state, outside the machine, so the log rebuilds it.
/// </summary>
public sealed class PhaseFlow
{
    private readonly int rounds;
    private readonly int phases;
    private readonly bool swapBetweenRounds;

    public PhaseFlow(int rounds, int phases, bool swapBetweenRounds)
    {
        this.rounds = rounds;
        this.phases = phases;
        this.swapBetweenRounds = swapBetweenRounds;
    }

    /// <summary>The state the trigger leads to, or null when the trigger is not permitted from <paramref name="from"/>.</summary>
    public FlowState? Next(FlowState from, FlowTrigger trigger)
    {
        var state = from;
        var machine = Build(() => state, s => state = s);
        if (!machine.CanFire(trigger))
        {
            return null;
        }

        machine.Fire(trigger);
        return state;
    }

    /// <summary>Every state of this scenario's flow, in playing order (paused variants excluded).</summary>
    public IEnumerable<FlowState> States()
    {
        yield return FlowState.Lobby;
        yield return new FlowState(Stage.Briefing, 0, 0, false);
        for (var round = 1; round <= rounds; round++)
        {
            for (var phase = 0; phase < phases; phase++)
            {
                yield return new FlowState(Stage.Playing, round, phase, false);
            }

            if (round < rounds && swapBetweenRounds)
            {
                yield return new FlowState(Stage.RoleSwap, round, 0, false);
            }
        }

        yield return new FlowState(Stage.Debrief, rounds, 0, false);
        yield return new FlowState(Stage.Ended, rounds, 0, false);
    }

    private StateMachine<FlowState, FlowTrigger> Build(Func<FlowState> read, Action<FlowState> write)
    {
        // Only the states reachable from the current one matter, but configuring all of them
        // keeps the machine a faithful picture of the scenario (and is cheap: a few dozen states).
        var machine = new StateMachine<FlowState, FlowTrigger>(read, write);
        var ended = new FlowState(Stage.Ended, rounds, 0, false);
        var debrief = new FlowState(Stage.Debrief, rounds, 0, false);
        machine.Configure(FlowState.Lobby)
            .Permit(FlowTrigger.Start, new FlowState(Stage.Briefing, 0, 0, false))
            .Permit(FlowTrigger.End, ended);

        foreach (var state in States().Where(s => s.Stage is not (Stage.Lobby or Stage.Ended)))
        {
            var configured = machine.Configure(state).Permit(FlowTrigger.Advance, After(state));
            if (state.CanPause)
            {
                var paused = state with { Paused = true };
                configured.Permit(FlowTrigger.Pause, paused);
                machine.Configure(paused)
                    .Permit(FlowTrigger.Resume, state)
                    .Permit(FlowTrigger.End, state.Stage is Stage.Briefing ? ended : debrief);
            }

            configured.Permit(FlowTrigger.End, state.Stage is Stage.Debrief or Stage.Briefing ? ended : debrief);
        }

        return machine;
    }

    private FlowState After(FlowState state) => state.Stage switch
    {
        Stage.Briefing => new FlowState(Stage.Playing, 1, 0, false),
        Stage.Playing when state.Phase + 1 < phases => state with { Phase = state.Phase + 1 },
        Stage.Playing when state.Round < rounds && swapBetweenRounds => new FlowState(Stage.RoleSwap, state.Round, 0, false),
        Stage.Playing when state.Round < rounds => new FlowState(Stage.Playing, state.Round + 1, 0, false),
        Stage.Playing => new FlowState(Stage.Debrief, rounds, 0, false),
        Stage.RoleSwap => new FlowState(Stage.Playing, state.Round + 1, 0, false),
        _ => new FlowState(Stage.Ended, rounds, 0, false),
    };
}
