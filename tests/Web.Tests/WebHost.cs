using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// The real web host with its co-hosted silo, on Kestrel with a free port, free Orleans ports and
/// its own SQLite file, so test hosts run side by side.
/// </summary>
public sealed class WebHost(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "regiolab-tests", $"web-{Guid.NewGuid():N}.db");

    /// <summary>Services a test adds to the host (a log capture, say), after the app's own.</summary>
    public Action<IServiceCollection>? AddServices { get; init; }

    /// <summary>Starts Kestrel and returns the address it listens on.</summary>
    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Silo:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Silo:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Storage:Sqlite:Path", DatabasePath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Limits:FailedLookupsPerMinute", "10000");
        builder.UseSetting("Limits:CreatesPerMinute", "10000");

        // Bot clients play a whole game in a second; people do not. RateLimitTests uses the real limits.
        builder.UseSetting("Limits:CommandsPerSecond", "100000");
        builder.UseSetting("Limits:CommandBurst", "100000");

        // Bots in seats think for 2 s like a person; in tests they answer at once.
        builder.UseSetting("Bots:DelayMilliseconds", "10");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (AddServices is { } services)
        {
            builder.ConfigureServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
