using Microsoft.Data.Sqlite;
using Npgsql;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>
/// Makes a real database refuse appends, the way a full disk would: a trigger that raises on every
/// insert into events (or only on one stream's event at one version). Grain tests use the SQLite
/// pair to prove a session survives a storage failure.
/// </summary>
internal static class StoreFaults
{
    public const string Reason = "disk full (simulated)";

    /// <summary>A second store on a silo's SQLite file, to look at what the silo wrote.</summary>
    public static SqliteStore OpenSqlite(string sqlitePath) => new(new SqliteStorageOptions { Path = sqlitePath });

    public static async Task BreakAppendsAsync(string sqlitePath, string? onlyStream = null, long? onlyVersion = null)
    {
        // The trigger needs the events table: let a store create the schema first.
        await using (var store = new SqliteStore(new SqliteStorageOptions { Path = sqlitePath }))
        {
            await store.EnsureSchemaAsync();
        }

        await ExecuteSqliteAsync(sqlitePath, $"""
            CREATE TRIGGER IF NOT EXISTS refuse_appends BEFORE INSERT ON events
            {(Condition(onlyStream, onlyVersion) is { } condition ? $"WHEN {condition}" : "")}
            BEGIN SELECT RAISE(ABORT, '{Reason}'); END
            """);
    }

    public static Task RepairAppendsAsync(string sqlitePath) =>
        ExecuteSqliteAsync(sqlitePath, "DROP TRIGGER IF EXISTS refuse_appends");

    /// <summary>Makes every write of one kind of document fail (events still append), as a store that breaks between two writes would.</summary>
    public static Task BreakDocumentWritesAsync(string sqlitePath, string kind) =>
        ExecuteSqliteAsync(sqlitePath, $"""
            CREATE TRIGGER IF NOT EXISTS refuse_document_inserts BEFORE INSERT ON documents WHEN NEW.kind = '{kind}'
            BEGIN SELECT RAISE(ABORT, '{Reason}'); END;
            CREATE TRIGGER IF NOT EXISTS refuse_document_updates BEFORE UPDATE ON documents WHEN NEW.kind = '{kind}'
            BEGIN SELECT RAISE(ABORT, '{Reason}'); END;
            """);

    public static Task RepairDocumentWritesAsync(string sqlitePath) =>
        ExecuteSqliteAsync(sqlitePath, "DROP TRIGGER IF EXISTS refuse_document_inserts; DROP TRIGGER IF EXISTS refuse_document_updates;");

    /// <summary>The same on PostgreSQL, in the first schema of the connection's search path (whose store must have created its tables).</summary>
    public static Task BreakPostgresAppendsAsync(string connectionString, string? onlyStream = null, long? onlyVersion = null) =>
        ExecutePostgresAsync(connectionString, $"""
            CREATE OR REPLACE FUNCTION refuse_appends() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{Reason}';
            END
            $$;
            DROP TRIGGER IF EXISTS refuse_appends ON events;
            CREATE TRIGGER refuse_appends BEFORE INSERT ON events FOR EACH ROW
            {(Condition(onlyStream, onlyVersion) is { } condition ? $"WHEN ({condition})" : "")}
            EXECUTE FUNCTION refuse_appends();
            """);

    public static Task RepairPostgresAppendsAsync(string connectionString) =>
        ExecutePostgresAsync(connectionString, "DROP TRIGGER IF EXISTS refuse_appends ON events");

    /// <summary>"NEW.stream = '…' AND NEW.version = n", or null when every insert should fail.</summary>
    private static string? Condition(string? onlyStream, long? onlyVersion)
    {
        var conditions = new List<string>();
        if (onlyStream is not null)
        {
            conditions.Add($"NEW.stream = '{onlyStream.Replace("'", "''", StringComparison.Ordinal)}'");
        }

        if (onlyVersion is { } version)
        {
            conditions.Add($"NEW.version = {version}");
        }

        return conditions.Count == 0 ? null : string.Join(" AND ", conditions);
    }

    private static async Task ExecuteSqliteAsync(string path, string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(path), Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = 5000; {sql}";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
