using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// Keeps join codes from being guessed without slowing down a room that joins at once. A venue
/// shares one public address, so successful look-ups of a known code never count; only look-ups of
/// codes that do not exist do. An address that looks up <see cref="LimitsOptions.FailedLookupsPerMinute"/>
/// unknown codes within a minute gets every look-up refused (HTTP 429) until that minute is over, so a
/// guesser learns nothing more — and one mistyped code in a room costs nobody anything.
/// </summary>
public sealed class JoinCodeGuard(IOptions<LimitsOptions> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.FailedLookupsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Whether this address has used up its failed look-ups for now.</summary>
    public bool IsBlocked(string address) => failures.GetStatistics(address)?.CurrentAvailablePermits is <= 0;

    /// <summary>Counts a look-up of a code that does not exist.</summary>
    public void Failed(string address)
    {
        using var lease = failures.AttemptAcquire(address);
    }

    /// <summary>The address a request or connection came from (behind a proxy: the proxy's, unless forwarded headers are configured).</summary>
    public static string AddressOf(HttpContext? http) => http?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => failures.Dispose();
}
