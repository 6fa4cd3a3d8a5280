using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Grains;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Hosting;

/// <summary>
/// How a RegioLab silo is put together, shared by the standalone silo, the web host that co-hosts
/// one, and the test cluster. Configuration section "Silo": see <see cref="SiloOptions"/>;
/// section "Storage": see <see cref="StorageSetup"/>; section "Presence": see <see cref="PresenceOptions"/>.
/// </summary>
public static class SiloSetup
{
    /// <summary>How many grain locations a silo remembers (Orleans' default: 1,000,000).</summary>
    public const int GrainLocationCacheSize = 50_000;

    /// <summary>Clustering (from configuration) plus everything else a silo needs.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A "Silo" setting is wrong; the message names its key.</exception>
    public static ISiloBuilder UseRegioLab(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = SiloOptions.Read(configuration);
        if (options.IsRedis)
        {
            silo.UseRedisClustering(options.Redis!);
            silo.Configure(Named(options));
            silo.ConfigureEndpoints(options.Advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: options.ListenOnAny);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }

        if (options.Dashboard)
        {
            silo.AddDashboard();
        }

        // Registered as well, so the host checks the section again at start like every other.
        silo.Services.AddSingleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>();
        silo.Services.AddOptions<SiloOptions>()
            .Bind(configuration.GetSection(SiloOptions.Section))
            .ValidateOnStart();

        // Failure detection for a live game (docs/operations.md, "Failure window"); Silo:Membership:* overrides it.
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(LiveGameMembership.Apply)
            .Bind(configuration.GetSection(SiloOptions.Section).GetSection("Membership"));

        // A silo whose Redis is gone cannot leave the membership table; it stops anyway (the others declare it dead).
        silo.Services.Configure<HostOptions>(o => o.ShutdownTimeout = LiveGameMembership.ShutdownTimeout);
        silo.Services.AddHostedService<StopDeadline>();

        // Where grains on other silos live: Orleans sizes this cache for a million grains up front (9 MB
        // of the web host's heap at 1,000 players, docs/benchmarks.md); a workshop day has thousands.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = GrainLocationCacheSize);
        return silo.AddRegioLabServices(configuration);
    }

    /// <summary>
    /// A web host that runs no silo of its own: an Orleans client of the cluster the "Silo" section
    /// names (the same keys as the silos': Clustering, Redis, ClusterId, ServiceId, GatewayPort).
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A "Silo" setting is wrong; the message names its key.</exception>
    public static IClientBuilder UseRegioLabClient(this IClientBuilder client, IConfiguration configuration)
    {
        var options = SiloOptions.Read(configuration);
        if (options.IsRedis)
        {
            client.UseRedisClustering(options.Redis!);
            client.Configure(Named(options));
        }
        else
        {
            client.UseLocalhostClustering(options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }

        // Notice new and dead gateways within seconds, not Orleans' default minute. The response
        // timeout stays Orleans' 30 s: calls to a silo declared dead fail at once anyway, and a cold
        // start on a busy machine measured more than 10 s for a first workshop.
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = LiveGameMembership.GatewayListRefresh);
        if (options.Dashboard)
        {
            client.AddDashboard();
        }

        client.Services.AddSerializer(s => s.AddRegioLabTypes());
        client.Services.TryAddSingleton(TimeProvider.System);
        client.Services.TryAddSingleton<RulesCatalog>();
        return client;
    }

    private static Action<ClusterOptions> Named(SiloOptions options) => o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId);

    /// <summary>Grains' services, storage and serialization, without clustering (the test cluster brings its own).</summary>
    internal static ISiloBuilder AddRegioLabServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddRegioLabStorage(configuration);
        silo.Services.AddSerializer(s => s.AddRegioLabTypes());
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<RulesCatalog>();
        silo.Services.AddOptions<PresenceOptions>()
            .Bind(configuration.GetSection(PresenceOptions.Section))
            .Validate(o => o.ReportSeconds is > 0 and <= 3600, "Presence:ReportSeconds must be more than 0 and at most 3600")
            .ValidateOnStart();
        silo.Services.AddOptions<BotOptions>()
            .Bind(configuration.GetSection(BotOptions.Section))
            .Validate(o => o.DelayMilliseconds is >= 0 and <= 60_000, "Bots:DelayMilliseconds must be 0 to 60000")
            .ValidateOnStart();
        return silo;
    }

    /// <summary>The host of a standalone silo process.</summary>
    internal static IHost BuildStandalone(string[] args)
    {
        // silo.settings.json first, so appsettings.json, environment variables and arguments override it.
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "silo.settings.json"), optional: true);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            Configuration = configuration,
        });
        builder.UseOrleans(silo => silo.UseRegioLab(builder.Configuration));
        return builder.Build();
    }
}
