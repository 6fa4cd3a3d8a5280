using Microsoft.AspNetCore.SignalR;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Api;

namespace RegioLab.Sim.Web.Live;

/// <summary>
/// The failure window: a silo died and the cluster has not declared it dead yet (a few seconds,
/// docs/operations.md). A hub method whose grain call fails then is answered with a named refusal
/// the pages retry — <c>host_unavailable</c> for Resume, Open and Watch — instead of SignalR's
/// unnamed error. Methods whose answer has no refusal keep the error.
/// </summary>
internal sealed class ClusterWindow(ILogger<ClusterWindow> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (ClusterFaults.IsClusterFault(e) && RefusalFor(context.HubMethod.ReturnType) is { } refusal)
        {
            logger.LogWarning("{Hub}.{Method} could not reach the cluster: {Error}", context.Hub.GetType().Name, context.HubMethodName, e.Message);
            return refusal;
        }
    }

    private static object? RefusalFor(Type returned) =>
        returned == typeof(Task<PlayerSession>) ? PlayerSession.Refused(Refusals.HostUnavailable)
        : returned == typeof(Task<FacilitatorSession>) ? FacilitatorSession.Refused(Refusals.HostUnavailable)
        : returned == typeof(Task<ProjectorSession>) ? ProjectorSession.Refused(Refusals.HostUnavailable)
        : returned == typeof(Task<Ack>) ? Ack.Refused(Refusals.Unavailable)
        : returned == typeof(Task<Ack[]>) ? new[] { Ack.Refused(Refusals.Unavailable) }
        : null;
}
