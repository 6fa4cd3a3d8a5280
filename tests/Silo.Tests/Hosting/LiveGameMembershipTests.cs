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
}
