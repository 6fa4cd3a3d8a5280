using Microsoft.Extensions.Options;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

/// <summary>The token bucket per sender, on a clock the test moves.</summary>
public sealed class CommandRateTests
{
    private readonly ManualClock clock = new();

    private CommandRate Rate(int perSecond = 5, int burst = 20) =>
        new(Options.Create(new LimitsOptions { CommandsPerSecond = perSecond, CommandBurst = burst }), clock);

    [Fact]
    public void A_sender_has_its_burst_then_is_refused_until_time_gives_tokens_back()
    {
        var rate = Rate();
        Assert.All(Enumerable.Range(0, 20), _ => Assert.True(rate.TryTake("seat:a")));
        Assert.False(rate.TryTake("seat:a"));

        clock.Advance(TimeSpan.FromMilliseconds(150));
        Assert.False(rate.TryTake("seat:a"));
        clock.Advance(TimeSpan.FromMilliseconds(60));
        Assert.True(rate.TryTake("seat:a"));
        Assert.False(rate.TryTake("seat:a"));

        // One second gives five, never more than the burst however long the sender waited.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, Enumerable.Range(0, 10).Count(_ => rate.TryTake("seat:a")));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(20, Enumerable.Range(0, 30).Count(_ => rate.TryTake("seat:a")));
    }

    [Fact]
    public void Senders_have_their_own_buckets()
    {
        var rate = Rate(perSecond: 1, burst: 2);
        Assert.True(rate.TryTake("seat:a"));
        Assert.True(rate.TryTake("seat:a"));
        Assert.False(rate.TryTake("seat:a"));
        Assert.True(rate.TryTake("seat:b"));
        Assert.True(rate.TryTake("console:w"));
    }

    [Fact]
    public void A_bucket_full_again_is_forgotten_at_the_next_sweep_and_a_busy_one_is_kept()
    {
        var rate = Rate(perSecond: 1, burst: 100);
        Assert.True(rate.TryTake("idle"));
        Assert.All(Enumerable.Range(0, 100), _ => rate.TryTake("busy"));
        Assert.Equal(2, rate.Senders);

        // After a minute "idle" is full again (1 token back), "busy" has 61 of 100: only "idle" goes.
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True(rate.TryTake("other"));
        Assert.Equal(2, rate.Senders);
        Assert.Equal(61, Enumerable.Range(0, 100).Count(_ => rate.TryTake("busy")));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
