using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Silo.Hosting;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>Builds test clusters whose silos share one real SQLite file.</summary>
public static class TestSilo
{
    public const string DatabaseKey = "Storage:Sqlite:Path";

    /// <summary>
    /// Starts a cluster. Presence leases last hours unless <paramref name="presenceReportSeconds"/> says
    /// otherwise: no web host reports here, and most tests are not about seats going away.
    /// </summary>
    public static Task<TestCluster> StartAsync(int silos, string databasePath, double presenceReportSeconds = 3600) =>
        StartAsync(silos, new Dictionary<string, string?> { [DatabaseKey] = databasePath, ["Storage:Provider"] = "sqlite" }, presenceReportSeconds);

    /// <summary>Starts a cluster on the store that <paramref name="storage"/> (Storage:* settings) names.</summary>
    public static async Task<TestCluster> StartAsync(int silos, IReadOnlyDictionary<string, string?> storage, double presenceReportSeconds = 3600)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.InitialSilosCount = (short)silos;
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>(storage)
        {
            ["Presence:ReportSeconds"] = presenceReportSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        builder.AddSiloBuilderConfigurator<Silo>();
        builder.AddClientBuilderConfigurator<Client>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A new database file under the temp folder.</summary>
    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "regiolab-tests", $"{Guid.NewGuid():N}.db");

    public static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddRegioLabServices(siloBuilder.Configuration);
            siloBuilder.Services.AddSingleton<IEventStore>(provider => new UnknownOutcomes(provider.GetRequiredService<SqlStore>()));
            siloBuilder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                // Notice a dead silo within seconds rather than a minute.
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        }
    }

    private sealed class Client : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddRegioLabTypes());
    }
}
