using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Contracts;

/// <summary>How players get their table: spread evenly over the tables, or each picks one (per-table links and QR codes).</summary>
public enum SeatingMode { Spread, Pick }

/// <summary>What a facilitator asks for when creating a workshop.</summary>
[GenerateSerializer, Immutable, Alias("workshop-setup")]
public sealed record WorkshopSetup(ScenarioRef Scenario, int Tables, RotationMode? Rotation, string Language, string Title, SeatingMode Seating = SeatingMode.Spread);

/// <summary>One table as a player choosing a table sees it: how many play there, how many it seats, whether it has started.</summary>
[GenerateSerializer, Immutable, Alias("table-seats")]
public sealed record TableSeats(int Table, int Players, int Max, bool Started);

/// <summary>A new workshop: its code, and the facilitator key, shown only this once.</summary>
[GenerateSerializer, Immutable, Alias("workshop-created")]
public sealed record WorkshopCreated(string WorkshopId, string JoinCode, string FacilitatorKey, ImmutableArray<string> Sessions);

/// <summary>A player of a workshop: their table and seat.</summary>
[GenerateSerializer, Immutable, Alias("workshop-player")]
public sealed record WorkshopPlayer(string PlayerId, string Name, int Table, int Seat);

/// <summary>A workshop as the facilitator sees it.</summary>
[GenerateSerializer, Immutable, Alias("workshop-info")]
public sealed record WorkshopInfo(string WorkshopId, string JoinCode, string Title, ScenarioRef Scenario, RotationMode? Rotation, string Language, ImmutableArray<string> Sessions, ImmutableArray<WorkshopPlayer> Players, DateTimeOffset CreatedAt, SeatingMode Seating = SeatingMode.Spread);

/// <summary>The answer to a join: the player's seat and their token (shown once), or why not (a refusal of the catalogue, <see cref="Refusals"/>).</summary>
[GenerateSerializer, Immutable, Alias("join-result")]
public sealed record JoinResult(bool Joined, WorkshopPlayer? Player, string? SessionId, string? SeatToken, string? Code, string? Message, Text? Reason)
{
    public static JoinResult Refused(Rejection rejection) => new(false, null, null, null, rejection.Code, rejection.Message, rejection.Reason);
}

/// <summary>The answer to moving a player to another table; a refusal says why in English (<see cref="Message"/>) and for the person (<see cref="Reason"/>).</summary>
[GenerateSerializer, Immutable, Alias("move-result")]
public sealed record MoveResult(bool Moved, WorkshopPlayer? Player, string? Code, string? Message, Text? Reason = null)
{
    public static MoveResult Refused(WorkshopPlayer? player, Rejection rejection) => new(false, player, rejection.Code, rejection.Message, rejection.Reason);
}

/// <summary>A facilitator's event: a join code, its tables, the lobby of players and their tables.</summary>
[Alias("workshop")]
public interface IWorkshopGrain : IGrainWithStringKey
{
    /// <summary>Creates the workshop and its tables; refused (throws) when it exists or the setup is invalid.</summary>
    Task<WorkshopCreated> CreateAsync(WorkshopSetup setup);

    /// <summary>The workshop, or null when it was never created.</summary>
    Task<WorkshopInfo?> GetAsync();

    /// <summary>Whether <paramref name="key"/> is this workshop's facilitator key (compared in constant time against its hash).</summary>
    Task<bool> IsFacilitatorAsync(string key);

    /// <summary>Seats a new player at the table with the fewest players that still has room.</summary>
    Task<JoinResult> JoinAsync(string name);

    /// <summary>Seats a new player at the table they chose; a full table is refused by its number.</summary>
    Task<JoinResult> JoinTableAsync(string name, int table);

    /// <summary>Every table's players and seats, for a player choosing a table.</summary>
    Task<ImmutableArray<TableSeats>> SeatsAsync();

    /// <summary>The player a seat token belongs to, or null.</summary>
    Task<WorkshopPlayer?> FindPlayerAsync(string seatToken);

    /// <summary>Moves a player to another table, in the lobby or between rounds (a running table seats them as a late arrival).</summary>
    Task<MoveResult> MovePlayerAsync(string playerId, int table);

    /// <summary>
    /// Erases the workshop from the store: its tables' logs and setups, the workshop with its players'
    /// names, and its join code; the grains holding them let go. False when there was no workshop.
    /// </summary>
    Task<bool> DeleteAsync();

    /// <summary>A new facilitator key in place of <paramref name="currentKey"/> (shown only this once), or null when that key is wrong.</summary>
    Task<string?> RotateKeyAsync(string currentKey);

    /// <summary>A new observer key (shown only this once; the previous one stops working), or null when <paramref name="facilitatorKey"/> is wrong.</summary>
    Task<string?> RotateObserverKeyAsync(string facilitatorKey);

    /// <summary>Whether <paramref name="key"/> is this workshop's observer key (compared in constant time against its hash).</summary>
    Task<bool> IsObserverAsync(string key);

    /// <summary>What the projector shows in debrief mode (null: the tables as live); kept here so every web host's projector sees it.</summary>
    Task<ProjectorShow?> GetProjectorShowAsync();

    /// <summary>Chooses what the projector shows in debrief mode (null: back to the tables as live).</summary>
    Task SetProjectorShowAsync(ProjectorShow? show);
}

/// <summary>
/// What the facilitator puts on the projector in debrief mode: <c>Kind</c> is "curve" (one metric of a
/// table), "reflections" (the word wall), "prompt" (one debrief prompt by its index), "tables" (the
/// tables compared on one metric) or "timeline" (a table's story and metrics at a version).
/// </summary>
[GenerateSerializer, Immutable, Alias("projector-show")]
public sealed record ProjectorShow(
    string Kind,
    int? Table,
    string? Metric,
    int? Prompt,
    long? Version,
    DateTimeOffset ChosenAt);

/// <summary>Join codes: short, unambiguous, unique; each code's grain remembers its workshop.</summary>
[Alias("join-code")]
public interface IJoinCodeGrain : IGrainWithStringKey
{
    /// <summary>Claims this code for a workshop; false when another workshop has it.</summary>
    Task<bool> ClaimAsync(string workshopId);

    /// <summary>The workshop of this code, or null.</summary>
    Task<string?> GetWorkshopAsync();
}

/// <summary>Join codes: six letters and digits nobody mixes up when reading them off a projector (no 0/O, 1/I/L).</summary>
public static class JoinCodes
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int Length = 6;

    /// <summary>A code as typed (any case, spaces around) in its canonical form, or null when it can not be a code.</summary>
    public static string? Normalize(string? typed)
    {
        var code = typed?.Trim().ToUpperInvariant();
        return code is { Length: Length } && code.All(Alphabet.Contains) ? code : null;
    }
}
