using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using RegioLab.Sim.Silo.Hosting;

namespace RegioLab.Sim.Web.Tests;

/// <summary>What the web host with its co-hosted silo sets aside up front (docs/benchmarks.md, issue 17's peak RSS).</summary>
[Collection(WebHostCollection.Name)]
public sealed class HostFootprintTests(WebHostFixture web)
{
    [Fact]
    public void The_silo_remembers_grain_locations_for_a_workshop_day_not_for_a_million_grains()
    {
        var directory = web.Host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value;
        Assert.Equal(SiloSetup.GrainLocationCacheSize, directory.CacheSize);
        Assert.InRange(directory.CacheSize, 10_000, 100_000);
    }
}
