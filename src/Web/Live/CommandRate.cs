using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// How fast one seat, or one workshop's console, may send commands: a token bucket per sender
/// (Limits:CommandsPerSecond, default 5; Limits:CommandBurst, default 20). A person clicking never
/// meets it; a script that floods a table is refused with <c>too_fast</c> and changes nothing, and
/// every other table keeps its pace. Counted per seat, not per connection, so opening more
/// connections with the same token buys nothing.
/// </summary>
public sealed class CommandRate : IDisposable
{
    public const int DefaultPerSecond = 5;
    public const int DefaultBurst = 20;

    private readonly PartitionedRateLimiter<string> limiter;

    public CommandRate(IOptions<LimitsOptions> options)
    {
        var perSecond = options.Value.CommandsPerSecond;
        var burst = Math.Max(perSecond, options.Value.CommandBurst);
        limiter = PartitionedRateLimiter.Create<string, string>(sender => RateLimitPartition.GetTokenBucketLimiter(sender, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one command's token for <paramref name="sender"/>; false when it has none left.</summary>
    public bool TryTake(string sender)
    {
        using var lease = limiter.AttemptAcquire(sender);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
