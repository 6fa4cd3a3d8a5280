using System.Collections.Immutable;
using Orleans.Concurrency;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Contracts;

/// <summary>What a table plays: a scenario version (and an optional rotation override) in a workshop.</summary>
[GenerateSerializer, Immutable, Alias("session-setup")]
public sealed record SessionSetup(string WorkshopId, int Table, ScenarioRef Scenario, RotationMode? Rotation);

/// <summary>One version of one scenario in the library.</summary>
[GenerateSerializer, Immutable, Alias("scenario-ref")]
public sealed record ScenarioRef(string Id, int Version)
{
    public override string ToString() => $"{Id}@{Version}";
}

/// <summary>A table as it is now: its setup and the version of its log.</summary>
[GenerateSerializer, Immutable, Alias("session-info")]
public sealed record SessionInfo(string SessionId, SessionSetup Setup, long Version);

/// <summary>One event of a table's log with its number (1-based) and the moment it was recorded.</summary>
[GenerateSerializer, Immutable, Alias("logged-event")]
public sealed record LoggedEvent(long Version, SessionEvent Event, DateTimeOffset RecordedAt);

/// <summary>
/// A command for a table. <paramref name="CommandId"/> is chosen by the client and makes the command
/// idempotent: a repeated id gets the first answer and appends nothing. <paramref name="ExpectedVersion"/>,
/// when given, must be the table's version, else the command is refused as stale.
/// </summary>
[GenerateSerializer, Immutable, Alias("command-envelope")]
public sealed record CommandEnvelope(string CommandId, Actor Actor, Command Command, long? ExpectedVersion = null)
{
    public const int MaxCommandIdLength = 100;
}

/// <summary>
/// The answer to a command: accepted with the events it appended (already durable), or refused with a
/// stable code, a sentence for logs and the API (<see cref="Message"/>, English) and one for the person
/// in Dutch and English (<see cref="Reason"/>). <see cref="Version"/> is the table's version after the command.
/// </summary>
[GenerateSerializer, Immutable, Alias("command-result")]
public sealed record CommandResult(bool Accepted, long Version, ImmutableArray<LoggedEvent> Events, string? Code, string? Message, bool Repeated, Text? Reason = null)
{
    public static CommandResult Refused(long version, string code, string message, Text reason) => new(false, version, [], code, message, false, reason);

    public static CommandResult Refused(long version, Rejection rejection) => Refused(version, rejection.Code, rejection.Message, rejection.Reason);
}

/// <summary>Stable codes of refusals that come from the table's envelope rather than the rules.</summary>
public static class CommandCodes
{
    /// <summary>What a person is told when the table changed under their command (stale or conflicting).</summary>
    public static readonly Text LookAgain = new("De tafel was net veranderd. Kijk nog eens en probeer het opnieuw.", "The table had just changed. Have another look and try again.");

    /// <summary>What a person is told when the store could not say whether a command was taken: the same command again is safe.</summary>
    public static readonly Text NotSure = new("Niet zeker of dit is opgeslagen. Probeer het zo nog eens; is het al gelukt, dan gebeurt het niet twee keer.", "Not sure this was saved. Try again in a moment; if it worked, it will not happen twice.");

    /// <summary>What a person is told when the store refused a write: nothing changed, try again.</summary>
    public static readonly Text NothingSaved = new("Even niet opgeslagen; er is niets veranderd. Probeer het opnieuw.", "Not saved just now; nothing changed. Please try again.");

    public const string StaleVersion = "stale_version";
    public const string StorageUnavailable = "storage_unavailable";

    /// <summary>The store may or may not have taken the command (its connection broke during the commit), and could not be asked.</summary>
    public const string StorageUnknown = "storage_unknown";
    public const string Conflict = "conflict";
    public const string NoSuchTable = "no_such_table";
    public const string InvalidCommandId = "invalid_command_id";

    /// <summary>The sender sent more commands than its rate allows; nothing changed.</summary>
    public const string TooFast = "too_fast";
}

/// <summary>New events of a table, pushed to each subscribed web host. A host that sees a gap asks for everything since its version.</summary>
[GenerateSerializer, Immutable, Alias("session-update")]
public sealed record SessionUpdate(string SessionId, long Version, ImmutableArray<LoggedEvent> Events);

/// <summary>Receives a table's new events; one per web host, not per connection.</summary>
public interface ISessionObserver : IGrainObserver
{
    [OneWay]
    Task OnSessionUpdated(SessionUpdate update);
}

/// <summary>One table (session): owns its state, decides commands, appends to the log before telling anyone.</summary>
[Alias("session")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Sets the table up; repeating the same setup is harmless, another setup is refused.</summary>
    Task<SessionInfo> CreateAsync(SessionSetup setup);

    /// <summary>The table's setup and version; throws when the table was never created.</summary>
    Task<SessionInfo> GetInfoAsync();

    Task<CommandResult> ExecuteAsync(CommandEnvelope envelope);

    /// <summary>The events after <paramref name="version"/> (0: the whole log).</summary>
    Task<ImmutableArray<LoggedEvent>> ReadSinceAsync(long version);

    /// <summary>The whole state (for the facilitator and for tests).</summary>
    Task<SessionState> GetStateAsync();

    /// <summary>Subscribes or renews a web host's observer; subscriptions expire unless renewed.</summary>
    Task SubscribeAsync(ISessionObserver observer);

    Task UnsubscribeAsync(ISessionObserver observer);

    /// <summary>
    /// A web host's word on which seats of this table have a connection there. A seat is present while
    /// a host that is still heard from says so; hosts repeat their word (see <see cref="PresenceOptions"/>),
    /// and one that falls silent, having stopped or crashed, stops counting after a lease.
    /// </summary>
    Task ReportPresenceAsync(PresenceReport report);
}

/// <summary>
/// The seats of one table that have a connection on one web host, as of that host's
/// <paramref name="Sequence"/>: it grows with every change of the host's connections, so a report
/// that arrives late cannot undo a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("presence-report")]
public sealed record PresenceReport(string Host, long Sequence, ImmutableArray<int> Seats);

/// <summary>
/// How often each web host repeats its presence reports (configuration section "Presence",
/// <c>ReportSeconds</c>). A table counts a host's word for three of these periods: a host that stops
/// or crashes leaves its seats marked present for at most that long, and a table that starts again
/// waits as long for the hosts' word before it marks seats that nobody reports as away.
/// </summary>
public sealed class PresenceOptions
{
    public const string Section = "Presence";

    public double ReportSeconds { get; set; } = 10;

    public TimeSpan Report => TimeSpan.FromSeconds(ReportSeconds);

    public TimeSpan Lease => Report * 3;
}

/// <summary>Grain keys of tables.</summary>
public static class SessionIds
{
    public static string For(string workshopId, int table) => $"{workshopId}/{table}";

    /// <summary>The workshop and table of a table's key.</summary>
    public static (string WorkshopId, int Table) Parse(string sessionId)
    {
        var slash = sessionId.LastIndexOf('/');
        return (sessionId[..slash], int.Parse(sessionId[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
