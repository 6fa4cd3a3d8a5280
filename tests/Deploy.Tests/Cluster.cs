using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace RegioLab.Sim.Deploy.Tests;

/// <summary>
/// The cluster of deploy/cluster.sh (nginx, two web hosts, three silos, Redis, PostgreSQL), started
/// in a run folder of its own on free ports and stopped again; the test reads its ports and PIDs there.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly string run = Path.Combine(Path.GetTempPath(), $"regiolab-deploy-{Guid.NewGuid():N}");
    private readonly Dictionary<string, string> settings = new(StringComparer.Ordinal);

    /// <summary>nginx, the only address players use.</summary>
    public Uri Proxy => Address("PORT");

    /// <summary>Web host <paramref name="n"/> itself (1 or 2), past the proxy.</summary>
    public Uri Web(int n) => Address($"WEB_{n}");

    public static async Task<Cluster> StartAsync()
    {
        var cluster = new Cluster();
        try
        {
            await cluster.RunAsync("start", TimeSpan.FromSeconds(120));
            foreach (var line in await File.ReadAllLinesAsync(Path.Combine(cluster.run, "cluster.env")))
            {
                var at = line.IndexOf('=', StringComparison.Ordinal);
                cluster.settings[line[..at]] = line[(at + 1)..].Trim('\'');
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills a process of the cluster (web-1, silo-2, …) as a crash would (kill -9).</summary>
    public void Kill(string name)
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(run, "pids", $"{name}.pid")).Split(' ')[0], CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit();
    }

    public string Log(string name) => File.ReadAllText(Path.Combine(run, "logs", $"{name}.log"));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("stop", TimeSpan.FromSeconds(60));
        }
        finally
        {
            // REGIOLAB_KEEP_RUN=1 keeps the logs of a failed run to read.
            if (Environment.GetEnvironmentVariable("REGIOLAB_KEEP_RUN") != "1")
            {
                Directory.Delete(run, recursive: true);
            }
        }
    }

    private Uri Address(string key) => new($"http://127.0.0.1:{settings[key]}");

    private async Task RunAsync(string verb, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "deploy", "cluster.sh"));
        start.ArgumentList.Add(verb);
        start.Environment["REGIOLAB_RUN"] = run;
        start.Environment["REGIOLAB_BUILD"] = "0";
        start.Environment["REGIOLAB_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        start.Environment["REGIOLAB_CONFIGURATION"] = typeof(Cluster).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"cluster.sh {verb} failed ({process.ExitCode}):\n{await output}\n{await errors}\n{Logs()}");
        }
    }

    private string Logs()
    {
        var folder = Path.Combine(run, "logs");
        return Directory.Exists(folder)
            ? string.Join("\n", Directory.GetFiles(folder, "*.log").Select(f => $"--- {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"))
            : "";
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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
}
