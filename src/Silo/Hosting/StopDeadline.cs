using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RegioLab.Sim.Silo.Hosting;

/// <summary>
/// Ends the process when its stop takes longer than <see cref="LiveGameMembership.StopDeadline"/>.
/// A silo whose Redis is gone waits a minute for "I am stopping" to reach membership, whatever the
/// host's shutdown timeout says (measured: 77 s after SIGTERM); the other silos declare it dead
/// anyway, so nothing is gained by waiting, and a supervisor (systemd) expects it gone. A host that
/// did stop in time is left alone: in a process that goes on (the tests start and stop many hosts)
/// the deadline of a host long stopped must not end everything else.
/// </summary>
internal sealed class StopDeadline(IHostApplicationLifetime lifetime, ILogger<StopDeadline> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopped = new();

    /// <summary>How long the stop may take (a test shortens it).</summary>
    internal TimeSpan Deadline { get; init; } = LiveGameMembership.StopDeadline;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopping.Register(() => _ = EndLateAsync());
        lifetime.ApplicationStopped.Register(stopped.Cancel);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => stopped.Dispose();

    private async Task EndLateAsync()
    {
        try
        {
            await Task.Delay(Deadline, stopped.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        logger.LogError("The silo did not stop within {Deadline} (is the membership store gone?); ending the process", Deadline);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }
}
