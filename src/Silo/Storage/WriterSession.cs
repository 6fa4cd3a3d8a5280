using System.Data;
using System.Data.Common;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// The writer's connection and its statements, prepared once and reused for every batch: parsing the
/// same INSERT thousands of times a second would cost more than running it.
/// </summary>
internal sealed class WriterSession : IAsyncDisposable
{
    private readonly DbCommand readHead;
    private readonly DbCommand insertEvent;
    private readonly DbCommand readEtag;
    private readonly DbCommand insertDocument;
    private readonly DbCommand updateDocument;
    private readonly DbCommand deleteStream;
    private readonly DbCommand deleteDocument;

    public WriterSession(DbConnection connection, object? server)
    {
        Connection = connection;
        Server = server;
        readHead = SqlStore.Command(connection, "SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = @stream", ("stream", DbType.String, null));
        insertEvent = SqlStore.Command(
            connection,
            "INSERT INTO events (stream, version, type, command_id, recorded_at, data) VALUES (@stream, @version, @type, @command_id, @recorded_at, @data)",
            ("stream", DbType.String, null),
            ("version", DbType.Int64, null),
            ("type", DbType.String, null),
            ("command_id", DbType.String, null),
            ("recorded_at", DbType.DateTimeOffset, null),
            ("data", DbType.String, null));
        readEtag = SqlStore.Command(connection, "SELECT etag FROM documents WHERE kind = @kind AND id = @id", ("kind", DbType.String, null), ("id", DbType.String, null));
        insertDocument = SqlStore.Command(
            connection,
            "INSERT INTO documents (kind, id, etag, json, updated_at) VALUES (@kind, @id, 1, @json, @updated_at)",
            ("kind", DbType.String, null),
            ("id", DbType.String, null),
            ("json", DbType.String, null),
            ("updated_at", DbType.DateTimeOffset, null));
        updateDocument = SqlStore.Command(
            connection,
            "UPDATE documents SET etag = etag + 1, json = @json, updated_at = @updated_at WHERE kind = @kind AND id = @id AND etag = @etag",
            ("kind", DbType.String, null),
            ("id", DbType.String, null),
            ("json", DbType.String, null),
            ("updated_at", DbType.DateTimeOffset, null),
            ("etag", DbType.Int64, null));
        deleteStream = SqlStore.Command(connection, "DELETE FROM events WHERE stream = @stream", ("stream", DbType.String, null));
        deleteDocument = SqlStore.Command(connection, "DELETE FROM documents WHERE kind = @kind AND id = @id", ("kind", DbType.String, null), ("id", DbType.String, null));
    }

    public DbConnection Connection { get; }

    /// <summary>What the store needs to find this connection's work on the server again after the connection broke (PostgreSQL: the backend's process id).</summary>
    public object? Server { get; }

    private IEnumerable<DbCommand> Commands => [readHead, insertEvent, readEtag, insertDocument, updateDocument, deleteStream, deleteDocument];

    /// <summary>Points every statement at the batch's transaction (SQLite insists).</summary>
    public void Enlist(DbTransaction transaction)
    {
        foreach (var command in Commands)
        {
            command.Transaction = transaction;
        }
    }

    public async Task<long> ReadHeadAsync(string stream)
    {
        readHead.Parameters[0].Value = stream;
        return Convert.ToInt64(await readHead.ExecuteScalarAsync());
    }

    public async Task InsertEventAsync(string stream, long version, EventRow row, string? commandId, DateTimeOffset recordedAt)
    {
        var parameters = insertEvent.Parameters;
        parameters[0].Value = stream;
        parameters[1].Value = version;
        parameters[2].Value = row.Type;
        parameters[3].Value = (object?)commandId ?? DBNull.Value;
        parameters[4].Value = recordedAt;
        parameters[5].Value = row.Json;
        await insertEvent.ExecuteNonQueryAsync();
    }

    public async Task<long?> ReadEtagAsync(string kind, string id)
    {
        readEtag.Parameters[0].Value = kind;
        readEtag.Parameters[1].Value = id;
        var etag = await readEtag.ExecuteScalarAsync();
        return etag is null or DBNull ? null : Convert.ToInt64(etag);
    }

    public async Task InsertDocumentAsync(string kind, string id, string json, DateTimeOffset updatedAt)
    {
        var parameters = insertDocument.Parameters;
        parameters[0].Value = kind;
        parameters[1].Value = id;
        parameters[2].Value = json;
        parameters[3].Value = updatedAt;
        await insertDocument.ExecuteNonQueryAsync();
    }

    /// <summary>True when the document was still at <paramref name="etag"/> and is now one further.</summary>
    public async Task<bool> UpdateDocumentAsync(string kind, string id, string json, long etag, DateTimeOffset updatedAt)
    {
        var parameters = updateDocument.Parameters;
        parameters[0].Value = kind;
        parameters[1].Value = id;
        parameters[2].Value = json;
        parameters[3].Value = updatedAt;
        parameters[4].Value = etag;
        return await updateDocument.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>Deletes every event of a stream; returns how many there were.</summary>
    public async Task<int> DeleteStreamAsync(string stream)
    {
        deleteStream.Parameters[0].Value = stream;
        return await deleteStream.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes a document; returns 1 when there was one.</summary>
    public async Task<int> DeleteDocumentAsync(string kind, string id)
    {
        deleteDocument.Parameters[0].Value = kind;
        deleteDocument.Parameters[1].Value = id;
        return await deleteDocument.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in Commands)
        {
            await command.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
