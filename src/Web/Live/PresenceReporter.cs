using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Tells each table which of its seats have a connection on this web host: at once when a seat's
/// first connection here comes or its last one goes, and again every <see cref="PresenceOptions.Report"/>
/// for every table with a seat here, so the table knows this host is still there. The table counts
/// every host's word, which is what makes presence right when a seat's connections are on several
/// hosts, and when a host stops without saying goodbye. A report that fails (a silo died and its
/// tables are starting again elsewhere) is tried again every <see cref="Retry"/> until it gets through,
/// so a table that starts again hears this host within about a second of being back, not a period.
/// </summary>
public sealed class PresenceReporter(Attendance attendance, IGrainFactory grains, IOptions<PresenceOptions> options, ILogger<PresenceReporter> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> unreported = new(StringComparer.Ordinal);

    /// <summary>How often failed reports are tried again: a second, or the report period when that is shorter.</summary>
    public TimeSpan Retry => options.Value.Report < TimeSpan.FromSeconds(1) ? options.Value.Report : TimeSpan.FromSeconds(1);

    /// <summary>This host, for as long as the process lives: a restarted host is a new one.</summary>
    public string Host { get; } = $"{Environment.MachineName}/{Guid.NewGuid():N}";

    /// <summary>Reports the seats of one table that have a connection here now.</summary>
    public async Task ReportAsync(string sessionId)
    {
        var (sequence, seats) = attendance.SeatsOf(sessionId);
        try
        {
            // A table that does not answer within a period must not hold up the others' renewals.
            await grains.GetGrain<ITableGrain>(sessionId).ReportPresenceAsync(new PresenceReport(Host, sequence, seats)).WaitAsync(options.Value.Report);
            unreported.TryRemove(sessionId, out _);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong (a silo going down, a table that cannot load its log), it is said
            // again shortly; nothing here may stop the host. Logged once until it gets through.
            if (unreported.TryAdd(sessionId, 0))
            {
                logger.LogWarning(e, "The presence at table {Table} could not be reported; trying again every {Retry}", sessionId, Retry);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Retry);
        var round = TimeSpan.Zero;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            round += Retry;
            if (round >= options.Value.Report)
            {
                round = TimeSpan.Zero;
                await Task.WhenAll(attendance.TablesWithSeats().Union(unreported.Keys, StringComparer.Ordinal).Select(ReportAsync));
            }
            else if (!unreported.IsEmpty)
            {
                await Task.WhenAll(unreported.Keys.Select(ReportAsync));
            }
        }
    }
}
