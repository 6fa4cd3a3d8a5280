using RegioLab.Sim.Contracts;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web;

/// <summary>Service registration and endpoint mapping, kept out of Program.cs.</summary>
internal static class ApplicationSetup
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddSingleton<SessionFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionFeed>());
        return services;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapGet("/api/scenarios", async (IGrainFactory grains) => TypedResults.Ok((await grains.GetGrain<IScenarioLibraryGrain>(0).ListAsync())
            .Select(e => new { id = e.Ref.Id, version = e.Ref.Version, title = e.Title, summary = e.Summary, builtIn = e.BuiltIn })));
        return app;
    }
}
