using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>Registers the durable stores chosen by the "Storage" configuration section.</summary>
internal static class StorageSetup
{
    /// <summary>
    /// Registers one store as both <see cref="IEventStore"/> and <see cref="IDocumentStore"/> (a singleton,
    /// disposed with the container). A bad "Storage" section stops the host at startup.
    /// </summary>
    public static IServiceCollection AddRegioLabStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(
                options => options.IsSqlite || options.IsPostgres,
                $"Storage:Provider must be '{StorageOptions.SqliteProvider}' (the default) or '{StorageOptions.PostgresProvider}'")
            .Validate(
                options => !options.IsSqlite || !string.IsNullOrWhiteSpace(options.Sqlite.Path),
                "Storage:Sqlite:Path must name a file (the default is data/regiolab.db)")
            .Validate(
                options => Enum.IsDefined(options.Sqlite.Synchronous),
                "Storage:Sqlite:Synchronous must be 'full' (the default) or 'normal'")
            .Validate(
                options => !options.IsPostgres || !string.IsNullOrWhiteSpace(options.Postgres.ConnectionString),
                "Storage:Postgres:ConnectionString is required when Storage:Provider is 'postgres'")
            .Validate(
                options => options.Postgres.MaxPoolSize >= 2,
                "Storage:Postgres:MaxPoolSize must be at least 2 (the writer's connection and one for reads)")
            .ValidateOnStart();

        services.AddSingleton<SqlStore>(provider =>
        {
            // Reading Value validates, so a store is never built from a bad section, host or no host.
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            return options.IsPostgres
                ? new PostgresStore(options.Postgres.ConnectionString!, time, options.Postgres.MaxPoolSize)
                : new SqliteStore(options.Sqlite, time);
        });
        services.AddSingleton<IEventStore>(provider => provider.GetRequiredService<SqlStore>());
        services.AddSingleton<IDocumentStore>(provider => provider.GetRequiredService<SqlStore>());
        services.AddSingleton<IErasableStore>(provider => provider.GetRequiredService<SqlStore>());

        // What the store keeps, it keeps only as long as "Privacy:RetentionDays" says (docs/privacy.md).
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.Section))
            .Validate(o => o.RetentionDays >= 0, "Privacy:RetentionDays must be 0 (keep everything, the default) or a number of days")
            .Validate(o => o.SweepMinutes is > 0 and <= 1440, "Privacy:SweepMinutes must be more than 0 and at most 1440")
            .ValidateOnStart();
        services.AddSingleton<Retention>();
        services.AddHostedService(provider => provider.GetRequiredService<Retention>());
        return services;
    }
}
