using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The group-commit writer's measurements, on the meter "RegioLab.Sim.Storage" (Prometheus:
/// <c>regiolab_store_…</c>), each tagged with the engine: how many writes each commit carried, how long
/// a commit took, how long a write waited in the queue before its batch started, and writes that
/// failed by why (conflict, unavailable, outcome_unknown). A static meter, since a store is created
/// before and outside the host's services (the CLI verbs, the benchmarks).
/// </summary>
public static class StoreMetrics
{
    public const string MeterName = "RegioLab.Sim.Storage";

    internal const string Success = "committed";
    internal const string Unavailable = "unavailable";
    internal const string OutcomeUnknown = "outcome_unknown";
    internal const string Conflict = "conflict";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<long> BatchSize = Meter.CreateHistogram<long>(
        "regiolab.store.batch.size", "{write}", "Writes in one group commit, by engine and outcome (committed, unavailable, outcome_unknown)",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "regiolab.store.commit.duration", "s", "From a group commit's start to its COMMIT's answer, by engine and outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1] });

    private static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>(
        "regiolab.store.queue.wait", "s", "From a write being queued to its group commit starting, by engine",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1] });

    private static readonly Counter<long> Failures = Meter.CreateCounter<long>(
        "regiolab.store.failures", "{write}", "Writes the store did not make, by engine and reason (conflict, unavailable, outcome_unknown)");

    /// <summary>Shows every failure series at 0 from the start, so a dashboard's rate has something to start from.</summary>
    internal static void Started(string engine)
    {
        foreach (var reason in (string[])[Conflict, Unavailable, OutcomeUnknown])
        {
            Failures.Add(0, new TagList { { "engine", engine }, { "reason", reason } });
        }
    }

    internal static void Queued(string engine, TimeSpan waited) =>
        QueueWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("engine", engine));

    /// <summary>One group commit done: committed, or failed as a whole (every write in it then counts as a failure).</summary>
    internal static void Committed(string engine, int writes, TimeSpan elapsed, string outcome)
    {
        var tags = new TagList { { "engine", engine }, { "outcome", outcome } };
        BatchSize.Record(writes, tags);
        CommitDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome != Success)
        {
            Failures.Add(writes, new TagList { { "engine", engine }, { "reason", outcome } });
        }
    }

    /// <summary>One write of a committed batch: counted when it was not made (a conflict, or a statement the server refused).</summary>
    internal static void Written(string engine, Exception? failure)
    {
        if (failure is not null)
        {
            Failures.Add(1, new TagList { { "engine", engine }, { "reason", failure is StoreConflictException ? Conflict : Unavailable } });
        }
    }
}
