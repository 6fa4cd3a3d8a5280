using RegioLab.Sim.Scenarios.Bots;
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

        return Seat(name, bot: null);
    }

    public Rejection? AddBot(Actor actor, AddBot c)
    {
        if ((Facilitator(actor) ?? BotKindProblem(c.Kind)) is { } problem)
        {
            return problem;
        }

        return Seat(BotName(), BotKind(c.Kind));
    }

    public Rejection? FillBots(Actor actor, FillBots c)
    {
        if ((Facilitator(actor) ?? BotKindProblem(c.Kind)) is { } problem)
        {
            return problem;
        }

        // The seat count: one seat per role, within the scenario's players min..max.
        var seats = Math.Clamp(Scenario.Roles.Length, Scenario.Players.Min, Scenario.Players.Max);
        while (state.Playing.Count() < seats)
        {
            if (Seat(BotName(), BotKind(c.Kind)) is { } refused)
            {
                return refused;
            }
        }

        return null;
    }

    public Rejection? SetBot(Actor actor, SetBot c)
    {
        if ((Facilitator(actor) ?? BotKindProblem(c.Kind) ?? SeatProblem(c.Seat)) is { } problem)
        {
            return problem;
        }

        var kind = c.Kind is null ? null : BotKind(c.Kind);
        if (state.Seats[c.Seat].Bot != kind)
        {
            Emit(new BotSwitched(c.Seat, kind));
        }

        return null;
    }

    /// <summary>
    /// A new seat, in the lobby or at a running table (docs/protocol.md, "Late arrivals"). At a running
    /// table the newcomer takes the role this round of a seat whose player left (when one holds a role
    /// nobody plays now), or else a role the table has room for; the rounds still to come are planned
    /// again with the new seat, in one <see cref="RolesPlanned"/>.
    /// </summary>
    private Rejection? Seat(string name, string? bot)
    {
        if (state.Flow.Stage is Stage.Debrief or Stage.Ended)
        {
            return Refusals.GameStarted;
        }

        if (state.Playing.Count() >= Scenario.Players.Max)
        {
            return Refusals.TableFull(Scenario.Players.Max);
        }

        var seat = state.Seats.Length;
        Emit(new SeatTaken(seat, name));
        if (bot is not null)
        {
            Emit(new BotSwitched(seat, bot));
        }

        if (!state.Started || state.Plan.IsDefaultOrEmpty)
        {
            return null;
        }

        var history = state.Plan;
        if (state.Flow.Stage == Stage.Playing)
        {
            var round = state.Flow.Round;
            var row = Enumerable.Range(0, state.Seats.Length).Select(s => state.RoleIn(s, round) ?? string.Empty).ToArray();
            var held = state.Playing.Where(s => s.Id != seat).Select(s => row[s.Id]).Where(r => r.Length > 0).ToList();
            var orphan = state.Seats.FirstOrDefault(s => s.Left && row[s.Id].Length > 0 && !held.Contains(row[s.Id]));
            if (orphan is not null)
            {
                row[seat] = row[orphan.Id];
                row[orphan.Id] = string.Empty;
            }
            else
            {
                // The role the slots for one more player add to those held now; none when every role is full.
                var slots = Rotation.Slots(Scenario, held.Count + 1).Where(r => r.Length > 0).ToList();
                foreach (var role in held)
                {
                    slots.Remove(role);
                }

                row[seat] = slots.FirstOrDefault() ?? string.Empty;
            }

            history = history.SetItem(round - 1, [.. row]);
        }

        Emit(new RolesPlanned(Rotation.Plan(Scenario, state.Seats.Length, ActiveSeats(), NextRound(), history), "seat_taken"));
        return null;
    }

    private Rejection? BotKindProblem(string? kind) =>
        kind is null || BotKinds.TryParse(kind, out _) ? null : Refusals.UnknownBotKind(kind);

    /// <summary>The kind's name as the log keeps it: lowercase; cooperative when none was given.</summary>
    private static string BotKind(string? kind) => (kind ?? "cooperative").ToLowerInvariant();

    /// <summary>A bot's name, numbered at its table: "Bot 1", "Bot 2", ….</summary>
    private string BotName() => $"Bot {state.Seats.Count(s => s.Name.StartsWith("Bot ", StringComparison.Ordinal)) + 1}";

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
