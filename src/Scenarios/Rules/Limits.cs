namespace RegioLab.Sim.Scenarios.Rules;

/// <summary>Every limit on what a person may send, written once: the rules, the hubs, the API and the refusals' texts use these.</summary>
public static class Limits
{
    /// <summary>A player's name, in characters as a person counts them (text elements, not UTF-16 units).</summary>
    public const int NameLength = 40;

    /// <summary>A note with an action or an answer, a handover note, a wish for a role, a reflection's sentence.</summary>
    public const int NoteLength = 500;

    /// <summary>The one word of a reflection.</summary>
    public const int WordLength = 30;

    /// <summary>The id a client gives a command (it makes the command idempotent).</summary>
    public const int CommandIdLength = 60;

    /// <summary>
    /// A command id as a table stores it: the client's id with the hub's prefix that keeps one
    /// sender's ids apart from another's (a player's id, or "console:" and a table number).
    /// </summary>
    public const int StoredCommandIdLength = CommandIdLength + 40;

    public const int Tables = 20;

    public const int TitleLength = 80;
}
