using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RegioLab.Sim.Silo.Hosting;

/// <summary>
/// Ends the process when its stop takes longer than <see cref="LiveGameMembership.StopDeadline"/>.
/// A silo whose Redis is gone waits a minute for "I am stopping" to reach membership, whatever the
/// host's shutdown timeout says (measured: 77 s after SIGTERM); the other silos declare it dead
/// anyway, so nothing is gained by waiting, and a supervisor (systemd) expects it gone.
/// </summary>
internal sealed class StopDeadline(IHostApplicationLifetime lifetime, ILogger<StopDeadline> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _ = EndLateAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EndLateAsync()
    {
        await Task.Delay(LiveGameMembership.StopDeadline);
        logger.LogError("The silo did not stop within {Deadline} (is the membership store gone?); ending the process", LiveGameMembership.StopDeadline);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
