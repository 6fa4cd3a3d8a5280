using System.Text.Json.Serialization;
using RegioLab.Sim.Scenarios.Model;

namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>Who sends a command.</summary>
public enum ActorKind { Player, Facilitator, System, Observer }

/// <summary>The sender of a command: a player's seat, the facilitator, or the system (timers, connections).</summary>
public sealed record Actor(ActorKind Kind, int Seat)
{
    public static readonly Actor Facilitator = new(ActorKind.Facilitator, -1);
    public static readonly Actor System = new(ActorKind.System, -1);

    /// <summary>An observer (through the observer link): may read every table and pin notes, nothing else.</summary>
    public static readonly Actor Observer = new(ActorKind.Observer, -1);

    public static Actor Player(int seat) => new(ActorKind.Player, seat);
}

/// <summary>Something a person or the system asks of a table; the rules decide. In JSON, "type" names the command.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(TakeSeat), "take_seat")]
[JsonDerivedType(typeof(LeaveSeat), "leave_seat")]
[JsonDerivedType(typeof(SetPresence), "set_presence")]
[JsonDerivedType(typeof(Start), "start")]
[JsonDerivedType(typeof(Advance), "advance")]
[JsonDerivedType(typeof(Act), "act")]
[JsonDerivedType(typeof(AnswerProposal), "answer_proposal")]
[JsonDerivedType(typeof(CastVote), "cast_vote")]
[JsonDerivedType(typeof(ResolveDilemma), "resolve_dilemma")]
[JsonDerivedType(typeof(RequestRoleSwap), "request_role_swap")]
[JsonDerivedType(typeof(AssignRole), "assign_role")]
[JsonDerivedType(typeof(WriteHandoverNote), "write_handover_note")]
[JsonDerivedType(typeof(Reflect), "reflect")]
[JsonDerivedType(typeof(Pause), "pause")]
[JsonDerivedType(typeof(Resume), "resume")]
[JsonDerivedType(typeof(ExtendTimer), "extend_timer")]
[JsonDerivedType(typeof(InjectDilemma), "inject_dilemma")]
[JsonDerivedType(typeof(End), "end")]
[JsonDerivedType(typeof(AddBot), "add_bot")]
[JsonDerivedType(typeof(SetBot), "set_bot")]
[JsonDerivedType(typeof(FillBots), "fill_bots")]
[JsonDerivedType(typeof(PinNote), "pin_note")]
[JsonDerivedType(typeof(SendMessage), "send_message")]
[JsonDerivedType(typeof(PlanInject), "plan_inject")]
[JsonDerivedType(typeof(CancelInject), "cancel_inject")]
public abstract record Command;

/// <summary>Join the table in the lobby.</summary>
public sealed record TakeSeat([property: JsonRequired] string Name) : Command;

/// <summary>Leave the table; a player leaves their own seat, the facilitator any.</summary>
public sealed record LeaveSeat([property: JsonRequired] int Seat) : Command;

/// <summary>Mark a seat away or back (the system, when a connection drops or returns).</summary>
public sealed record SetPresence([property: JsonRequired] int Seat, [property: JsonRequired] bool Present) : Command;

/// <summary>Start the game with a seed for every random draw.</summary>
public sealed record Start([property: JsonRequired] ulong Seed) : Command;

/// <summary>Move to the next phase (the facilitator, or the system when the timer runs out).</summary>
public sealed record Advance : Command;

/// <summary>Take a direct action, make a proposal, or call a vote, by the action's kind.</summary>
public sealed record Act([property: JsonRequired] string Action, string Note = "") : Command
{
    public string Note { get; init; } = Note ?? string.Empty;
}

/// <summary>Answer a proposal addressed to me: accept, reject or counter.</summary>
public sealed record AnswerProposal([property: JsonRequired] int Proposal, [property: JsonRequired] Answer Answer, string Note = "") : Command
{
    public string Note { get; init; } = Note ?? string.Empty;
}

/// <summary>Vote in the open ballot.</summary>
public sealed record CastVote([property: JsonRequired] int Ballot, [property: JsonRequired] string Option) : Command;

/// <summary>Decide the open dilemma (when my role decides it).</summary>
public sealed record ResolveDilemma([property: JsonRequired] string Option) : Command;

/// <summary>Ask the facilitator for a role in the next round.</summary>
public sealed record RequestRoleSwap([property: JsonRequired] string Role, string Note = "") : Command
{
    public string Note { get; init; } = Note ?? string.Empty;
}

/// <summary>The facilitator gives a seat a role for the next round (swapping with its planned holder).</summary>
public sealed record AssignRole([property: JsonRequired] int Seat, [property: JsonRequired] string Role) : Command;

/// <summary>Leave a note for the next holder of my role.</summary>
public sealed record WriteHandoverNote([property: JsonRequired] string Text) : Command;

/// <summary>One word for how the role felt, and an optional sentence.</summary>
public sealed record Reflect([property: JsonRequired] string Word, string Text = "") : Command
{
    public string Text { get; init; } = Text ?? string.Empty;
}

public sealed record Pause : Command;

public sealed record Resume : Command;

/// <summary>The facilitator changes the time left in this phase.</summary>
public sealed record ExtendTimer([property: JsonRequired] int Seconds) : Command;

/// <summary>The facilitator puts a dilemma on the table now.</summary>
public sealed record InjectDilemma([property: JsonRequired] string Dilemma) : Command;

/// <summary>The facilitator ends the game (to the debrief, or from the debrief to the end).</summary>
public sealed record End : Command;

/// <summary>The facilitator seats a bot of this kind (null: cooperative) in a new seat, in the lobby or at a running table.</summary>
public sealed record AddBot(string? Kind = null) : Command;

/// <summary>The facilitator lets a bot of this kind play a seat, or (kind null) hands the seat back to its player.</summary>
public sealed record SetBot([property: JsonRequired] int Seat, string? Kind = null) : Command;

/// <summary>The facilitator seats bots (kind null: cooperative) until the table has its seat count (docs/protocol.md, "Bots in seats").</summary>
public sealed record FillBots(string? Kind = null) : Command;
/// <summary>The facilitator or an observer pins a short note to the table's current moment (never shown to players).</summary>
public sealed record PinNote([property: JsonRequired] string Text) : Command;
/// <summary>The facilitator sends a short message to every seat of the table, or to one seat.</summary>
public sealed record SendMessage([property: JsonRequired] string Text, int? Seat = null) : Command;

/// <summary>The facilitator plans a dilemma to come on the table when it enters a round's phase (the phase's id).</summary>
public sealed record PlanInject([property: JsonRequired] int Round, [property: JsonRequired] string Phase, [property: JsonRequired] string Dilemma) : Command;

/// <summary>The facilitator cancels a planned inject that has not fired yet.</summary>
public sealed record CancelInject([property: JsonRequired] int Id) : Command;

/// <summary>
/// What a command needs before the rules can judge it: its text fields present. A command read
/// from JSON with a field set to null is refused with a code here, never left to fail inside the
/// rules (optional notes read null as empty; the JSON reader refuses missing fields).
/// </summary>
public static class CommandShape
{
    /// <summary>The refusal of a command the rules can not read, or null when its fields are all there.</summary>
    public static Rejection? Check(Command? command) => command switch
    {
        null => Refusals.UnreadableCommand("null"),
        TakeSeat { Name: null } => Refusals.MissingField("name"),
        Act { Action: null } => Refusals.MissingField("action"),
        CastVote { Option: null } => Refusals.MissingField("option"),
        ResolveDilemma { Option: null } => Refusals.MissingField("option"),
        RequestRoleSwap { Role: null } => Refusals.MissingField("role"),
        AssignRole { Role: null } => Refusals.MissingField("role"),
        WriteHandoverNote { Text: null } => Refusals.MissingField("text"),
        Reflect { Word: null } => Refusals.MissingField("word"),
        InjectDilemma { Dilemma: null } => Refusals.MissingField("dilemma"),
        PinNote { Text: null } => Refusals.MissingField("text"),
        SendMessage { Text: null } => Refusals.MissingField("text"),
        PlanInject { Phase: null } => Refusals.MissingField("phase"),
        PlanInject { Dilemma: null } => Refusals.MissingField("dilemma"),
        _ => null,
    };
}

/// <summary>Why a command was refused: a stable code and a sentence for the person, in Dutch and in English.</summary>
public sealed record Rejection(string Code, Text Reason)
{
    public Rejection(string code, string nl, string en)
        : this(code, new Text(nl, en))
    {
    }

    /// <summary>The English sentence, for logs and the API.</summary>
    public string Message => Reason.En;
}

/// <summary>The rules' answer to a command: the events to append, or a rejection.</summary>
public sealed record Decision(IReadOnlyList<TableEvent> Events, Rejection? Rejection)
{
    public bool Accepted => Rejection is null;

    public static Decision Reject(Rejection rejection) => new([], rejection);
}
