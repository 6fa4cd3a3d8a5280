using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Silo.Hosting;

namespace RegioLab.Sim.Silo.Tests.Hosting;

public sealed class SiloOptionsTests
{
    [Fact]
    public void Without_a_silo_section_the_silo_is_a_localhost_silo_on_the_documented_ports()
    {
        var options = SiloOptions.Read(Configuration([]));

        Assert.False(options.IsRedis);
        Assert.Equal((11111, 30000, "regiolab", "regiolab"), (options.SiloPort, options.GatewayPort, options.ClusterId, options.ServiceId));
        Assert.Equal(IPAddress.Loopback, options.Advertised);
        Assert.False(options.ListenOnAny);
    }

    [Fact]
    public void A_redis_cluster_takes_its_connection_address_and_ids_from_the_section()
    {
        var options = SiloOptions.Read(Configuration(new()
        {
            ["Silo:Clustering"] = "Redis",
            ["Silo:Redis"] = "127.0.0.1:6379",
            ["Silo:AdvertisedIP"] = "10.0.0.5",
            ["Silo:ListenOnAny"] = "true",
            ["Silo:SiloPort"] = "11112",
            ["Silo:ClusterId"] = "north",
        }));

        Assert.True(options.IsRedis);
        Assert.Equal("127.0.0.1:6379", options.Redis);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), options.Advertised);
        Assert.True(options.ListenOnAny);
        Assert.Equal((11112, "north", "regiolab"), (options.SiloPort, options.ClusterId, options.ServiceId));
    }

    [Theory]
    [InlineData("Silo:Clustering", "foo", "Silo:Clustering must be localhost or redis, not 'foo'")]
    [InlineData("Silo:Clustering", "redis", "Silo:Redis (the Redis connection string) is required when Silo:Clustering is redis")]
    [InlineData("Silo:SiloPort", "0", "Silo:SiloPort must be a port from 1 to 65535, not 0")]
    [InlineData("Silo:GatewayPort", "65536", "Silo:GatewayPort must be a port from 1 to 65535, not 65536")]
    [InlineData("Silo:ClusterId", " ", "Silo:ClusterId must not be empty")]
    [InlineData("Silo:ServiceId", "", "Silo:ServiceId must not be empty")]
    [InlineData("Silo:AdvertisedIP", "silo-1.local", "Silo:AdvertisedIP must be an IP address such as 10.0.0.5, not 'silo-1.local'")]
    public void A_wrong_silo_setting_is_refused_with_its_key(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloOptions.Read(Configuration(new() { [key] = value })));

        Assert.Equal(typeof(SiloOptions), error.OptionsType);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_wrong_silo_setting_is_named_at_once()
    {
        var error = Assert.Throws<OptionsValidationException>(() => SiloOptions.Read(Configuration(new()
        {
            ["Silo:Clustering"] = "consul",
            ["Silo:SiloPort"] = "-1",
        })));

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_refused_with_its_key()
    {
        var error = Assert.ThrowsAny<InvalidOperationException>(() => SiloOptions.Read(Configuration(new() { ["Silo:SiloPort"] = "eleven" })));

        Assert.Contains("Silo:SiloPort", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
