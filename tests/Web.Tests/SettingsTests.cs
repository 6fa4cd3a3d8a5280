using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RegioLab.Sim.Web.Tests;

public sealed class SettingsTests
{
    [Theory]
    [InlineData("Silo:Clustering", "foo", "Silo:Clustering must be localhost or redis, not 'foo'")]
    [InlineData("Silo:Clustering", "redis", "Silo:Redis (the Redis connection string) is required")]
    [InlineData("Silo:AdvertisedIP", "somewhere", "Silo:AdvertisedIP must be an IP address")]
    [InlineData("Silo:SiloPort", "70000", "Silo:SiloPort must be a port from 1 to 65535")]
    [InlineData("Silo:GatewayPort", "many", "Silo:GatewayPort")]
    [InlineData("Storage:Provider", "mysql", "Storage:Provider must be 'sqlite'")]
    [InlineData("Limits:FailedLookupsPerMinute", "-1", "Limits:FailedLookupsPerMinute must be 1 or more")]
    [InlineData("Limits:CommandsPerSecond", "0", "Limits:CommandsPerSecond must be 1 or more")]
    [InlineData("Presence:ReportSeconds", "0", "Presence:ReportSeconds must be more than 0")]
    [InlineData("Web:PublicUrl", "192.168.1.20:5000", "Web:PublicUrl must be an absolute http or https URL")]
    public async Task A_host_with_a_wrong_setting_does_not_start_and_says_which_key_is_wrong(string key, string value, string message)
    {
        await using var host = new WebHost(new Dictionary<string, string> { [key] = value });

        var error = Record.Exception(() => host.Start());

        Assert.NotNull(error);
        Assert.Contains(message, Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_settings_the_limits_are_the_documented_defaults()
    {
        var limits = Options<LimitsOptions>([]);

        Assert.Equal((30, 10, 20, 5), (limits.FailedLookupsPerMinute, limits.CreatesPerMinute, limits.CommandBurst, limits.CommandsPerSecond));
        Assert.Null(Options<WebOptions>([]).PublicUrl);
    }

    [Theory]
    [InlineData("Limits:CreatesPerMinute", "0", "Limits:CreatesPerMinute must be 1 or more")]
    [InlineData("Limits:CommandBurst", "-5", "Limits:CommandBurst must be 1 or more")]
    [InlineData("Web:PublicUrl", "ftp://192.168.1.20", "Web:PublicUrl must be an absolute http or https URL")]
    [InlineData("Web:PublicUrl", "/regiolab", "Web:PublicUrl must be an absolute http or https URL")]
    public void A_wrong_web_setting_is_refused_with_its_key(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = Options<LimitsOptions>(new() { [key] = value });
            _ = Options<WebOptions>(new() { [key] = value });
        });

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://192.168.1.20:5000")]
    [InlineData("https://regiolab.example/")]
    [InlineData("")]
    public void A_public_url_may_be_any_http_or_https_origin_or_nothing(string url)
    {
        Assert.Equal(url, Options<WebOptions>(new() { ["Web:PublicUrl"] = url }).PublicUrl ?? "");
    }

    /// <summary>The options the web host would get from these settings, validated as at start.</summary>
    private static T Options<T>(Dictionary<string, string?> settings)
        where T : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddApplicationServices()
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<T>>().Value;
    }

    /// <summary>The message of an exception and of everything inside it: start-up failures come wrapped.</summary>
    private static string Messages(Exception error) => error switch
    {
        AggregateException all => string.Join(Environment.NewLine, all.InnerExceptions.Select(Messages).Prepend(all.Message)),
        { InnerException: { } inner } => error.Message + Environment.NewLine + Messages(inner),
        _ => error.Message,
    };
}
