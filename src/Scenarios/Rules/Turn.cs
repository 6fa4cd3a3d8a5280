using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>
/// One decision in progress: it emits events and folds each into its working state at once,
/// so that later steps of the same command (closing a phase, scoring a round, drawing a
/// dilemma) see what earlier steps did. A command's guard returns a rejection from
/// <see cref="Refusals"/>, or null when accepted. The guards live by concern: seats, flow,
/// play, and role swaps; the automatic consequences in <see cref="DilemmaDraw"/>,
/// <see cref="BallotTally"/> and <see cref="Achievements"/>.
/// </summary>
internal sealed partial class Turn(TableRules rules, TableState state, DateTimeOffset now)
{
    private readonly List<TableEvent> events = [];
    private TableState state = state;

    public IReadOnlyList<TableEvent> Events => events;

    private Scenario Scenario => rules.Scenario;

    private void Emit(TableEvent e)
    {
        events.Add(e);
        state = rules.Evolve(state, e);
    }

    private Rejection? SeatProblem(int seat) =>
        seat < 0 || seat >= state.Seats.Length ? Refusals.NoSuchSeat(seat)
        : state.Seats[seat].Left ? Refusals.SeatLeft
        : null;

    private Rejection? Player(Actor actor) =>
        actor.Kind != ActorKind.Player ? Refusals.NotAPlayer : SeatProblem(actor.Seat);

    /// <summary>A seated player, and the game not paused.</summary>
    private Rejection? PlayerInPlay(Actor actor) =>
        Player(actor) ?? (state.Flow.Paused ? Refusals.Paused : null);

    private static Rejection? Facilitator(Actor actor) =>
        actor.Kind == ActorKind.Player ? Refusals.FacilitatorOnly : null;

    /// <summary>A note that is too long: notes are checked by length before anything else, so every command words it the same.</summary>
    private static Rejection? NoteProblem(string note) =>
        note.Length > Limits.NoteLength ? Refusals.TooLong : null;
}
