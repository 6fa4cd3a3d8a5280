using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Text.Json.Serialization;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The event log and the documents in one SQL database. Writes go through one group-commit writer
/// (<see cref="GroupCommitWriter"/>); reads open their own pooled connections. The SQL is the same
/// for every engine; a subclass gives only the DDL, the connections and what a unique violation is.
/// </summary>
internal abstract class SqlStore : IEventStore, IDocumentStore, IErasableStore, IAsyncDisposable
{
    private const string ReadEventsSql =
        "SELECT version, command_id, recorded_at, data FROM events WHERE stream = @stream AND version > @after ORDER BY version";

    private const string ReadDocumentSql = "SELECT json, etag FROM documents WHERE kind = @kind AND id = @id";

    private const string ReadDocumentsSql = "SELECT id, json, etag FROM documents WHERE kind = @kind ORDER BY id";

    // The "type" column holds the same discriminator as the event's JSON, so SQL can filter by it.
    private static readonly FrozenDictionary<Type, string> EventTypeNames =
        typeof(TableEvent).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .ToFrozenDictionary(derived => derived.DerivedType, derived => (string)derived.TypeDiscriminator!);

    private readonly GroupCommitWriter writer;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private volatile bool schemaReady;
    private int disposed;

    protected SqlStore(TimeProvider time)
    {
        writer = new GroupCommitWriter(this, time);
    }

    /// <summary>Where the data is, for error messages ("SQLite file /srv/data/regiolab.db").</summary>
    public abstract string Location { get; }

    /// <summary>The engine's name in metrics: "sqlite" or "postgres".</summary>
    public abstract string Engine { get; }

    /// <summary>The DDL of each schema version, in order; version n is <c>Migrations[n - 1]</c>. Never edit a shipped one: add the next.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>Creates the table that records which migrations ran, when it is missing.</summary>
    protected abstract string SchemaTableDdl { get; }

    public async Task<long> AppendAsync(string stream, long expectedVersion, IReadOnlyList<TableEvent> events, string? commandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();

        // Serialized here, on the callers' threads, so the single writer only does SQL.
        var rows = events.Select(e => new EventRow(EventTypeNames.GetValueOrDefault(e.GetType(), e.GetType().Name), EventJson.Serialize(e))).ToImmutableArray();
        return await writer.WriteAsync(new PendingAppend(stream, expectedVersion, rows, commandId, cancellationToken));
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAsync(string stream, long afterVersion = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        try
        {
            await using var connection = await OpenReadConnectionAsync(cancellationToken);
            await using var command = Command(connection, ReadEventsSql, ("stream", DbType.String, stream), ("after", DbType.Int64, afterVersion));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var events = ImmutableArray.CreateBuilder<RecordedEvent>();
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(new RecordedEvent(
                    reader.GetInt64(0),
                    EventJson.Deserialize(reader.GetString(3)),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetFieldValue<DateTimeOffset>(2)));
            }

            return events.ToImmutable();
        }
        catch (Exception error) when (error is DbException or IOException)
        {
            throw new StoreUnavailableException($"could not read session {stream}: {error.Message}", error);
        }
    }

    public async Task<StoredDocument?> ReadAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            await using var connection = await OpenReadConnectionAsync(cancellationToken);
            await using var command = Command(connection, ReadDocumentSql, ("kind", DbType.String, kind), ("id", DbType.String, id));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new StoredDocument(reader.GetString(0), reader.GetInt64(1)) : null;
        }
        catch (Exception error) when (error is DbException or IOException)
        {
            throw new StoreUnavailableException($"could not read document {kind}/{id}: {error.Message}", error);
        }
    }

    public async Task<long> WriteAsync(string kind, string id, string json, long expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedEtag);
        cancellationToken.ThrowIfCancellationRequested();
        return await writer.WriteAsync(new PendingDocumentWrite(kind, id, json, expectedEtag, cancellationToken));
    }

    public async Task<IReadOnlyList<(string Id, StoredDocument Document)>> ReadAllAsync(string kind, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        try
        {
            await using var connection = await OpenReadConnectionAsync(cancellationToken);
            await using var command = Command(connection, ReadDocumentsSql, ("kind", DbType.String, kind));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var documents = ImmutableArray.CreateBuilder<(string, StoredDocument)>();
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add((reader.GetString(0), new StoredDocument(reader.GetString(1), reader.GetInt64(2))));
            }

            return documents.ToImmutable();
        }
        catch (Exception error) when (error is DbException or IOException)
        {
            throw new StoreUnavailableException($"could not read the documents of kind {kind}: {error.Message}", error);
        }
    }

    public async Task<long> EraseAsync(Erasure erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        cancellationToken.ThrowIfCancellationRequested();

        // Through the one writer like every write: one transaction, all of it or nothing.
        return await writer.WriteAsync(new PendingErasure(erasure, cancellationToken));
    }

    /// <summary>Finishes every write already asked for, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await writer.DisposeAsync();
        await CloseConnectionsAsync();
        schemaGate.Dispose();
    }

    /// <summary>The connection the writer keeps, on a schema that is up to date.</summary>
    internal async Task<DbConnection> OpenWriterConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            await PrepareWriterAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs once on each new writer connection (SQLite moves checkpoints out of the commit here).</summary>
    protected virtual Task PrepareWriterAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Applies the whole batch inside <paramref name="transaction"/> in one round trip and fills
    /// <paramref name="outcomes"/>, a conflict failing only its own write. Unless that was
    /// <see cref="OneRoundTrip.Applied"/>, the writer applies the writes one savepoint each.
    /// </summary>
    internal virtual Task<OneRoundTrip> TryApplyInOneRoundTripAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingWrite> batch, DateTimeOffset now, WriteOutcome[] outcomes) =>
        Task.FromResult(OneRoundTrip.NotBatched);

    /// <summary>Whether the error is a duplicate key: another writer got there first.</summary>
    internal abstract bool IsUniqueViolation(DbException error);

    /// <summary>Whether a failure of the COMMIT leaves unknown whether it was made (a broken connection), rather than refused.</summary>
    internal abstract bool LeavesOutcomeUnknown(Exception error);

    /// <summary>What <see cref="FenceAsync"/> needs to know of a writer connection, taken while it is whole.</summary>
    internal virtual Task<object?> ServerOfAsync(DbConnection connection) => Task.FromResult<object?>(null);

    /// <summary>
    /// After a COMMIT whose answer was lost: returns once that transaction can no longer commit, so a
    /// read from here on sees its final outcome. Nothing to do where the commit runs in this process
    /// (SQLite): it is over when the call that failed returns.
    /// </summary>
    internal virtual Task FenceAsync(object? server) => Task.CompletedTask;

    internal async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (schemaReady)
        {
            return;
        }

        await schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!schemaReady)
            {
                await MigrateAsync(cancellationToken);
                schemaReady = true;
            }
        }
        finally
        {
            schemaGate.Release();
        }
    }

    /// <summary>An open connection, configured for this store (pragmas and the like).</summary>
    protected abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Runs before the migration transaction, on its connection (SQLite switches the file to WAL here).</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Keeps other processes out of the migration until the transaction ends (PostgreSQL: an advisory lock).</summary>
    protected virtual Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual ValueTask CloseConnectionsAsync() => ValueTask.CompletedTask;

    internal static DbCommand Command(DbConnection connection, string sql, params ReadOnlySpan<(string Name, DbType Type, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private async Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) == 1, this);
        await EnsureSchemaAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            await PrepareDatabaseAsync(connection, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await LockSchemaAsync(connection, transaction, cancellationToken);
            await ExecuteAsync(connection, transaction, SchemaTableDdl, cancellationToken);

            await using var current = Command(connection, "SELECT COALESCE(MAX(version), 0) FROM regiolab_schema");
            current.Transaction = transaction;
            var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken));
            if (version > Migrations.Count)
            {
                throw new StoreUnavailableException(
                    $"the {Location} has schema version {version}; this build knows up to {Migrations.Count}, so it is newer than this build");
            }

            for (var next = version + 1; next <= Migrations.Count; next++)
            {
                await ExecuteAsync(connection, transaction, Migrations[next - 1], cancellationToken);
                await using var record = Command(connection, "INSERT INTO regiolab_schema (version) VALUES (@version)", ("version", DbType.Int32, next));
                record.Transaction = transaction;
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception error) when (error is DbException or IOException)
        {
            throw new StoreUnavailableException($"could not create or migrate the tables in the {Location}: {error.Message}", error);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>One event ready for its row: the type discriminator and the stored JSON.</summary>
internal sealed record EventRow(string Type, string Json);
