using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace RegioLab.Sim.Baseline;

/// <summary>
/// The durable floor's log: one SQLite file set up as the product's store sets up its own
/// (src/Silo/Storage/SqliteStore.cs: WAL, <c>synchronous</c> FULL by default, no automatic checkpoint
/// but a passive one every 500 ms from another connection) and written as the product's
/// GroupCommitWriter writes: one loop takes every append that is waiting (up to 256), inserts them in
/// one transaction, commits once, and only then answers each caller. It is the least a server must do
/// before it may tell anyone about a command: an fsync'ed commit that concurrent commands share.
/// Unlike the product it checks no version (the hub's per-table gate orders them) and uses no savepoint
/// per write: no conflict can undo one append of a batch here.
/// </summary>
public sealed class DurableLog : IAsyncDisposable
{
    /// <summary>As the product's writer (GroupCommitWriter.MaxBatch).</summary>
    public const int MaxBatch = 256;

    private const int BusyTimeoutMilliseconds = 5000;

    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(500);

    private readonly Channel<Append> queue = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly string connectionString;
    private readonly string synchronous;
    private readonly SqliteConnection writer;
    private readonly SqliteCommand insert;
    private readonly Task loop;
    private readonly Task checkpointer;
    private long committed;
    private long commits;

    private DurableLog(string path, string synchronous, SqliteConnection writer)
    {
        Path = path;
        this.synchronous = synchronous;
        this.writer = writer;
        connectionString = writer.ConnectionString;
        insert = writer.CreateCommand();
        insert.CommandText = "INSERT INTO events (stream, version, type, command_id, recorded_at, data) VALUES (@stream, @version, @type, @command_id, @recorded_at, @data)";
        insert.Parameters.Add("@stream", SqliteType.Text);
        insert.Parameters.Add("@version", SqliteType.Integer);
        insert.Parameters.Add("@type", SqliteType.Text);
        insert.Parameters.Add("@command_id", SqliteType.Text);
        insert.Parameters.Add("@recorded_at", SqliteType.Text);
        insert.Parameters.Add("@data", SqliteType.Text);
        insert.Prepare();
        loop = Task.Run(RunAsync);
        checkpointer = Task.Run(CheckpointAsync);
    }

    public string Path { get; }

    /// <summary>Rows committed since the start (for /health: proof that the floor writes).</summary>
    public long Committed => Interlocked.Read(ref committed);

    /// <summary>Transactions committed since the start: fewer than <see cref="Committed"/> when concurrent appends shared a commit.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Creates the file (the product's <c>events</c> table) and starts the writer.</summary>
    /// <param name="path">The SQLite file (created, with its folder, if missing).</param>
    /// <param name="synchronous">FULL (every commit fsync'ed: durable) or NORMAL, as the product's Storage:Sqlite:Synchronous.</param>
    public static DurableLog Open(string path, string synchronous)
    {
        var level = synchronous.ToUpperInvariant() switch
        {
            "FULL" => "FULL",
            "NORMAL" => "NORMAL",
            _ => throw new ArgumentException($"Synchronous must be full or normal, not '{synchronous}'"),
        };
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
        }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {level};");
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            if (!string.Equals((string?)wal.ExecuteScalar(), "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{full} could not be switched to WAL mode");
            }
        }

        // The product's table, and its writer's pragmas.
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS events (
                stream TEXT NOT NULL,
                version INTEGER NOT NULL,
                type TEXT NOT NULL,
                command_id TEXT NULL,
                recorded_at TEXT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (stream, version)
            ) WITHOUT ROWID;
            PRAGMA wal_autocheckpoint = 0;
            PRAGMA secure_delete = ON;
            """);
        return new DurableLog(full, level, connection);
    }

    /// <summary>Queues one row; completes (on the thread pool, not on the writer's loop) once the batch it landed in has committed.</summary>
    public Task AppendAsync(string stream, long version, string type, string commandId, string data)
    {
        var append = new Append(stream, version, type, commandId, data);
        if (!queue.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(DurableLog));
        }

        return append.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        await stopping.CancelAsync();
        await checkpointer;
        insert.Dispose();
        await writer.DisposeAsync();
        SqliteConnection.ClearAllPools();
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<Append>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    /// <summary>One transaction for the batch; every caller gets the batch's outcome.</summary>
    private void Commit(List<Append> batch)
    {
        try
        {
            var now = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            using (var transaction = writer.BeginTransaction())
            {
                insert.Transaction = transaction;
                foreach (var append in batch)
                {
                    insert.Parameters[0].Value = append.Stream;
                    insert.Parameters[1].Value = append.Version;
                    insert.Parameters[2].Value = append.Type;
                    insert.Parameters[3].Value = append.CommandId;
                    insert.Parameters[4].Value = now;
                    insert.Parameters[5].Value = append.Data;
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            Interlocked.Add(ref committed, batch.Count);
            Interlocked.Increment(ref commits);
            foreach (var append in batch)
            {
                append.Done.TrySetResult();
            }
        }
        catch (SqliteException error)
        {
            foreach (var append in batch)
            {
                append.Done.TrySetException(error);
            }
        }
    }

    private async Task CheckpointAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CheckpointEvery, stopping.Token);
                await using var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(stopping.Token);
                Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {synchronous}; PRAGMA wal_checkpoint(PASSIVE);");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SqliteException)
            {
                // As in the product: a checkpoint that fails is tried again next time; the WAL only grows.
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>One row waiting for the writer, and its caller's answer.</summary>
    private sealed record Append(string Stream, long Version, string Type, string CommandId, string Data)
    {
        // Completed on the pool, so that the hub's broadcast never runs on the writer's loop (as the
        // product completes a caller that is not a grain).
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
