using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Hosting;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Bench.Durable;

/// <summary>
/// One in-process silo, configured the way the web host co-hosts it (<c>UseRegioLab</c>), on free
/// ports and a store of its own: a fresh SQLite file in a temp folder, or a fresh schema in PostgreSQL.
/// Both are removed again when the silo is disposed.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost host;
    private readonly Func<Task> cleanUp;

    private BenchSilo(IHost host, string storeDescription, Func<Task> cleanUp, bool timed)
    {
        this.host = host;
        this.cleanUp = cleanUp;
        StoreDescription = storeDescription;
        Appends = timed ? host.Services.GetRequiredService<TimedEventStore>() : null;
    }

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public RulesCatalog Catalog => host.Services.GetRequiredService<RulesCatalog>();

    /// <summary>The silo's own event store (for <c>--store-only</c>).</summary>
    public IEventStore Events => host.Services.GetRequiredService<IEventStore>();

    public string StoreDescription { get; }

    /// <summary>Cancelled when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    public CancellationToken Stopping => host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    /// <summary>The timed store of <c>--breakdown</c>, else null.</summary>
    public TimedEventStore? Appends { get; }

    public static async Task<BenchSilo> StartAsync(RunOptions options)
    {
        var name = $"bench_{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>
        {
            ["Silo:Clustering"] = "localhost",
            ["Silo:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Silo:ClusterId"] = name,
            ["Silo:ServiceId"] = name,

            // The drivers have no web host to report presence: seats stay as they were taken.
            ["Presence:ReportSeconds"] = "3600",
        };

        string description;
        Func<Task> cleanUp;
        if (options.Store == StoreKind.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "regiolab-bench", name);
            var file = Path.Combine(folder, "regiolab.db");
            settings["Storage:Provider"] = "sqlite";
            settings["Storage:Sqlite:Path"] = file;
            settings["Storage:Sqlite:Synchronous"] = options.Synchronous;
            description = $"SQLite file {file} (WAL, synchronous={options.Synchronous})";
            cleanUp = () =>
            {
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            };
        }
        else
        {
            await ExecuteAsync(options.PostgresServer, $"CREATE SCHEMA {name}");
            var connection = new NpgsqlConnectionStringBuilder(options.PostgresServer) { SearchPath = name };
            settings["Storage:Provider"] = "postgres";
            settings["Storage:Postgres:ConnectionString"] = connection.ToString();
            description = $"PostgreSQL {connection.Host}:{connection.Port}/{connection.Database}, schema {name}, at most {connection.MaxPoolSize} pooled connections";
            cleanUp = () => ExecuteAsync(options.PostgresServer, $"DROP SCHEMA IF EXISTS {name} CASCADE");
        }

        // No defaults: neither appsettings.json nor environment variables may change what is measured.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseRegioLab(builder.Configuration);
            if (options.Breakdown)
            {
                // Registered last, so the grains get the timed store; it writes through the real one.
                silo.Services.AddSingleton(provider => new TimedEventStore(provider.GetRequiredService<SqlStore>()));
                silo.Services.AddSingleton<IEventStore>(provider => provider.GetRequiredService<TimedEventStore>());
            }
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host, description, cleanUp, options.Breakdown);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        // The store is a singleton of the container: disposing it finishes the writer and closes the file.
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        await cleanUp();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
