using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>Role swaps and reflection: wishes for a role, the facilitator's assignments, handover notes, reflections.</summary>
internal sealed partial class Turn
{
    public Rejection? RequestSwap(Actor actor, RequestRoleSwap c)
    {
        if ((Player(actor) ?? NoteProblem(c.Note)) is { } problem)
        {
            return problem;
        }

        if (!Scenario.Roles.Any(r => r.Id == c.Role))
        {
            return Refusals.UnknownRole(c.Role);
        }

        if (state.Flow.Stage is Stage.Debrief or Stage.Ended)
        {
            return Refusals.GameOver;
        }

        Emit(new RoleSwapRequested(actor.Seat, c.Role, c.Note.Trim()));
        return null;
    }

    public Rejection? Assign(Actor actor, AssignRole c)
    {
        if ((Facilitator(actor) ?? SeatProblem(c.Seat)) is { } problem)
        {
            return problem;
        }

        if (Scenario.Roles.FirstOrDefault(r => r.Id == c.Role) is not { } role)
        {
            return Refusals.UnknownRole(c.Role);
        }

        if (state.Flow.Stage is Stage.Debrief or Stage.Ended)
        {
            return Refusals.GameOver;
        }

        var round = state.Started ? NextRound() : 1;
        if (round > Scenario.Rounds.Count)
        {
            return Refusals.LastRound;
        }

        if (state.Plan.IsDefaultOrEmpty)
        {
            return Refusals.NotStarted;
        }

        var row = state.Plan[round - 1].ToBuilder();
        var old = row[c.Seat];
        var other = Enumerable.Range(0, row.Count).FirstOrDefault(i => i != c.Seat && row[i] == c.Role && !state.Seats[i].Left, -1);
        if (other >= 0)
        {
            row[other] = old;
        }
        else if (row.Count(r => r == c.Role) >= role.SeatsMax || (old.Length > 0 && row.Count(r => r == old) <= Scenario.Role(old).SeatsMin))
        {
            return Refusals.SeatsExceeded(old.Length > 0 ? Scenario.Role(old).Name : role.Name, role.Name);
        }

        row[c.Seat] = c.Role;
        var history = state.Plan.SetItem(round - 1, row.ToImmutable());
        Emit(new RolesPlanned(Rotation.Plan(Scenario, state.Seats.Length, ActiveSeats(), round + 1, history), "assigned"));
        return null;
    }

    public Rejection? Handover(Actor actor, WriteHandoverNote c)
    {
        if ((Player(actor) ?? NoteProblem(c.Text)) is { } problem)
        {
            return problem;
        }

        var text = c.Text.Trim();
        if (text.Length == 0)
        {
            return Refusals.EmptyNote;
        }

        if (state.Flow.Stage is not (Stage.Playing or Stage.RoleSwap) || state.RoleOf(actor.Seat) is not { } role)
        {
            return Refusals.HandoverWhen;
        }

        Emit(new HandoverNoteWritten(actor.Seat, role, state.Flow.Round, text));
        return null;
    }

    public Rejection? Reflect(Actor actor, Reflect c)
    {
        if (Player(actor) is { } notPlayer)
        {
            return notPlayer;
        }

        var word = c.Word.Trim();
        if (word.Length is 0 or > Limits.WordLength || word.Any(char.IsWhiteSpace))
        {
            return Refusals.InvalidWord;
        }

        if (NoteProblem(c.Text) is { } tooLong)
        {
            return tooLong;
        }

        if (state.Flow.Stage is not (Stage.RoleSwap or Stage.Debrief) || state.RoleIn(actor.Seat, state.Flow.Round) is not { } role)
        {
            return Refusals.ReflectWhen;
        }

        Emit(new ReflectionGiven(actor.Seat, role, state.Flow.Round, word, c.Text.Trim()));
        return null;
    }

    private void Replan(int fromRound, string reason)
    {
        if (fromRound <= Scenario.Rounds.Count && !state.Plan.IsDefaultOrEmpty)
        {
            Emit(new RolesPlanned(Rotation.Plan(Scenario, state.Seats.Length, ActiveSeats(), fromRound, state.Plan), reason));
        }
    }

    private int[] ActiveSeats() => [.. state.Playing.Select(s => s.Id)];
}
