using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RegioLab.Sim.Load;

/// <summary>
/// A server the tool started as its own process (so its CPU and memory can be read from /proc),
/// with its output in a log file. Stopping it kills that one process.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ServerProcess(Process process, StreamWriter log, Uri url, string logPath)
    {
        this.process = process;
        this.log = log;
        Url = url;
        LogPath = logPath;
    }

    public Uri Url { get; }

    public int Pid => process.Id;

    public string LogPath { get; }

    /// <summary>Starts <c>dotnet DLL --urls http://127.0.0.1:PORT</c> with the given environment and waits for /health.</summary>
    public static async Task<ServerProcess> StartAsync(string dll, string logPath, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? args = null)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build it first (dotnet build -c Release)", dll);
        }

        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var arg in args ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, url, logPath);
        await server.WaitHealthyAsync();
        return server;
    }

    /// <summary>A free TCP port on loopback (free now; taken by the server moments later).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the server did not answer /health within 90 s; see {LogPath}");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }
}

/// <summary>
/// A process's CPU time and memory from /proc/PID/stat and /proc/PID/status, and the whole
/// machine's busy time from /proc/stat. CPU is in clock ticks of USER_HZ (100 per second on Linux).
/// </summary>
public readonly record struct ProcSample(long At, long CpuTicks, long RssKb, long PeakRssKb, long MachineBusy, long MachineTotal)
{
    private const double UserHz = 100;

    public static ProcSample Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var cpu = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kb(line);
            }
        }

        var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = machine.Sum();
        var busy = total - machine[3] - machine[4];
        return new ProcSample(Stopwatch.GetTimestamp(), cpu, rss, peak, busy, total);
    }

    /// <summary>CPU used between two samples, in % of one core (200 % = both cores of this machine).</summary>
    public static double CpuPercent(ProcSample from, ProcSample to)
    {
        var seconds = (to.At - from.At) / (double)Stopwatch.Frequency;
        return seconds <= 0 ? 0 : (to.CpuTicks - from.CpuTicks) / UserHz / seconds * 100;
    }

    /// <summary>The machine's busy share (all cores) between two samples, in %.</summary>
    public static double MachinePercent(ProcSample from, ProcSample to) =>
        to.MachineTotal == from.MachineTotal ? 0 : 100.0 * (to.MachineBusy - from.MachineBusy) / (to.MachineTotal - from.MachineTotal);

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
