using Microsoft.Data.Sqlite;

namespace RegioLab.Sim.Silo.Storage;

/// <summary>What a backup copied: the file, and what is in it.</summary>
public sealed record BackupReport(string From, string To, long Bytes, int SchemaVersion, long Events, long Sessions, long Documents);

/// <summary>
/// A consistent copy of the SQLite store while a server writes to it, through SQLite's online backup
/// API: it copies the database as of one moment (a read transaction; in WAL mode the writer goes on
/// meanwhile), including what is still in the WAL. The copy is one self-contained file (journal mode
/// DELETE, no -wal beside it) that a store opens as it would the original (docs/operations.md).
/// </summary>
public static class SqliteBackup
{
    private const int BusyTimeoutMilliseconds = 5000;

    /// <summary>
    /// Copies <paramref name="from"/> to <paramref name="to"/>, which must not exist yet, and checks the copy.
    /// The copy appears under its name only once it is whole and checked.
    /// </summary>
    /// <exception cref="IOException">The source is missing or not a store, the target exists, or the copy failed its check.</exception>
    public static BackupReport Copy(string from, string to)
    {
        var source = Path.GetFullPath(from);
        var target = Path.GetFullPath(to);
        if (!File.Exists(source))
        {
            throw new IOException($"there is no database file {source}");
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new IOException($"{target} exists already; choose another name (a backup never overwrites)");
        }

        if (Path.GetDirectoryName(target) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            using (var original = Open(source, SqliteOpenMode.ReadWrite))
            using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                original.BackupDatabase(copy);
                Execute(copy, "PRAGMA journal_mode = DELETE");
                var integrity = Scalar(copy, "PRAGMA integrity_check");
                if (!string.Equals(integrity as string, "ok", StringComparison.Ordinal))
                {
                    throw new IOException($"the copy of {source} failed SQLite's integrity check: {integrity}");
                }
            }

            var report = Describe(source, partial, target);
            File.Move(partial, target);
            return report;
        }
        catch (SqliteException error)
        {
            throw new IOException($"could not back up {source}: {error.Message}", error);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Puts a backup in place as the store's file, for a server that is stopped: the same checked copy
    /// as <see cref="Copy"/>, refused when <paramref name="to"/> or a write-ahead log beside it exists
    /// (SQLite would apply an old -wal to the restored file and damage it; move them aside first).
    /// </summary>
    public static BackupReport Restore(string from, string to)
    {
        var target = Path.GetFullPath(to);
        foreach (var leftover in new[] { target + "-wal", target + "-shm", target + "-journal" })
        {
            if (File.Exists(leftover))
            {
                throw new IOException($"{leftover} exists: stop the server and move it aside with the old {Path.GetFileName(target)}, then restore");
            }
        }

        return Copy(from, target);
    }

    private static BackupReport Describe(string source, string copyPath, string target)
    {
        using var copy = Open(copyPath, SqliteOpenMode.ReadOnly);
        if (Scalar(copy, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'regiolab_schema'") is not 1L)
        {
            throw new IOException($"{source} is not a RegioLab store (it has no regiolab_schema table)");
        }

        return new BackupReport(
            source,
            target,
            new FileInfo(copyPath).Length,
            Convert.ToInt32(Scalar(copy, "SELECT COALESCE(MAX(version), 0) FROM regiolab_schema"), System.Globalization.CultureInfo.InvariantCulture),
            (long)Scalar(copy, "SELECT COUNT(*) FROM events")!,
            (long)Scalar(copy, "SELECT COUNT(DISTINCT stream) FROM events")!,
            (long)Scalar(copy, "SELECT COUNT(*) FROM documents")!);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // Not pooled: a pooled connection would keep the files open after the backup.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
