using Orleans.TestingHost;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>One 3-silo cluster on one SQLite file, shared by the tests of a class.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public string DatabasePath { get; } = TestSilo.NewDatabasePath();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await TestSilo.StartAsync(3, DatabasePath);

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        TestSilo.DeleteDatabase(DatabasePath);
    }
}

/// <summary>One silo on its own SQLite file whose presence reports are due every <paramref name="presenceReportSeconds"/>.</summary>
public abstract class OneSiloCluster(double presenceReportSeconds) : IAsyncLifetime
{
    private readonly string database = TestSilo.NewDatabasePath();

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await TestSilo.StartAsync(1, database, presenceReportSeconds);

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        TestSilo.DeleteDatabase(database);
    }
}
