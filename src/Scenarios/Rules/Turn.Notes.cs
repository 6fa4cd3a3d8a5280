using RegioLab.Sim.Scenarios.Flow;

namespace RegioLab.Sim.Scenarios.Rules;

internal sealed partial class Turn
{
    /// <summary>The facilitator or an observer pins a note to the table's current moment; a player never can.</summary>
    public Rejection? PinNote(Actor actor, PinNote c)
    {
        if (actor.Kind is not (ActorKind.Facilitator or ActorKind.Observer))
        {
            return Refusals.FacilitatorOnly;
        }

        if (NoteProblem(c.Text) is { } tooLong)
        {
            return tooLong;
        }

        var text = c.Text.Trim();
        if (text.Length == 0)
        {
            return Refusals.EmptyNote;
        }

        var author = actor.Kind == ActorKind.Observer ? NoteAuthors.Observer : NoteAuthors.Facilitator;
        var phase = state.Flow.Stage == Stage.Playing ? Scenario.Phase(state.Flow.Phase).Id : null;
        Emit(new NotePinned(author, state.Flow.Round, state.Flow.Stage, phase, text));
        return null;
    }
}

/// <summary>Who pinned a note (<see cref="NotePinned.Author"/>).</summary>
public static class NoteAuthors
{
    public const string Facilitator = "facilitator";
    public const string Observer = "observer";
}
