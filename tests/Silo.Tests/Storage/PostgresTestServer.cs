using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace RegioLab.Sim.Silo.Tests.Storage;

/// <summary>
/// The PostgreSQL server of a test run. REGIOLAB_TEST_POSTGRES, when set, names an existing one;
/// otherwise the first test that needs a server starts a throwaway cluster from the installed server
/// binaries (initdb, pg_ctl) in a temp folder on a free loopback port, with the role and database the
/// tests use, and every later test of the process shares it. It stops when the test process ends.
/// </summary>
/// <remarks>
/// pg_ctl detaches the server from the test process, so a test host that crashes or is killed would
/// leave it running: a watchdog in a session of its own stops the server and removes the folder once
/// the test process is gone, and each start also clears folders whose owning process no longer exists.
/// </remarks>
public static class PostgresTestServer
{
    public const string Variable = "REGIOLAB_TEST_POSTGRES";

    private const string FolderPrefix = "regiolab-pg-";

    private static readonly Lazy<Task<string>> Throwaway = new(StartAsync);

    /// <summary>True when the tests use a server of their own rather than REGIOLAB_TEST_POSTGRES.</summary>
    public static bool IsThrowaway => Configured is null;

    private static string? Configured => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : null;

    /// <summary>The connection string of the test role on the test database (regiolab, CREATEDB, on regiolab_test).</summary>
    public static Task<string> ConnectionStringAsync() => Configured is { } configured ? Task.FromResult(configured) : Throwaway.Value;

    private static async Task<string> StartAsync() => (await StartOwnAsync()).ConnectionString;

    /// <summary>
    /// Starts a throwaway server that only the caller uses (whatever REGIOLAB_TEST_POSTGRES says), for a
    /// test that stops and starts it: the shared one must stay up for the tests running beside it.
    /// </summary>
    public static async Task<OwnServer> StartOwnAsync()
    {
        var binaries = FindBinaries();
        var asPostgres = Environment.UserName == "root" ? AsPostgresUser() : [];
        ClearAbandonedFolders(binaries, asPostgres);

        // initdb and the server refuse to run as root: then the postgres user owns the folder and runs them.
        var folder = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Guid.NewGuid():N}");
        await RunAsync([.. asPostgres, "mkdir", "-m", "700", folder], "create the server's folder");
        var data = Path.Combine(folder, "data");
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        StartWatchdog(folder, [.. asPostgres, Path.Combine(binaries, "pg_ctl"), "stop", "-D", data, "-m", "immediate"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(folder, binaries, asPostgres);

        await RunAsync(
            [.. asPostgres, Path.Combine(binaries, "initdb"), "-D", data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256",
             "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
            "initdb");

        // A port found free can be taken before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var server = new OwnServer(binaries, asPostgres, folder, FreePort());
            try
            {
                await server.StartAsync();
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                continue;
            }

            await CreateTestRoleAsync(folder, server.Port);
            return server;
        }
    }

    /// <summary>A throwaway server of one test's own, which the test may stop and start again (same folder, same port).</summary>
    public sealed class OwnServer(string binaries, string[] asPostgres, string folder, int port)
    {
        public int Port => port;

        public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=regiolab;Password=regiolab;Database=regiolab_test";

        /// <summary>Starts the server and waits until it takes connections.</summary>
        public Task StartAsync() =>
            // Durability settings are off: the cluster is thrown away, and fsync only slows the tests.
            RunAsync(
                [.. asPostgres, Path.Combine(binaries, "pg_ctl"), "start", "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-s",
                 "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"],
                "pg_ctl start");

        /// <summary>Stops the server the way an operator's restart would (pg_ctl stop -m fast: open connections are cut).</summary>
        public Task StopAsync() =>
            RunAsync([.. asPostgres, Path.Combine(binaries, "pg_ctl"), "stop", "-D", Path.Combine(folder, "data"), "-m", "fast", "-w", "-s"], "pg_ctl stop");
    }

    private static async Task CreateTestRoleAsync(string socketFolder, int port)
    {
        var superuser = $"Host={socketFolder};Port={port};Username=postgres;Database=postgres;Pooling=false";
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync();
        foreach (var sql in new[] { "CREATE ROLE regiolab LOGIN CREATEDB PASSWORD 'regiolab'", "CREATE DATABASE regiolab_test OWNER regiolab" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The newest /usr/lib/postgresql/N/bin (Debian, Ubuntu), else the PATH.</summary>
    private static string FindBinaries()
    {
        IEnumerable<string> debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var version) ? version : 0)
            : [];
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return debian.Concat(path).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                $"the PostgreSQL server binaries (initdb, pg_ctl) are not installed (looked in /usr/lib/postgresql/*/bin and on PATH). "
                + $"Install them with: apt-get install -y postgresql — or set {Variable} to the connection string of a server to use.");
    }

    private static string[] AsPostgresUser()
    {
        if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            throw new InvalidOperationException($"the tests run as root, where initdb needs runuser (util-linux) to run as the postgres user; or set {Variable}.");
        }

        return ["runuser", "-u", "postgres", "--"];
    }

    /// <summary>
    /// A shell in a session of its own (so that killing the test's process group does not take it along)
    /// that waits for this process to end, then stops the server and removes its folder.
    /// </summary>
    private static void StartWatchdog(string folder, string[] stopServer)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (start.FileName != "sh")
        {
            start.ArgumentList.Add("sh");
        }

        foreach (var argument in (string[])["-c", """
            exec </dev/null >/dev/null 2>&1
            owner=$1; folder=$2; shift 2
            while [ -d "/proc/$owner" ]; do sleep 1; done
            "$@"
            rm -rf "$folder"
            """, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), folder, .. stopServer])
        {
            start.ArgumentList.Add(argument);
        }

        // Not waited for: it outlives this process by design, and exits a second after it.
        using var watchdog = Process.Start(start) ?? throw new InvalidOperationException("could not start the PostgreSQL watchdog");
    }

    /// <summary>Stops the server of this process and removes its folder (the watchdog then finds nothing to do).</summary>
    private static void Stop(string folder, string binaries, string[] asPostgres)
    {
        try
        {
            RunAsync([.. asPostgres, Path.Combine(binaries, "pg_ctl"), "stop", "-D", Path.Combine(folder, "data"), "-m", "immediate", "-s"], "pg_ctl stop")
                .Wait(TimeSpan.FromSeconds(20));
        }
        catch (AggregateException)
        {
            // Not running (initdb failed) or already gone; the folder goes either way.
        }

        DeleteFolder(folder);
    }

    /// <summary>Stops and removes the servers of earlier test processes that ended without doing so (killed before the watchdog could).</summary>
    private static void ClearAbandonedFolders(string binaries, string[] asPostgres)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var ownerFile = Path.Combine(folder, "owner.pid");
            if (!File.Exists(ownerFile) || !int.TryParse(File.ReadAllText(ownerFile), out var owner) || Directory.Exists($"/proc/{owner}"))
            {
                continue;
            }

            Stop(folder, binaries, asPostgres);
        }
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Left for the watchdog or the next run's clearing.
        }
    }

    /// <summary>Runs a program to its end; throws with its output when it fails.</summary>
    private static async Task RunAsync(string[] command, string what)
    {
        var start = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user may not be allowed into the test's own working directory.
            WorkingDirectory = "/",
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"the test PostgreSQL server could not be set up: {what} exited with {process.ExitCode}: {await output}{await error}".TrimEnd());
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
