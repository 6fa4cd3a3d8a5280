using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace RegioLab.Sim.Silo.Hosting;

/// <summary>
/// How this silo finds its cluster; bound from the "Silo" configuration section (not "Orleans",
/// which Orleans reads itself). Failure detection is Orleans' own <c>ClusterMembershipOptions</c>,
/// bound from "Silo:Membership".
/// </summary>
internal sealed class SiloOptions
{
    public const string Section = "Silo";

    public const string LocalhostClustering = "localhost";

    public const string RedisClustering = "redis";

    /// <summary>"localhost" (one silo, the default) or "redis" (a cluster whose membership lives in <see cref="Redis"/>).</summary>
    public string Clustering { get; set; } = LocalhostClustering;

    /// <summary>The Redis connection string for cluster membership; required with "redis".</summary>
    public string? Redis { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "regiolab";

    public string ServiceId { get; set; } = "regiolab";

    /// <summary>With "redis": the address other silos reach this one at; loopback when not set.</summary>
    public string? AdvertisedIP { get; set; }

    public bool ListenOnAny { get; set; }

    /// <summary>
    /// Collect the Orleans dashboard's statistics (off by default: it profiles every grain call). The
    /// web host with the same setting shows the dashboard at /dashboard (docs/operations.md).
    /// </summary>
    public bool Dashboard { get; set; }

    internal bool IsRedis => string.Equals(Clustering, RedisClustering, StringComparison.OrdinalIgnoreCase);

    internal IPAddress Advertised => string.IsNullOrWhiteSpace(AdvertisedIP) ? IPAddress.Loopback : IPAddress.Parse(AdvertisedIP);

    /// <summary>
    /// The "Silo" section, bound and validated now: Orleans reads it while the host is being built,
    /// before options validation at start could run.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is wrong; the message names its key.</exception>
    public static SiloOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<SiloOptions>() ?? new SiloOptions();
        var result = new SiloOptionsValidator().Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(SiloOptions), result.Failures) : options;
    }
}

/// <summary>Checks a "Silo" section; every message names the key to fix.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new List<string>();
        if (!options.IsRedis && !string.Equals(options.Clustering, SiloOptions.LocalhostClustering, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"Silo:Clustering must be {SiloOptions.LocalhostClustering} or {SiloOptions.RedisClustering}, not '{options.Clustering}'");
        }

        if (options.IsRedis && string.IsNullOrWhiteSpace(options.Redis))
        {
            failures.Add("Silo:Redis (the Redis connection string) is required when Silo:Clustering is redis");
        }

        CheckPort(failures, "Silo:SiloPort", options.SiloPort);
        CheckPort(failures, "Silo:GatewayPort", options.GatewayPort);
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Silo:ClusterId must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Silo:ServiceId must not be empty");
        }

        if (!string.IsNullOrWhiteSpace(options.AdvertisedIP) && !IPAddress.TryParse(options.AdvertisedIP, out _))
        {
            failures.Add($"Silo:AdvertisedIP must be an IP address such as 10.0.0.5, not '{options.AdvertisedIP}'");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > IPEndPoint.MaxPort)
        {
            failures.Add($"{key} must be a port from 1 to {IPEndPoint.MaxPort}, not {port}");
        }
    }
}
