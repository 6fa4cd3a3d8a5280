namespace RegioLab.Sim.Silo.Storage;

/// <summary>Where the event log and the documents live; bound from the "Storage" configuration section.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string SqliteProvider = "sqlite";

    public const string PostgresProvider = "postgres";

    /// <summary>"sqlite" (one local file, the default) or "postgres" (shared by several silos).</summary>
    public string Provider { get; set; } = SqliteProvider;

    public SqliteStorageOptions Sqlite { get; set; } = new();

    public PostgresStorageOptions Postgres { get; set; } = new();

    internal bool IsSqlite => string.Equals(Provider, SqliteProvider, StringComparison.OrdinalIgnoreCase);

    internal bool IsPostgres => string.Equals(Provider, PostgresProvider, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The SQLite file, relative to the current directory unless rooted.</summary>
internal sealed class SqliteStorageOptions
{
    public string Path { get; set; } = "data/regiolab.db";

    /// <summary>Full: a completed append survives a power cut. Normal: it survives a crash of the process, not of the machine.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;
}

/// <summary>SQLite's <c>PRAGMA synchronous</c> in WAL mode.</summary>
internal enum SqliteSynchronous { Full, Normal }

/// <summary>The PostgreSQL database; the app creates and migrates its own tables in it.</summary>
internal sealed class PostgresStorageOptions
{
    /// <summary>Connections one silo's store may hold at most (the writer's one and the reads); the connection string may ask for fewer, never more.</summary>
    public const int DefaultMaxPoolSize = 20;

    public string? ConnectionString { get; set; }

    /// <summary>
    /// Caps the store's pool, so that a few silos stay well within the server's max_connections
    /// (100 by default) when hundreds of tables activate at once.
    /// </summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;
}
