using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Web;

/// <summary>Service registration and endpoint mapping, kept out of Program.cs.</summary>
internal static class ApplicationSetup
{
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapGet("/api/scenarios", () => TypedResults.Ok(BuiltInScenarios.Ids
            .Select(ScenarioLoader.LoadBuiltIn)
            .Where(r => r.Scenario is not null)
            .Select(r => new { id = r.Scenario!.Id, version = r.Scenario.Version, title = r.Scenario.Title, summary = r.Scenario.Summary })));
        return app;
    }
}
