using System.Diagnostics;

namespace RegioLab.Sim.Bench.Durable;

/// <summary>
/// The open loop's schedule for one table: a table's share of the rate, as evenly spaced due times,
/// staggered across tables so the commands do not arrive in waves. A driver that is late sends at
/// once; the schedule does not stretch, so the lateness shows in the latency from the due time.
/// </summary>
internal sealed class Pacer(double interval, double offset)
{
    private long origin;
    private long count;

    public static Pacer For(int table, int tables, double rate)
    {
        var interval = Stopwatch.Frequency * tables / rate;
        return new Pacer(interval, interval * table / tables);
    }

    /// <summary>Starts the schedule at <paramref name="timestamp"/> (Stopwatch).</summary>
    public void Begin(long timestamp) => origin = timestamp;

    /// <summary>Waits until the next due time and returns it; null when the run stops first.</summary>
    public async Task<long?> WaitAsync(CancellationToken stop)
    {
        var due = origin + (long)(offset + interval * count++);
        var wait = due - Stopwatch.GetTimestamp();
        if (wait > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency), stop);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return due;
    }
}
