using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

public sealed class StorageSetupTests
{
    [Fact]
    public async Task Without_a_storage_section_one_sqlite_store_serves_events_and_documents_with_full_sync()
    {
        await using var services = Services([]);

        var events = services.GetRequiredService<IEventStore>();

        var store = Assert.IsType<SqliteStore>(events);
        Assert.Same(store, services.GetRequiredService<IDocumentStore>());
        Assert.Equal(Path.GetFullPath("data/regiolab.db"), store.Path);
        Assert.Equal(SqliteSynchronous.Full, services.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite.Synchronous);
    }

    [Fact]
    public async Task The_storage_section_chooses_postgres_and_sqlite_settings()
    {
        await using var postgres = Services(new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = "Host=db.example;Database=regiolab",
        });
        await using var sqlite = Services(new() { ["Storage:Sqlite:Path"] = "elsewhere/x.db", ["Storage:Sqlite:Synchronous"] = "normal" });

        Assert.Equal("PostgreSQL database regiolab on db.example", Assert.IsType<PostgresStore>(postgres.GetRequiredService<IEventStore>()).Location);
        Assert.Equal(SqliteSynchronous.Normal, sqlite.GetRequiredService<IOptions<StorageOptions>>().Value.Sqlite.Synchronous);
        Assert.Equal(Path.GetFullPath("elsewhere/x.db"), Assert.IsType<SqliteStore>(sqlite.GetRequiredService<IDocumentStore>()).Path);
    }

    [Theory]
    [InlineData("mysql", null, "Storage:Provider must be 'sqlite'")]
    [InlineData("postgres", null, "Storage:Postgres:ConnectionString is required")]
    [InlineData("postgres", " ", "Storage:Postgres:ConnectionString is required")]
    public async Task A_bad_storage_section_fails_with_a_message_that_names_the_key(string provider, string? connectionString, string message)
    {
        await using var services = Services(new() { ["Storage:Provider"] = provider, ["Storage:Postgres:ConnectionString"] = connectionString });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IEventStore>());

        Assert.Contains(message, error.Message);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddRegioLabStorage(configuration).BuildServiceProvider();
    }
}
