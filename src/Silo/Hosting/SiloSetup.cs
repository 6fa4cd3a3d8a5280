using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Hosting;

/// <summary>
/// How a RegioLab silo is put together, shared by the standalone silo, the web host that co-hosts
/// one, and the test cluster. Configuration section "Silo" (not "Orleans", which Orleans reads itself): Clustering (localhost | redis),
/// SiloPort, GatewayPort, ClusterId, ServiceId, Redis (connection string), AdvertisedIP, ListenOnAny,
/// Membership (ClusterMembershipOptions);
/// section "Storage": see <see cref="StorageSetup"/>.
/// </summary>
public static class SiloSetup
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>Clustering (from configuration) plus everything else a silo needs.</summary>
    public static ISiloBuilder UseRegioLab(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Silo");
        var siloPort = orleans.GetValue("SiloPort", DefaultSiloPort);
        var gatewayPort = orleans.GetValue("GatewayPort", DefaultGatewayPort);
        var clustering = orleans.GetValue("Clustering", "localhost")!.ToLowerInvariant();
        switch (clustering)
        {
            case "localhost":
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: orleans.GetValue("ServiceId", "regiolab")!, clusterId: orleans.GetValue("ClusterId", "regiolab")!);
                break;
            case "redis":
                var redis = orleans["Redis"];
                if (string.IsNullOrWhiteSpace(redis))
                {
                    throw new InvalidOperationException("Silo:Clustering is 'redis' but Silo:Redis (the connection string) is not set");
                }

                silo.UseRedisClustering(redis);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = orleans.GetValue("ClusterId", "regiolab")!;
                    o.ServiceId = orleans.GetValue("ServiceId", "regiolab")!;
                });
                var advertised = orleans["AdvertisedIP"] is { Length: > 0 } ip ? IPAddress.Parse(ip) : IPAddress.Loopback;
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: orleans.GetValue("ListenOnAny", false));
                break;
            default:
                throw new InvalidOperationException($"Silo:Clustering is '{clustering}'; use 'localhost' or 'redis'");
        }

        // Failure detection can be tuned (e.g. Silo:Membership:ProbeTimeout, NumMissedProbesLimit, NumVotesForDeathDeclaration).
        silo.Services.Configure<ClusterMembershipOptions>(orleans.GetSection("Membership"));
        return silo.AddRegioLabServices(configuration);
    }

    /// <summary>Grains' services, storage and serialization, without clustering (the test cluster brings its own).</summary>
    public static ISiloBuilder AddRegioLabServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddRegioLabStorage(configuration);
        silo.Services.AddSerializer(s => s.AddRegioLabTypes());
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<RulesCatalog>();
        silo.Services.AddOptions<PresenceOptions>()
            .Bind(configuration.GetSection(PresenceOptions.Section))
            .Validate(o => o.ReportSeconds is > 0 and <= 3600, "Presence:ReportSeconds must be more than 0 and at most 3600")
            .ValidateOnStart();
        return silo;
    }

    /// <summary>The host of a standalone silo process.</summary>
    public static IHost BuildStandalone(string[] args)
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
