using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The store in one SQLite file in WAL mode: the writer appends while readers read. With
/// <see cref="SqliteSynchronous.Full"/> a completed append survives a power cut.
/// </summary>
internal sealed class SqliteStore(SqliteStorageOptions options, TimeProvider? time = null) : SqlStore(time ?? TimeProvider.System)
{
    // SQLite reports both kinds of duplicate key under SQLITE_CONSTRAINT; a trigger's RAISE(ABORT) is a
    // constraint error too, and must not pass for a conflict.
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;
    private const int SqliteIoError = 10;

    private const int BusyTimeoutMilliseconds = 5000;

    /// <summary>How often the WAL is copied back into the database, outside any commit.</summary>
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);

    private static readonly string[] V1 =
    [
        """
        CREATE TABLE events (
            stream TEXT NOT NULL,
            version INTEGER NOT NULL,
            type TEXT NOT NULL,
            command_id TEXT NULL,
            recorded_at TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (stream, version)
        ) WITHOUT ROWID;
        CREATE TABLE documents (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            etag INTEGER NOT NULL,
            json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;
        """,
    ];

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = System.IO.Path.GetFullPath(options.Path),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,

        // Microsoft.Data.Sqlite retries a busy file itself until a command's timeout (30 s by default),
        // whatever busy_timeout says: past Orleans' 30 s call timeout, so a held lock read as host_unavailable.
        DefaultTimeout = BusyTimeoutMilliseconds / 1000,
    }.ToString();

    private readonly CancellationTokenSource stopping = new();
    private bool directoryCreated;
    private Task? checkpointer;

    public string Path { get; } = System.IO.Path.GetFullPath(options.Path);

    public override string Location => $"SQLite file {Path}";

    public override string Engine => "sqlite";

    protected override IReadOnlyList<string> Migrations => V1;

    protected override string SchemaTableDdl =>
        "CREATE TABLE IF NOT EXISTS regiolab_schema (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";

    internal override bool IsUniqueViolation(DbException error) =>
        error is SqliteException { SqliteExtendedErrorCode: PrimaryKeyViolation or UniqueViolation };

    /// <summary>An I/O error during SQLite's commit may strike after the WAL frames were synced; any other error means it rolled back.</summary>
    internal override bool LeavesOutcomeUnknown(Exception error) => error is SqliteException { SqliteErrorCode: SqliteIoError };

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (!directoryCreated)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            directoryCreated = true;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            // Per connection, and cheap: pooled connections get them again on every open.
            var synchronous = options.Synchronous == SqliteSynchronous.Normal ? "NORMAL" : "FULL";
            pragmas.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {synchronous};";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, every later connection uses it.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreUnavailableException($"the {Location} could not be switched to WAL mode (it is in {mode} mode)");
        }
    }

    /// <summary>
    /// SQLite's automatic checkpoint runs inside the commit that crosses its threshold, which put
    /// its cost on one unlucky batch (the p99 of the grain benchmark). The writer turns it off and
    /// a background loop checkpoints passively instead; passive checkpoints never block the writer.
    /// </summary>
    protected override async Task PrepareWriterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // secure_delete: an erasure (docs/privacy.md) overwrites the deleted rows in the file rather
        // than leaving them in free pages; only the writer deletes, so only it needs the pragma.
        command.CommandText = "PRAGMA wal_autocheckpoint = 0; PRAGMA secure_delete = ON;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        checkpointer ??= Task.Run(CheckpointAsync);
    }

    protected override async ValueTask CloseConnectionsAsync()
    {
        await stopping.CancelAsync();
        if (checkpointer is not null)
        {
            await checkpointer;
        }

        // Pooled read connections would otherwise keep the file open after the store is gone.
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
        stopping.Dispose();
    }

    private async Task CheckpointAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckpointEvery, stopping.Token);
                await using var connection = await OpenConnectionAsync(stopping.Token);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await command.ExecuteNonQueryAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is SqliteException or IOException)
            {
                // A checkpoint that fails (a busy or missing file) is tried again next time; the
                // WAL only grows meanwhile, nothing is lost.
            }
        }
    }
}
