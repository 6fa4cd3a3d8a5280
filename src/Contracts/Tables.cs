using System.Collections.Immutable;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Contracts;

/// <summary>What a table plays: a scenario version (and an optional rotation override) in a workshop.</summary>
[GenerateSerializer, Immutable, Alias("session-setup")]
public sealed record TableSetup(string WorkshopId, int Table, ScenarioRef Scenario, RotationMode? Rotation);

/// <summary>One version of one scenario in the library.</summary>
[GenerateSerializer, Immutable, Alias("scenario-ref")]
public sealed record ScenarioRef(string Id, int Version)
{
    public override string ToString() => $"{Id}@{Version}";
}

/// <summary>A table as it is now: its setup and the version of its log.</summary>
[GenerateSerializer, Immutable, Alias("session-info")]
public sealed record TableInfo(string SessionId, TableSetup Setup, long Version);

/// <summary>One event of a table's log with its number (1-based) and the moment it was recorded.</summary>
[GenerateSerializer, Immutable, Alias("logged-event")]
public sealed record LoggedEvent(long Version, TableEvent Event, DateTimeOffset RecordedAt);

/// <summary>
/// A command for a table. <paramref name="CommandId"/> is chosen by the client and makes the command
/// idempotent: a repeated id gets the first answer and appends nothing. <paramref name="ExpectedVersion"/>,
/// when given, is the version the sender saw: the command is refused as stale when the game changed
/// after it (presence changes do not count: <see cref="TableState.GameVersion"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("command-envelope")]
public sealed record CommandEnvelope(string CommandId, Actor Actor, Command Command, long? ExpectedVersion = null);

/// <summary>
/// The answer to a command: accepted with the events it appended (already durable), or refused with a
/// stable code, a sentence for logs and the API (<see cref="Message"/>, English) and one for the person
/// in Dutch and English (<see cref="Reason"/>), from the one catalogue (<see cref="Refusals"/>).
/// <see cref="Version"/> is the table's version after the command (for a repeated command id: now).
/// </summary>
[GenerateSerializer, Immutable, Alias("command-result")]
public sealed record CommandResult(bool Accepted, long Version, ImmutableArray<LoggedEvent> Events, string? Code, string? Message, bool Repeated, Text? Reason = null)
{
    public static CommandResult Refused(long version, Rejection rejection) => new(false, version, [], rejection.Code, rejection.Message, false, rejection.Reason);
}

/// <summary>New events of a table, pushed to each subscribed web host. A host that sees a gap asks for everything since its version.</summary>
[GenerateSerializer, Immutable, Alias("session-update")]
public sealed record TableUpdate(string SessionId, long Version, ImmutableArray<LoggedEvent> Events);

/// <summary>
/// How long a web host's subscription to a table lasts: hosts renew every <see cref="Renew"/>, and a
/// table drops a subscription not renewed for <see cref="Expiry"/> — three renewals — so the pushes to
/// a host that died stop within half a minute even when no push fails (a host that is gone while
/// the table is quiet), and at its first failed push otherwise.
/// </summary>
public static class ObserverLease
{
    public static readonly TimeSpan Renew = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Expiry = Renew * 3;

    /// <summary>
    /// A renewal that failed (the table's silo died, the table restarts elsewhere) is tried again this
    /// soon, not at the next <see cref="Renew"/>: until it is, the restarted table pushes nothing to this host.
    /// </summary>
    public static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one table's renewal may take. A call to a silo that just died waits out Orleans'
    /// response timeout (30 s); given up after this, it is tried again at <see cref="Retry"/>, and it
    /// never holds up the renewals of other tables.
    /// </summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(3);
}

/// <summary>
/// How long a web host waits for a table to answer a command before it answers <c>unavailable</c>
/// (the same command again is safe: the table knows its command ids). A table on a silo that just died
/// would otherwise keep the sender waiting for Orleans' response timeout (30 s).
/// </summary>
public static class CommandCall
{
    /// <summary>As the grain interface's attribute reads it (<see cref="ITableGrain.ExecuteAsync"/>).</summary>
    public const string TimeoutText = "00:00:05";

    public static readonly TimeSpan Timeout = TimeSpan.Parse(TimeoutText, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Receives a table's new events; one per web host, not per connection. Not one-way: the answer tells
/// the table that the push arrived, and a push that fails ends the host's subscription at once.
/// </summary>
public interface ITableObserver : IGrainObserver
{
    Task OnTableUpdated(TableUpdate update);
}

/// <summary>One table (session): owns its state, decides commands, appends to the log before telling anyone.</summary>
[Alias("session")]
public interface ITableGrain : IGrainWithStringKey
{
    /// <summary>Sets the table up; repeating the same setup is harmless, another setup is refused.</summary>
    Task<TableInfo> CreateAsync(TableSetup setup);

    /// <summary>The table's setup and version; throws when the table was never created.</summary>
    Task<TableInfo> GetInfoAsync();

    /// <summary>
    /// Decides a command, appends its events and publishes them. Orleans gives up on an answer after
    /// <see cref="CommandCall.Timeout"/> (a <see cref="TimeoutException"/>), not its usual 30 s: the
    /// timeout rides on the call Orleans already tracks, so no timer of its own is started per command.
    /// </summary>
    [ResponseTimeout(CommandCall.TimeoutText)]
    Task<CommandResult> ExecuteAsync(CommandEnvelope envelope);

    /// <summary>The events after <paramref name="version"/> (0: the whole log).</summary>
    Task<ImmutableArray<LoggedEvent>> ReadSinceAsync(long version);

    /// <summary>The whole state (for the facilitator and for tests).</summary>
    Task<TableState> GetStateAsync();

    /// <summary>Subscribes or renews a web host's observer; subscriptions expire unless renewed.</summary>
    Task SubscribeAsync(ITableObserver observer);

    Task UnsubscribeAsync(ITableObserver observer);

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
public static class TableIds
{
    public static string For(string workshopId, int table) => $"{workshopId}/{table}";

    /// <summary>The workshop and table of a table's key.</summary>
    public static (string WorkshopId, int Table) Parse(string sessionId)
    {
        var slash = sessionId.LastIndexOf('/');
        return (sessionId[..slash], int.Parse(sessionId[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
