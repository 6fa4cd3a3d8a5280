using System.Data;
using System.Data.Common;
using Npgsql;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The store in a PostgreSQL database that several silos may share. The tables live in the first
/// schema of the connection's search path; the app creates and migrates them itself.
/// </summary>
internal sealed class PostgresStore : SqlStore
{
    private const string UniqueViolation = "23505";

    // Any fixed number will do, as long as every silo uses the same one: "RegioLab" in ASCII.
    private const long SchemaLockKey = 0x52656769_6F4C6162;

    private static readonly string[] V1 =
    [
        """
        CREATE TABLE events (
            stream text NOT NULL,
            version bigint NOT NULL,
            type text NOT NULL,
            command_id text NULL,
            recorded_at timestamptz NOT NULL,
            data text NOT NULL,
            PRIMARY KEY (stream, version)
        );
        CREATE TABLE documents (
            kind text NOT NULL,
            id text NOT NULL,
            etag bigint NOT NULL,
            json text NOT NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (kind, id)
        );
        """,
    ];

    private static readonly TimeSpan FenceTimeout = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource dataSource;

    public PostgresStore(string connectionString, TimeProvider? time = null, int maxPoolSize = PostgresStorageOptions.DefaultMaxPoolSize)
        : base(time ?? TimeProvider.System)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // Npgsql's default of 100 is the server's whole max_connections: 200 tables activating at
        // once ran a server out with one silo (docs/benchmarks.md). Fewer, waited for, is faster too.
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, maxPoolSize);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        if (builder.MaxAutoPrepare == 0)
        {
            // The writer and the readers run the same few statements over and over: let the server keep them parsed.
            builder.MaxAutoPrepare = 16;
        }

        dataSource = NpgsqlDataSource.Create(builder);
        Location = $"PostgreSQL database {builder.Database} on {builder.Host}";
    }

    public override string Location { get; }

    public override string Engine => "postgres";

    protected override IReadOnlyList<string> Migrations => V1;

    protected override string SchemaTableDdl =>
        "CREATE TABLE IF NOT EXISTS regiolab_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())";

    internal override Task<OneRoundTrip> TryApplyInOneRoundTripAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingWrite> batch, DateTimeOffset now, WriteOutcome[] outcomes) =>
        PostgresBatch.TryApplyAsync((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, batch, now, outcomes);

    internal override bool IsUniqueViolation(DbException error) => error is PostgresException { SqlState: UniqueViolation };

    /// <summary>Only the server's own answer (a <see cref="PostgresException"/>) says the commit was refused; a broken connection says nothing.</summary>
    internal override bool LeavesOutcomeUnknown(Exception error) => error is NpgsqlException and not PostgresException;

    /// <summary>The writer connection's backend: its process id and its start, since a process id can be used again by a later backend.</summary>
    internal override async Task<object?> ServerOfAsync(DbConnection connection)
    {
        await using var command = Command(connection, "SELECT backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()");
        var start = DateTime.SpecifyKind((DateTime)(await command.ExecuteScalarAsync())!, DateTimeKind.Utc);
        return new Backend(((NpgsqlConnection)connection).ProcessID, new DateTimeOffset(start));
    }

    /// <summary>
    /// The server may still be running a COMMIT whose connection broke (a slow disk, a deferred
    /// trigger): a read now could miss what it commits a moment later, and someone would be told
    /// "nothing changed" wrongly. So its backend is told to stop, and once it is gone the outcome is
    /// final: committed before it stopped, or rolled back.
    /// </summary>
    internal override async Task FenceAsync(object? server)
    {
        if (server is not Backend backend)
        {
            return;
        }

        // Every step within one deadline: the writer loop, and so every write of this silo, waits for this.
        using var deadline = new CancellationTokenSource(FenceTimeout);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
            await using (var terminate = Command(
                connection,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = @pid AND backend_start = @start",
                ("pid", DbType.Int32, backend.Pid),
                ("start", DbType.DateTimeOffset, backend.Start)))
            {
                await terminate.ExecuteScalarAsync(deadline.Token);
            }

            await using var alive = Command(
                connection,
                "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = @pid AND backend_start = @start",
                ("pid", DbType.Int32, backend.Pid),
                ("start", DbType.DateTimeOffset, backend.Start));
            while (Convert.ToInt64(await alive.ExecuteScalarAsync(deadline.Token)) > 0)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"the server's backend {backend.Pid} was not seen to stop within {FenceTimeout.TotalSeconds:0} s");
        }
    }

    protected override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Two silos starting together would both see "no tables" and both create them; the lock makes
        // the second wait for the first and then find the schema current. It ends with the transaction.
        await using var command = Command(connection, "SELECT pg_advisory_xact_lock(@key)", ("key", DbType.Int64, SchemaLockKey));
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override ValueTask CloseConnectionsAsync() => dataSource.DisposeAsync();

    /// <summary>A server process, told apart from a later one with the same id by when it started.</summary>
    private sealed record Backend(int Pid, DateTimeOffset Start);
}
