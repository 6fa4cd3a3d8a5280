using System.Text;
using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>The console's messages and the inject plan: dilemmas planned for a round's phase, fired by the table as it enters that phase.</summary>
internal sealed partial class Turn
{
    public Rejection? Message(Actor actor, SendMessage c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        var text = CleanMessage(c.Text);
        if (NoteProblem(text) is { } tooLong)
        {
            return tooLong;
        }

        if (text.Length == 0)
        {
            return Refusals.EmptyNote;
        }

        if (c.Seat is { } seat && SeatProblem(seat) is { } noSeat)
        {
            return noSeat;
        }

        Emit(new MessageSent(c.Seat, text));
        return null;
    }

    public Rejection? PlanInject(Actor actor, PlanInject c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (!Scenario.Dilemmas.Any(d => d.Id == c.Dilemma))
        {
            return Refusals.UnknownDilemma(c.Dilemma);
        }

        if (c.Round < 1 || c.Round > Scenario.Rounds.Count)
        {
            return Refusals.InvalidRound(Scenario.Rounds.Count);
        }

        var phases = Scenario.Rounds.Phases;
        var index = Enumerable.Range(0, phases.Length).FirstOrDefault(i => phases[i].Id == c.Phase, -1);
        if (index < 0)
        {
            return Refusals.UnknownPhase(c.Phase, phases.Select(p => p.Id));
        }

        if (state.Flow.Stage is Stage.Debrief or Stage.Ended)
        {
            return Refusals.GameOver;
        }

        var label = phases[index].Label;
        var flow = state.Flow;
        var past = flow.Stage switch
        {
            Stage.Playing => c.Round < flow.Round || (c.Round == flow.Round && index <= flow.Phase),
            Stage.RoleSwap => c.Round <= flow.Round,
            _ => false,
        };
        if (past)
        {
            return Refusals.InjectPast(c.Round, label);
        }

        if (state.Injects.Any(i => i.Status == InjectStatus.Planned && i.Round == c.Round && i.Phase == c.Phase))
        {
            return Refusals.InjectSlotTaken(c.Round, label);
        }

        Emit(new InjectPlanned(state.Injects.Count + 1, c.Round, c.Phase, c.Dilemma));
        return null;
    }

    public Rejection? CancelInject(Actor actor, CancelInject c)
    {
        if (Facilitator(actor) is { } notAllowed)
        {
            return notAllowed;
        }

        if (state.Injects.FirstOrDefault(i => i.Id == c.Id) is not { } planned)
        {
            return Refusals.NoSuchInject(c.Id);
        }

        if (planned.Status != InjectStatus.Planned)
        {
            return Refusals.InjectDone;
        }

        Emit(new InjectCancelled(c.Id, "cancelled"));
        return null;
    }

    /// <summary>The planned injects for the phase the table is about to enter.</summary>
    private List<PlannedInject> DueInjects(FlowState next) =>
        next.Stage == Stage.Playing
            ? [.. state.Injects.Where(i => i.Status == InjectStatus.Planned && i.Round == next.Round && i.Phase == Scenario.Phase(next.Phase).Id)]
            : [];

    /// <summary>Fires what was planned for the phase just entered; one that finds another dilemma open is cancelled, saying so.</summary>
    private void Fire(List<PlannedInject> due)
    {
        foreach (var inject in due)
        {
            if (state.OpenDilemma is not null)
            {
                Emit(new InjectCancelled(inject.Id, "dilemma_open"));
                continue;
            }

            Emit(new InjectFired(inject.Id));
            Open(Scenario.Dilemma(inject.Dilemma), injected: true);
        }
    }

    /// <summary>A message as it will be shown: trimmed, line breaks kept as "\n", other control characters gone.</summary>
    private static string CleanMessage(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var ch in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (ch == '\n' || !char.IsControl(ch))
            {
                clean.Append(ch);
            }
        }

        return clean.ToString().Trim();
    }
}
