using System.Diagnostics.Metrics;

namespace RegioLab.Sim.Silo.Grains;

/// <summary>
/// The tables' own measurements, on the meter "RegioLab.Sim.Tables" (Prometheus: <c>regiolab_table_…</c>).
/// A static meter like <see cref="Storage.StoreMetrics"/>: grains have no per-host meter of their own.
/// </summary>
public static class TableMetrics
{
    public const string MeterName = "RegioLab.Sim.Tables";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> SubscribersDropped = Meter.CreateCounter<long>(
        "regiolab.table.subscribers.dropped", "{subscriber}", "Web hosts' subscriptions a table dropped because a push to them failed (the host is gone)");

    internal static void SubscriberDropped() => SubscribersDropped.Add(1);
}
