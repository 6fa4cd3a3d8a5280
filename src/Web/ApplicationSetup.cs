using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Orleans.Dashboard;
using RegioLab.Sim.Web.Api;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web;

/// <summary>Service registration and endpoint mapping, kept out of Program.cs.</summary>
internal static class ApplicationSetup
{
    /// <summary>Hub messages larger than this are refused (the largest legitimate one, a note, is well under 4 KB).</summary>
    public const int MaxHubMessageBytes = 16 * 1024;

    /// <summary>The web host's services; its settings ("Web", "Limits") are bound here and checked at start.</summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services)
    {
        services.AddOptions<WebOptions>()
            .BindConfiguration(WebOptions.Section)
            .Validate(o => o.HasValidPublicUrl, "Web:PublicUrl must be an absolute http or https URL such as http://192.168.1.20:5000")
            .ValidateOnStart();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.AddSignalR(o => o.MaximumReceiveMessageSize = MaxHubMessageBytes)
            .AddJsonProtocol(o =>
            {
                Configure(o.PayloadSerializerOptions);
                HubJsonContext.Use(o.PayloadSerializerOptions);
            });
        services.Configure<HubOptions>(o => o.AddFilter<ClusterWindow>());
        services.AddWorkshopRateLimits();
        services.AddScenarioLibraryApi();
        services.AddBalanceApi();
        services.AddSingleton<JoinLinks>();
        services.AddSingleton<Attendance>();
        services.AddSingleton<PresenceReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceReporter>());
        services.AddSingleton<CommandRate>();
        services.AddSingleton<CommandReader>();
        services.AddSingleton<TableFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<TableFeed>());
        services.AddSingleton<LivePush>();
        return services;
    }

    public static WebApplication MapApplicationEndpoints(this WebApplication app)
    {
        // Created now, so it listens to the feed before the first table is watched.
        app.Services.GetRequiredService<LivePush>();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseClusterFaultAnswers();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" }));
        app.MapObservability();
        app.MapScenarioApi();
        app.MapBalanceApi();
        app.MapWorkshopApi();
        app.MapExportApi();
        app.MapPrivacyApi();
        app.MapDebriefApi();
        app.MapObserverApi();
        app.MapDebriefReport();
        app.MapHub<PlayerHub>("/hubs/player");
        app.MapHub<FacilitatorHub>("/hubs/facilitator");
        app.MapHub<ProjectorHub>("/hubs/projector");

        // The Orleans dashboard, off by default (Silo:Dashboard; docs/operations.md): it shows every grain, so keep it off the public proxy.
        if (app.Configuration.GetSection("Silo").GetValue<bool>("Dashboard"))
        {
            app.MapOrleansDashboard("/dashboard");
        }

        // The pages are one single-page app: its paths (/join/K7M4QX, /play/…) all serve index.html.
        app.MapFallbackToFile("index.html");
        return app;
    }

    /// <summary>Tells the person who started the host where to open it.</summary>
    public static void PrintAddresses(this WebApplication app)
    {
        foreach (var address in app.Urls)
        {
            Console.WriteLine($"RegioLab.Sim is running: open {address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal)} in a browser");
        }
    }

    /// <summary>
    /// The JSON of REST and hubs alike: camelCase, snake_case enums, a command's "type" anywhere in its object.
    /// The hubs' is then written by generated code (<see cref="HubJsonContext.Use"/>): the same JSON.
    /// </summary>
    internal static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.AllowOutOfOrderMetadataProperties = true;
        options.Converters.Add(new CachedTextConverter());
    }
}
