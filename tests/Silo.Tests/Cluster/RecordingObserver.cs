using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>Records the events pushed to it.</summary>
internal sealed class RecordingObserver : ISessionObserver
{
    private readonly Lock gate = new();
    private readonly List<LoggedEvent> events = [];

    public IReadOnlyList<LoggedEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public Task OnSessionUpdated(SessionUpdate update)
    {
        lock (gate)
        {
            events.AddRange(update.Events);
        }

        return Task.CompletedTask;
    }

    public async Task WaitForAsync(long version)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (Events.LastOrDefault()?.Version != version && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }
    }
}
