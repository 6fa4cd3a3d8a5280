using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegioLab.Sim.Silo.Hosting;

namespace RegioLab.Sim.Silo.Tests.Hosting;

public sealed class LiveGameMembershipTests
{
    [Fact]
    public void A_silo_declares_a_dead_silo_dead_within_seconds_and_stops_within_a_minute_by_default()
    {
        using var host = Build([]);

        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(1), 3), (membership.ProbeTimeout, membership.NumMissedProbesLimit));
        Assert.True(host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_host_that_stopped_in_time_is_left_alone_when_its_stop_deadline_passes()
    {
        // A process that goes on after a host stopped (every test run starts and stops many hosts):
        // the deadline, still counting, would end this very process a second after the stop.
        var errors = new ErrorCount();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService(sp => new StopDeadline(sp.GetRequiredService<IHostApplicationLifetime>(), errors) { Deadline = TimeSpan.FromSeconds(1) });
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void Silo_membership_settings_override_the_live_game_defaults()
    {
        using var host = Build(new() { ["Silo:Membership:ProbeTimeout"] = "00:00:02", ["Silo:Membership:NumMissedProbesLimit"] = "2" });

        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(2), 2), (membership.ProbeTimeout, membership.NumMissedProbesLimit));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseRegioLab(builder.Configuration));
        return builder.Build();
    }

    /// <summary>Counts the errors logged (the deadline logs one just before it ends the process).</summary>
    private sealed class ErrorCount : Microsoft.Extensions.Logging.ILogger<StopDeadline>
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Error)
            {
                Interlocked.Increment(ref count);
            }
        }
    }
}
