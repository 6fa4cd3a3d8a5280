using Orleans.Serialization;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Api;

/// <summary>
/// REST's answer when a grain call fails because the cluster or its store could not serve it: the
/// failure window after a silo died (a call times out, is rejected, or finds no gateway) or a store
/// that refused a write. Every <c>/api</c> endpoint gets a named refusal, <c>503</c> with
/// <c>Retry-After</c> (docs/protocol.md), instead of an unnamed 500: one place for all of them, so an
/// endpoint added later is covered too. Any other exception is left to the host (a 500: a bug).
/// </summary>
internal static class ClusterFaults
{
    /// <summary>Seconds a client should wait before asking again: the failure window is about 3 s (docs/operations.md).</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>Answers the faults of every request under <c>/api</c> that reach here.</summary>
    public static IApplicationBuilder UseClusterFaultAnswers(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.Use(AnswerAsync));

    /// <summary>
    /// A fault of the cluster: a grain call that timed out, or any of Orleans' own failures to deliver
    /// or answer one (<c>OrleansMessageRejectionException</c>, <c>SiloUnavailableException</c>, a client
    /// with no gateway, …; all <see cref="OrleansException"/>s). The hubs use the same test.
    /// </summary>
    public static bool IsClusterFault(Exception e) => e is TimeoutException or OrleansException;

    /// <summary>The refusal for a fault, or null when it is not one this host can name.</summary>
    public static Rejection? RefusalFor(Exception e) =>
        StoreFault(e) is { } store ? store
        : IsClusterFault(e) ? Refusals.HostUnavailable
        : null;

    /// <summary>
    /// A grain's store refused a read or write (the silo's <c>StoreUnavailableException</c>, or its
    /// "outcome unknown" kind), found by name anywhere in the chain: in a cluster the exception crossed
    /// from a silo, and Orleans hands over an exception type the host cannot load as a fallback that
    /// keeps its name.
    /// </summary>
    private static Rejection? StoreFault(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            var type = current is UnavailableExceptionFallbackException fallback ? fallback.ExceptionType : current.GetType().FullName;
            if (type?.Contains("StoreOutcomeUnknownException", StringComparison.Ordinal) == true)
            {
                return Refusals.StorageUnknown;
            }

            if (type?.Contains("StoreUnavailableException", StringComparison.Ordinal) == true)
            {
                return Refusals.StorageUnavailable;
            }
        }

        return null;
    }

    private static async Task AnswerAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested && RefusalFor(e) is { } refusal)
        {
            // The route's pattern, not the path: a path may hold a join code.
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "/api";
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClusterFaults))
                .LogWarning(LogEvents.ApiClusterFault, "{Method} {Route} answered {Code}: {Error}", http.Request.Method, route, refusal.Code, e.Message);
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await http.Response.WriteAsJsonAsync(ApiError.Of(refusal), http.RequestAborted);
        }
    }
}
