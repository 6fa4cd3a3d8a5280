using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// Tells each table which of its seats have a connection on this web host: at once when a seat's
/// first connection here comes or its last one goes, and again every <see cref="PresenceOptions.Report"/>
/// for every table with a seat here, so the table knows this host is still there. The table counts
/// every host's word, which is what makes presence right when a seat's connections are on several
/// hosts, and when a host stops without saying goodbye.
/// </summary>
public sealed class PresenceReporter(Attendance attendance, IGrainFactory grains, IOptions<PresenceOptions> options, ILogger<PresenceReporter> logger) : BackgroundService
{
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
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever went wrong (a silo going down, a table that cannot load its log), the next
            // round of reports says it again; nothing here may stop the host.
            logger.LogWarning(e, "The presence at table {Table} could not be reported", sessionId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Report);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await Task.WhenAll(attendance.TablesWithSeats().Select(ReportAsync));
        }
    }
}
