using System.ComponentModel.DataAnnotations;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web;

/// <summary>How fast clients may join, create and play; bound from the "Limits" configuration section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>
    /// Look-ups of join codes that do not exist, per client address per minute; past it every look-up
    /// from that address gets HTTP 429 until the minute is over. Joins to a known code never count:
    /// a room shares one address (<see cref="Api.JoinCodeGuard"/>).
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "Limits:FailedLookupsPerMinute must be 1 or more")]
    public int FailedLookupsPerMinute { get; set; } = 30;

    /// <summary>Workshops created per client address per minute; more get HTTP 429.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Limits:CreatesPerMinute must be 1 or more")]
    public int CreatesPerMinute { get; set; } = 10;

    /// <summary>Commands one seat or console may send at once; a burst below <see cref="CommandsPerSecond"/> is raised to it.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Limits:CommandBurst must be 1 or more")]
    public int CommandBurst { get; set; } = CommandRate.DefaultBurst;

    /// <summary>Commands one seat or console may send per second, once its burst is spent.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Limits:CommandsPerSecond must be 1 or more")]
    public int CommandsPerSecond { get; set; } = CommandRate.DefaultPerSecond;
}
