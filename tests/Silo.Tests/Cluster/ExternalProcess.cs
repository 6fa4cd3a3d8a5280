using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace RegioLab.Sim.Silo.Tests.Cluster;

/// <summary>
/// A server process a test starts (redis-server, a standalone silo), with its output kept for failure
/// messages. A reaper in a session of its own kills it if the test process dies first (a crash, a kill).
/// </summary>
internal sealed class ExternalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private Process? reaper;

    private ExternalProcess(string file, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool Exited => process.HasExited;

    public static ExternalProcess Start(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var started = new ExternalProcess(file, arguments, environment ?? new Dictionary<string, string>());
        started.process.Start();
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        started.reaper = StartReaper(started.process.Id);
        return started;
    }

    /// <summary>A throwaway redis-server on <paramref name="port"/> (no persistence), once it accepts connections.</summary>
    public static async Task<ExternalProcess> StartRedisAsync(int port)
    {
        Require("redis-server", "apt-get install -y redis-server");
        var redis = Start("redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        await redis.WaitForOutputAsync("Ready to accept connections", TimeSpan.FromSeconds(20));
        return redis;
    }

    /// <summary>Fails at once, naming the command that installs it, when <paramref name="program"/> is not on the PATH.</summary>
    public static void Require(string program, string install)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (!path.Any(directory => File.Exists(Path.Combine(directory, program))))
        {
            throw new InvalidOperationException($"{program} is not installed (not found on PATH); install it with: {install}");
        }
    }

    /// <summary>The standalone silo of this build (src/Silo/bin/CONFIG/net10.0/RegioLab.Sim.Silo.dll), run with `dotnet`.</summary>
    public static ExternalProcess StartSilo(IDictionary<string, string> environment)
    {
        var configuration = typeof(ExternalProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(RepositoryRoot(), "src", "Silo", "bin", configuration, "net10.0", "RegioLab.Sim.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"build the solution first: {dll} is missing", dll);
        }

        return Start("dotnet", [dll], environment);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until the output holds <paramref name="text"/>; throws with the output when it does not in time.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"'{text}' did not appear (exited: {process.HasExited}). Output:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process at once, as a crash would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        if (reaper is { HasExited: false })
        {
            reaper.Kill();
        }

        reaper?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// A shell that waits while both this process and <paramref name="child"/> live, and kills the child
    /// when this process went first — the same child (its start time is compared), never a process that
    /// got its id later. setsid keeps it out of the test's process group, so killing that does not take it along.
    /// </summary>
    private static Process? StartReaper(int child)
    {
        if (!File.Exists("/usr/bin/setsid"))
        {
            return null;
        }

        var start = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["sh", "-c", """
            exec </dev/null >/dev/null 2>&1
            owner=$1; child=$2
            started() { cut -d' ' -f22 "/proc/$1/stat" 2>/dev/null; }
            since=$(started "$child")
            while [ -d "/proc/$owner" ] && [ "$(started "$child")" = "$since" ]; do sleep 1; done
            [ -n "$since" ] && [ "$(started "$child")" = "$since" ] && kill -9 "$child"
            """, "reaper", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), child.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RegioLab.Sim.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("RegioLab.Sim.sln was not found above the test's folder");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
