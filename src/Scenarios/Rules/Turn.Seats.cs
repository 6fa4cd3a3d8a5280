using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>Taking, leaving and being present at a seat.</summary>
internal sealed partial class Turn
{
    public Rejection? TakeSeat(TakeSeat c)
    {
        if (PlayerNames.Clean(c.Name) is not { } name)
        {
            return Refusals.InvalidName;
        }

        if (state.Started)
        {
            return Refusals.GameStarted;
        }

        if (state.Playing.Count() >= Scenario.Players.Max)
        {
            return Refusals.TableFull(Scenario.Players.Max);
        }

        Emit(new SeatTaken(state.Seats.Length, name));
        return null;
    }

    public Rejection? LeaveSeat(Actor actor, LeaveSeat c)
    {
        if (actor.Kind == ActorKind.Player && actor.Seat != c.Seat)
        {
            return Refusals.OwnSeatOnly;
        }

        if (SeatProblem(c.Seat) is { } problem)
        {
            return problem;
        }

        Emit(new SeatLeft(c.Seat));
        if (state.Started && state.Flow.Stage is not (Stage.Debrief or Stage.Ended))
        {
            // The seat keeps its history; the rounds still to come are planned without it.
            Replan(NextRound(), "seat_left");
        }

        return null;
    }

    public Rejection? SetPresence(Actor actor, SetPresence c)
    {
        if (actor.Kind == ActorKind.Player)
        {
            return Refusals.PresenceBySystem;
        }

        if (SeatProblem(c.Seat) is { } problem)
        {
            return problem;
        }

        if (state.Seats[c.Seat].Present != c.Present)
        {
            Emit(new PresenceChanged(c.Seat, c.Present));
        }

        return null;
    }
}
