using Npgsql;
using NpgsqlTypes;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>
/// A group commit's writes as one <see cref="NpgsqlBatch"/>: one round trip for the whole group instead
/// of four or more per write (savepoint, head, insert, release). No savepoints: each statement checks
/// its own write's version and changes nothing when it is stale, and says so in the one row it
/// returns. An append inserts only when the stream's head is the version its caller read, with
/// <c>ON CONFLICT DO NOTHING</c> so that a row another silo got first is skipped rather than aborting
/// the batch; the (stream, version) primary key stays the final guard. The statements run in order in
/// one transaction, so each sees what the ones before it wrote. The SQL of each kind of write is the
/// same text every time (positional parameters, arrays for the events), so the server keeps it prepared.
/// </summary>
internal static class PostgresBatch
{
    // Returns the head before the insert and the versions actually inserted.
    private const string AppendSql = """
        WITH head AS (SELECT COALESCE(MAX(version), 0) AS version FROM events WHERE stream = $1),
        added AS (
            INSERT INTO events (stream, version, type, command_id, recorded_at, data)
            SELECT $1, $2 + e.n, e.type, $3, $4, e.data
            FROM head, unnest($5::text[], $6::text[]) WITH ORDINALITY AS e(type, data, n)
            WHERE head.version = $2
            ON CONFLICT DO NOTHING
            RETURNING version)
        SELECT head.version, ARRAY(SELECT version FROM added) FROM head
        """;

    // Returns the new etag (null: not made) and the etag before the statement.
    private const string InsertDocumentSql = """
        WITH added AS (
            INSERT INTO documents (kind, id, etag, json, updated_at) VALUES ($1, $2, 1, $3, $4)
            ON CONFLICT DO NOTHING
            RETURNING etag)
        SELECT (SELECT etag FROM added), (SELECT etag FROM documents WHERE kind = $1 AND id = $2)
        """;

    private const string UpdateDocumentSql = """
        WITH changed AS (
            UPDATE documents SET etag = etag + 1, json = $3, updated_at = $4
            WHERE kind = $1 AND id = $2 AND etag = $5
            RETURNING etag)
        SELECT (SELECT etag FROM changed), (SELECT etag FROM documents WHERE kind = $1 AND id = $2)
        """;

    private const string EraseSql = """
        WITH streams AS (DELETE FROM events WHERE stream = ANY($1::text[]) RETURNING 1),
        docs AS (
            DELETE FROM documents USING unnest($2::text[], $3::text[]) AS d(kind, id)
            WHERE documents.kind = d.kind AND documents.id = d.id
            RETURNING 1)
        SELECT (SELECT COUNT(*) FROM streams) + (SELECT COUNT(*) FROM docs), NULL::bigint
        """;

    /// <summary>
    /// Runs the batch and fills <paramref name="outcomes"/>; not batched when a write is of a kind this
    /// does not know (nothing sent), refused when the server refused a statement (rolled back).
    /// </summary>
    public static async Task<OneRoundTrip> TryApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PendingWrite> batch, DateTimeOffset now, WriteOutcome[] outcomes)
    {
        await using var statements = new NpgsqlBatch(connection, transaction);
        foreach (var write in batch)
        {
            if (Statement(write, now) is not { } statement)
            {
                return OneRoundTrip.NotBatched;
            }

            statements.BatchCommands.Add(statement);
        }

        var races = new List<(int Index, long[] Added)>();
        try
        {
            await using var reader = await statements.ExecuteReaderAsync();
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync();
                }

                await reader.ReadAsync();
                var before = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
                outcomes[i] = batch[i] switch
                {
                    PendingAppend append => AppendOutcome(append, before, reader.GetFieldValue<long[]>(1), races, i),
                    PendingDocumentWrite document => reader.IsDBNull(0)
                        ? new WriteOutcome(0, new StoreConflictException(document.Key, document.Expected, reader.IsDBNull(1) ? 0 : reader.GetInt64(1)))
                        : new WriteOutcome(before, null),
                    _ => new WriteOutcome(before, null),
                };
            }
        }
        catch (PostgresException)
        {
            // A statement the server refused (a trigger, a constraint other than the key) aborted the
            // whole transaction; the writer retries the writes one savepoint each to find which one.
            await transaction.RollbackAsync();
            return OneRoundTrip.Refused;
        }

        foreach (var (i, added) in races)
        {
            outcomes[i] = await UndoRaceAsync(connection, transaction, (PendingAppend)batch[i], added);
        }

        return OneRoundTrip.Applied;
    }

    private static WriteOutcome AppendOutcome(PendingAppend append, long head, long[] added, List<(int, long[])> races, int index)
    {
        if (head != append.Expected)
        {
            return new WriteOutcome(0, new StoreConflictException(append.Stream, append.Expected, head));
        }

        if (added.Length == append.Events.Length)
        {
            return new WriteOutcome(append.Expected + added.Length, null);
        }

        // Another silo's writer inserted some of these versions after this statement read the head:
        // its rows stand, and whatever this statement did insert must go again.
        races.Add((index, added));
        return default;
    }

    private static async Task<WriteOutcome> UndoRaceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PendingAppend append, long[] added)
    {
        if (added.Length > 0)
        {
            await using var undo = new NpgsqlCommand("DELETE FROM events WHERE stream = $1 AND version = ANY($2)", connection, transaction);
            undo.Parameters.Add(Text(append.Stream));
            undo.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = added });
            await undo.ExecuteNonQueryAsync();
        }

        await using var head = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = $1", connection, transaction);
        head.Parameters.Add(Text(append.Stream));
        var actual = Convert.ToInt64(await head.ExecuteScalarAsync());
        return new WriteOutcome(0, new StoreConflictException(append.Stream, append.Expected, actual));
    }

    private static NpgsqlBatchCommand? Statement(PendingWrite write, DateTimeOffset now) => write switch
    {
        PendingAppend append => Command(
            AppendSql,
            Text(append.Stream),
            Int64(append.Expected),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)append.CommandId ?? DBNull.Value },
            Time(now),
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = append.Events.Select(e => e.Type).ToArray() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = append.Events.Select(e => e.Json).ToArray() }),
        PendingDocumentWrite { Expected: 0 } document => Command(InsertDocumentSql, Text(document.Kind), Text(document.Id), Text(document.Json), Time(now)),
        PendingDocumentWrite document => Command(UpdateDocumentSql, Text(document.Kind), Text(document.Id), Text(document.Json), Time(now), Int64(document.Expected)),
        PendingErasure erasure => Command(
            EraseSql,
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = erasure.Erasure.Streams.ToArray() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = erasure.Erasure.Documents.Select(d => d.Kind).ToArray() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = erasure.Erasure.Documents.Select(d => d.Id).ToArray() }),
        _ => null,
    };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value };

    private static NpgsqlParameter Int64(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value };

    private static NpgsqlParameter Time(DateTimeOffset value) => new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value };
}
