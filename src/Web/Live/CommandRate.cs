using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// How fast one seat, or one workshop's console, may send commands: a token bucket per sender
/// (Limits:CommandsPerSecond, default 5; Limits:CommandBurst, default 20). A person clicking never
/// meets it; a script that floods a table is refused with <c>too_fast</c> and changes nothing, and
/// every other table keeps its pace. Counted per seat, not per connection, so opening more
/// connections with the same token buys nothing.
/// </summary>
/// <remarks>
/// A bucket is refilled when its sender sends, from the time since it last did: nothing runs between
/// commands. (System.Threading.RateLimiting's partitioned limiter visits every sender's bucket ten times
/// a second: 1 % of the web host's CPU at 1,000 players, docs/benchmarks.md.) A bucket that would be full
/// again is forgotten at the next sweep, at most once a minute.
/// </remarks>
public sealed class CommandRate(IOptions<LimitsOptions> options, TimeProvider? time = null)
{
    public const int DefaultPerSecond = 5;
    public const int DefaultBurst = 20;

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly double perSecond = options.Value.CommandsPerSecond;
    private readonly double burst = Math.Max(options.Value.CommandsPerSecond, options.Value.CommandBurst);
    private long lastSweep = (time ?? TimeProvider.System).GetTimestamp();

    /// <summary>Takes one command's token for <paramref name="sender"/>; false when it has none left.</summary>
    public bool TryTake(string sender)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        var bucket = buckets.GetOrAdd(sender, static (_, full) => new Bucket(full), (burst, now));
        lock (bucket)
        {
            bucket.Refill(now, time, perSecond, burst);
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens--;
            return true;
        }
    }

    /// <summary>Senders with a bucket now (for tests).</summary>
    internal int Senders => buckets.Count;

    private void SweepIfDue(long now)
    {
        var last = Interlocked.Read(ref lastSweep);
        if (time.GetElapsedTime(last, now) < SweepEvery || Interlocked.CompareExchange(ref lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (sender, bucket) in buckets)
        {
            lock (bucket)
            {
                bucket.Refill(now, time, perSecond, burst);
                if (bucket.Tokens >= burst)
                {
                    // Full again: forgetting it changes nothing for its sender.
                    buckets.TryRemove(new KeyValuePair<string, Bucket>(sender, bucket));
                }
            }
        }
    }

    private sealed class Bucket((double Burst, long Now) start)
    {
        public double Tokens { get; set; } = start.Burst;

        private long refilled = start.Now;

        public void Refill(long now, TimeProvider time, double perSecond, double burst)
        {
            if (now <= refilled)
            {
                return;
            }

            Tokens = Math.Min(burst, Tokens + (time.GetElapsedTime(refilled, now).TotalSeconds * perSecond));
            refilled = now;
        }
    }
}
