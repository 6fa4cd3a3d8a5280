using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.TestingHost;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Hosting;
using RegioLab.Sim.Silo.Storage;
using RegioLab.Sim.Silo.Tests.Cluster;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>
/// Deleting a workshop through its grain, on a silo over each real engine (docs/privacy.md): afterwards
/// no row of it is in the database, and no grain serves what it held. Retention deletes the same way.
/// </summary>
public abstract class WorkshopErasureContract : IAsyncLifetime
{
    private static readonly ScenarioRef Buurthuis = new("buurthuis", 1);

    private TestCluster cluster = null!;

    private IGrainFactory Grains => cluster.Client;

    /// <summary>The "Storage" settings of the silo.</summary>
    protected abstract Task<Dictionary<string, string?>> StorageAsync();

    /// <summary>The number a query of the engine's own tables gives, past the store.</summary>
    protected abstract Task<long> CountAsync(string sql);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        var settings = await StorageAsync();
        settings["Privacy:RetentionDays"] = "30";
        settings["Presence:ReportSeconds"] = "3600";
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<SiloOnTheStore>();
        builder.AddClientBuilderConfigurator<ClientOfTheSilo>();
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_deleted_workshop_leaves_no_row_and_no_grain_that_serves_it()
    {
        var anna = $"Anna {Guid.NewGuid():N}"[..20];
        var (created, tokens) = await NewWorkshopAsync(anna, "Bo", "Cas");
        var kept = await NewWorkshopAsync("Dirk");
        var workshop = Grains.GetGrain<IWorkshopGrain>(created.WorkshopId);
        Assert.NotNull(await workshop.FindPlayerAsync(tokens[0]));
        Assert.True(await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{created.WorkshopId}/%'") >= 3);

        Assert.True(await workshop.DeleteAsync());

        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{created.WorkshopId}/%'"));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM documents WHERE id LIKE '{created.WorkshopId}%' OR id = '{created.JoinCode}' OR json LIKE '%{anna}%'"));
        Assert.Null(await workshop.GetAsync());
        Assert.False(await workshop.IsFacilitatorAsync(created.FacilitatorKey));
        foreach (var token in tokens)
        {
            Assert.Null(await workshop.FindPlayerAsync(token));
        }

        Assert.Null(await Grains.GetGrain<IJoinCodeGrain>(created.JoinCode).GetWorkshopAsync());
        foreach (var session in created.Sessions)
        {
            var table = Grains.GetGrain<ITableGrain>(session);
            Assert.Empty(await table.ReadSinceAsync(0));
            await Assert.ThrowsAnyAsync<Exception>(() => table.GetStateAsync());
            Assert.Equal(RefusalCodes.NoSuchTable, (await table.ExecuteAsync(new CommandEnvelope("after", Actor.System, new TakeSeat("Eve")))).Code);
        }

        Assert.False(await workshop.DeleteAsync());
        Assert.Equal(RefusalCodes.NoSuchWorkshop, (await workshop.JoinAsync("Eve")).Code);
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{created.WorkshopId}/%'"));
        Assert.NotNull(await Grains.GetGrain<IWorkshopGrain>(kept.Created.WorkshopId).FindPlayerAsync(kept.Tokens[0]));
    }

    [Fact]
    public async Task Retention_deletes_the_workshops_created_longer_ago_than_its_days_and_keeps_the_rest()
    {
        var (created, _) = await NewWorkshopAsync("Anna");
        var retention = Assert.IsType<InProcessSiloHandle>(cluster.Primary).ServiceProvider.GetRequiredService<Retention>();

        Assert.DoesNotContain(created.WorkshopId, await retention.SweepAsync(DateTimeOffset.UtcNow.AddDays(29)));
        Assert.NotNull(await Grains.GetGrain<IWorkshopGrain>(created.WorkshopId).GetAsync());

        Assert.Contains(created.WorkshopId, await retention.SweepAsync(DateTimeOffset.UtcNow.AddDays(31)));
        Assert.Null(await Grains.GetGrain<IWorkshopGrain>(created.WorkshopId).GetAsync());
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{created.WorkshopId}/%'"));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM documents WHERE id LIKE '{created.WorkshopId}%' OR id = '{created.JoinCode}'"));
    }

    [Fact]
    public async Task A_new_facilitator_key_opens_the_workshop_and_the_old_one_no_longer_does()
    {
        var (created, _) = await NewWorkshopAsync("Anna");
        var workshop = Grains.GetGrain<IWorkshopGrain>(created.WorkshopId);

        Assert.Null(await workshop.RotateKeyAsync("wrong"));
        var key = await workshop.RotateKeyAsync(created.FacilitatorKey);

        Assert.NotNull(key);
        Assert.NotEqual(created.FacilitatorKey, key);
        Assert.True(await workshop.IsFacilitatorAsync(key!));
        Assert.False(await workshop.IsFacilitatorAsync(created.FacilitatorKey));
        Assert.Null(await workshop.RotateKeyAsync(created.FacilitatorKey));
    }

    private async Task<(WorkshopCreated Created, string[] Tokens)> NewWorkshopAsync(params string[] names)
    {
        var created = await Grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N")).CreateAsync(new WorkshopSetup(Buurthuis, 2, null, "nl", "Werklab"));
        var tokens = new List<string>();
        foreach (var name in names)
        {
            var joined = await Grains.GetGrain<IWorkshopGrain>(created.WorkshopId).JoinAsync(name);
            Assert.True(joined.Joined, joined.Message);
            tokens.Add(joined.SeatToken!);
        }

        return (created, [.. tokens]);
    }

    private sealed class SiloOnTheStore : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.AddRegioLabServices(siloBuilder.Configuration);
            siloBuilder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        }
    }

    private sealed class ClientOfTheSilo : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddRegioLabTypes());
    }
}

/// <summary>Deleting a workshop on a silo over a SQLite file.</summary>
public sealed class SqliteWorkshopErasureTests : WorkshopErasureContract, IDisposable
{
    private readonly string path = TestSilo.NewDatabasePath();

    protected override Task<Dictionary<string, string?>> StorageAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:Provider"] = "sqlite", [TestSilo.DatabaseKey] = path });

    protected override async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public void Dispose() => TestSilo.DeleteDatabase(path);
}

/// <summary>Deleting a workshop on a silo over PostgreSQL, in a schema of its own.</summary>
public sealed class PostgresWorkshopErasureTests(PostgresTestSchema schema) : WorkshopErasureContract, IClassFixture<PostgresTestSchema>
{
    protected override Task<Dictionary<string, string?>> StorageAsync() =>
        Task.FromResult(new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["Storage:Postgres:ConnectionString"] = schema.ConnectionString });

    protected override async Task<long> CountAsync(string sql) => Convert.ToInt64(await schema.ScalarAsync(sql));
}
