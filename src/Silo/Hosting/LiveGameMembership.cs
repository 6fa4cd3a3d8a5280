using Orleans.Configuration;

namespace RegioLab.Sim.Silo.Hosting;

/// <summary>
/// Orleans' failure detection tuned for a live game: every client whole within 5 s of a silo's
/// death, instead of the 10–20 s of Orleans' defaults (issue 16). Each value can be overridden
/// under "Silo:Membership" (a TimeSpan such as <c>00:00:01</c>). The reasoning, and the false
/// positives it risks under load, are in docs/operations.md ("Failure window").
/// </summary>
public static class LiveGameMembership
{
    /// <summary>How long a probe may take before it counts as missed (Orleans: 5 s).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo suspects another (Orleans: 3); with indirect probes a stalled prober does not vote.</summary>
    public const int NumMissedProbesLimit = 3;

    /// <summary>How often a client (a web host) re-reads the gateways from membership (Orleans: 1 min).</summary>
    public static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(5);

    /// <summary>The host's stop cancels what is left after this (a graceful stop of a healthy silo takes a few seconds).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A silo still running this long after its stop began ends itself (<see cref="StopDeadline"/>): within a minute of SIGTERM.</summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(45);

    internal static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
    }
}
