using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>The phase flow: start, advance, pause, resume, the timer, the end; and what entering and leaving a phase sets off.</summary>
internal sealed partial class Turn
{
    /// <summary>The most a facilitator can add to or take from a phase's time at once.</summary>
    private const int MaxExtensionSeconds = 3600;

    public Rejection? Start(Actor actor, Start c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        var players = state.Playing.Count();
        if (players < Scenario.Players.Min)
        {
            return Refusals.TooFewPlayers(Scenario.Players.Min, players);
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Start) is not { } next)
        {
            return Refusals.AlreadyStarted;
        }

        var plan = Rotation.Plan(Scenario, state.Seats.Length, [.. state.Playing.Select(s => s.Id)], 1, []);
        Emit(new GameStarted(c.Seed, plan));
        Emit(new FlowChanged(next, null, null, c.Seed));
        return null;
    }

    public Rejection? Advance(Actor actor)
    {
        if (actor.Kind == ActorKind.Player)
        {
            return Refusals.AdvanceByFacilitator;
        }

        if (state.Flow.Paused)
        {
            return Refusals.Paused;
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Advance) is not { } next)
        {
            return Refusals.CannotAdvance;
        }

        Leave(next);
        Enter(next);
        return null;
    }

    public Rejection? Pause(Actor actor)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Pause) is not { } next)
        {
            return Refusals.CannotPause;
        }

        var remaining = state.Deadline is { } deadline ? deadline - now : (TimeSpan?)null;
        Emit(new FlowChanged(next, null, remaining is { } r && r < TimeSpan.Zero ? TimeSpan.Zero : remaining, state.Random));
        return null;
    }

    public Rejection? Resume(Actor actor)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.Resume) is not { } next)
        {
            return Refusals.NotPaused;
        }

        Emit(new FlowChanged(next, state.RemainingWhenPaused is { } left ? now + left : null, null, state.Random));
        return null;
    }

    public Rejection? Extend(Actor actor, ExtendTimer c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (c.Seconds is < -MaxExtensionSeconds or > MaxExtensionSeconds or 0)
        {
            return Refusals.InvalidExtension(MaxExtensionSeconds);
        }

        if (state.Flow.Paused && state.RemainingWhenPaused is { } left)
        {
            // Paused: the time the phase will have left when the game resumes.
            var remaining = left + TimeSpan.FromSeconds(c.Seconds);
            Emit(new PausedTimeChanged(remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining));
            return null;
        }

        if (state.Deadline is not { } deadline)
        {
            return Refusals.NoTimer;
        }

        var extended = deadline.AddSeconds(c.Seconds);
        Emit(new DeadlineChanged(extended < now ? now : extended));
        return null;
    }

    public Rejection? End(Actor actor)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (rules.Flow.Next(state.Flow, FlowTrigger.End) is not { } next)
        {
            return Refusals.AlreadyEnded;
        }

        if (state.Flow.Stage == Stage.Playing)
        {
            // Ending early still closes the open round, so points and the debrief are whole.
            CloseOpenBusiness();
            EndRound();
        }

        Enter(next with { Paused = false });
        return null;
    }

    /// <summary>What happens on leaving the current state towards <paramref name="next"/>.</summary>
    private void Leave(FlowState next)
    {
        if (state.Flow.Stage != Stage.Playing)
        {
            return;
        }

        CloseOpenBusiness();
        if (next.Stage != Stage.Playing || next.Round != state.Flow.Round)
        {
            EndRound();
        }
    }

    /// <summary>Closes what belongs to the phase being left: the ballot, and its dilemma (with the default option when nobody chose).</summary>
    private void CloseOpenBusiness()
    {
        if (state.Ballot is not null)
        {
            CloseBallot();
        }

        if (state.OpenDilemma is { } open)
        {
            var dilemma = Scenario.Dilemma(open);
            if (dilemma.Phase == Scenario.Phase(state.Flow.Phase).Id || state.Flow.Phase == Scenario.Rounds.Phases.Length - 1)
            {
                Emit(new DilemmaResolved(dilemma.Id, dilemma.DefaultOption, null, rules.Changes(state, dilemma.Option(dilemma.DefaultOption).Effects), []));
            }
        }
    }

    /// <summary>The round ends: open proposals expire, goals score for the roles held this round.</summary>
    private void EndRound()
    {
        foreach (var proposal in state.Proposals.ToList())
        {
            Emit(new ProposalAnswered(proposal.Id, -1, string.Empty, Rules.Answer.Expire, string.Empty, [], []));
        }

        var scope = rules.Scope(state);
        foreach (var seat in state.Playing.ToList())
        {
            if (state.RoleOf(seat.Id) is not { } role)
            {
                continue;
            }

            foreach (var goal in Scenario.Role(role).Goals.Where(g => g.When.IsTrue(scope)))
            {
                Emit(new GoalScored(seat.Id, role, state.Flow.Round, goal.Id, goal.Points));
            }
        }
    }

    private void Enter(FlowState next)
    {
        var played = state.Flow.Round;
        var random = state.Random;
        string? draw = null;

        // A dilemma planned for this phase comes instead of a drawn one, in the same decision as the move.
        var due = DueInjects(next);
        if (next.Stage == Stage.Playing && state.OpenDilemma is null && due.Count == 0)
        {
            draw = DilemmaDraw.OnEntering(rules, state, next, ref random);
        }

        var deadline = next.Stage == Stage.Playing ? now + Scenario.Phase(next.Phase).Duration : (DateTimeOffset?)null;
        Emit(new FlowChanged(next, deadline, null, random));
        if (draw is not null)
        {
            Open(Scenario.Dilemma(draw), injected: false);
        }

        Fire(due);

        if (next.Stage == Stage.Debrief)
        {
            FinishGame(played);
        }
    }

    /// <summary>The game is played out (after <paramref name="played"/> rounds): achievements are earned and the community score is fixed.</summary>
    private void FinishGame(int played)
    {
        foreach (var (seat, achievement) in Achievements.AtTheEnd(rules, state, played))
        {
            Emit(new AchievementEarned(seat, achievement));
        }

        Emit(new GameEnded("played", Scoring.Community(Scenario, state)));
    }

    /// <summary>The first round whose roles are not yet in force.</summary>
    private int NextRound() => state.Flow.Stage is Stage.Lobby or Stage.Briefing ? 1 : state.Flow.Round + 1;
}
