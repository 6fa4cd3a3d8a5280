using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// A disk of a test's own that it can fill to the last block: a real full disk, a small tmpfs.
/// Mounting needs root (CI runs as root); elsewhere <see cref="CannotMount"/> says why, and the test
/// says so and passes without running. Used by the silo's and the web host's full-disk tests.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string folder) => Folder = folder;

    /// <summary>Where the disk is mounted.</summary>
    public string Folder { get; }

    /// <summary>Why the disk could not be mounted; null when it was.</summary>
    public string? CannotMount { get; private set; }

    private string Filler => Path.Combine(Folder, "filler");

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (mount's syntax: 2m) in a new folder.</summary>
    public static async Task<SmallDisk> MountAsync(string size = "2m")
    {
        var disk = new SmallDisk(Path.Combine(Path.GetTempPath(), $"regiolab-full-disk-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(disk.Folder);
        disk.CannotMount = await RunAsync("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", disk.Folder);
        return disk;
    }

    /// <summary>Writes a file until the disk has not one block left.</summary>
    public void Fill()
    {
        using var filler = new FileStream(Filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1);
        foreach (var size in new[] { 64 * 1024, 4096, 512 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    filler.Write(block);
                    filler.Flush();
                }
            }
            catch (IOException)
            {
                // Full at this block size; the next, smaller one takes what is left.
            }
        }
    }

    /// <summary>Gives the space back.</summary>
    public void Free() => File.Delete(Filler);

    /// <summary>SQLite's own check of a database file on the disk: "ok" when it is whole.</summary>
    public static async Task<string?> IntegrityAsync(string database)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>Unmounts the disk (call it after whatever wrote to it has stopped) and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (CannotMount is null)
        {
            // Pooled connections would keep a file open, and the disk busy.
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", Folder);
        }

        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Runs a program; null when it succeeded, else what it said.</summary>
    private static async Task<string?> RunAsync(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var said = await process.StandardError.ReadToEndAsync() + await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? null : $"{program} exited with {process.ExitCode}: {said.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return $"{program}: {error.Message}";
        }
    }
}
