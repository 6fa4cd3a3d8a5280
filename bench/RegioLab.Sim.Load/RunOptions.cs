using System.Globalization;

namespace RegioLab.Sim.Load;

public enum Mode { Quick, Run, Ramp }

/// <summary>The servers of the comparison, in the order a round measures them.</summary>
public enum Server { Ours, Durable, Bare }

/// <summary>The command line (see <see cref="Usage"/>).</summary>
public sealed record RunOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/RegioLab.Sim.Load -- MODE [options]
          quick   100 players for 15 s (after 10 s of warm-up) against ours, the durable floor, then the bare
                  hub (about a minute and a half in all)
          run     --players N (1000) for --seconds S (60) after --warmup W (10) s, against each server in turn
          ramp    from --from (500) players, --step (500) more every --step-seconds (20) s, until the
                  p99 passes --p99-limit (250) ms or errors appear, or --to (10000) players; each server in turn
        Servers, in this order: ours (the product), durable (the bare hub that first commits one row per
        command to a SQLite file, as durably as ours: the durable floor), bare (the bare SignalR hub).
        Options:
          --target all|both|LIST       what to measure: all three (all, the default), ours and the bare hub
                                       (both), or a comma-separated list of ours, durable, bare
          --repeat N                   quick and run: N rounds of every server, and the median of the
                                       rounds' ratios (1); the machine's load drifts between minutes
          --interval-ms MS             each player sends one command per MS ms (2000)
          --phase-seconds S            the console advances each workshop one phase per S s (30)
          --table-size N               players per table (5)
          --scenario ID                built-in scenario (buurthuis)
          --bytes N                    the message size of the durable floor and the bare hub (default: the
                                       mean update size ours sent in this run, else 2048)
          --url URL [--pid PID]        use a product server that is already running (no /proc stats without --pid)
          --bare-url URL [--bare-pid PID]
          --durable-url URL [--durable-pid PID]   a running durable floor (the Baseline with --Durable PATH)
          --server-dll PATH            src/Web/bin/Release/net10.0/RegioLab.Sim.Web.dll
          --bare-dll PATH              bench/RegioLab.Sim.Baseline/bin/Release/net10.0/RegioLab.Sim.Baseline.dll
                                       (the bare hub and the durable floor)
          --sync full|normal           SQLite synchronous of the product server and the durable floor it starts
                                       (full: every event durable)
          --server-env KEY=VALUE       more environment for the product server it starts (repeatable), e.g.
                                       DOTNET_PerfMapEnabled=1 for perf, or a setting of appsettings.json
          --json PATH                  also write the results as JSON (with the per-second series and reconnects)
        Faults (docs/operations.md, "Faults under load, with reconnecting players"):
          --reconnect                  ours: a player (and a console) whose connection drops reconnects as the pages
                                       do (same URL, so through the proxy; Resume with its seat token, Open with the
                                       key) and the tool times drop -> first own view at the table's newest version;
                                       on by itself with --fault
          --fault KIND:WHAT@Ts         cause a fault T s into the measured window (repeatable):
                                         kill:NAME            kill -9 the cluster's NAME (web-1, silo-2, ...: RUN/pids/NAME.pid)
                                         pg-stop:Ds           stop the cluster's PostgreSQL (pg_ctl -m fast) for D s, then start it
                                         fill:FOLDER:Ds       fill FOLDER's disk with a file, delete it after D s
          --run-dir PATH               the cluster's run folder (default: $REGIOLAB_RUN, else deploy/run)
          --series                     print the per-second series (always with --fault; always in --json)
          --recover-p99 MS             after a fault: when the per-second p99 is back at or under MS (50)
          --store-check auto|none|postgres|sqlite:PATH
                                       after the run, is every acknowledged version in the store's events
                                       (psql/sqlite3)? auto: the cluster's PostgreSQL with --fault and --url
        """;

    public Mode Mode { get; init; } = Mode.Run;

    /// <summary>The servers to measure, in the order they run.</summary>
    public IReadOnlyList<Server> Servers { get; init; } = [Server.Ours, Server.Durable, Server.Bare];

    public int Players { get; init; } = 1000;

    public double Seconds { get; init; } = 60;

    public double Warmup { get; init; } = 10;

    public int IntervalMs { get; init; } = 2000;

    public double PhaseSeconds { get; init; } = 30;

    public int TableSize { get; init; } = 5;

    public string Scenario { get; init; } = "buurthuis";

    public int From { get; init; } = 500;

    public int Step { get; init; } = 500;

    public double StepSeconds { get; init; } = 20;

    public int To { get; init; } = 10_000;

    public double P99Limit { get; init; } = 250;

    public int? Bytes { get; init; }

    public int Repeat { get; init; } = 1;

    public Uri? Url { get; init; }

    public int? Pid { get; init; }

    public Uri? BareUrl { get; init; }

    public int? BarePid { get; init; }

    public Uri? DurableUrl { get; init; }

    public int? DurablePid { get; init; }

    public string ServerDll { get; init; } = Path.Combine(Root, "src/Web/bin/Release/net10.0/RegioLab.Sim.Web.dll");

    public string BareDll { get; init; } = Path.Combine(Root, "bench/RegioLab.Sim.Baseline/bin/Release/net10.0/RegioLab.Sim.Baseline.dll");

    public string Sync { get; init; } = "full";

    public string? Json { get; init; }

    /// <summary>Players and consoles of ours reconnect as the pages do (on by itself with a fault).</summary>
    public bool Reconnect { get; init; }

    public IReadOnlyList<Fault> Faults { get; init; } = [];

    public string RunDir { get; init; } = Environment.GetEnvironmentVariable("REGIOLAB_RUN") is { Length: > 0 } run ? Path.GetFullPath(run) : Path.Combine(Root, "deploy/run");

    public bool Series { get; init; }

    public double RecoverP99 { get; init; } = 50;

    public string StoreCheck { get; init; } = "auto";

    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The repository root: the nearest folder above the tool (or the working directory) with RegioLab.Sim.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static RunOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help")
        {
            throw new ArgumentException(Usage);
        }

        var options = args[0] switch
        {
            "quick" => new RunOptions { Mode = Mode.Quick, Players = 100, Seconds = 15, Warmup = 10 },
            "run" => new RunOptions { Mode = Mode.Run },
            "ramp" => new RunOptions { Mode = Mode.Ramp },
            _ => throw new ArgumentException($"unknown mode '{args[0]}'\n{Usage}"),
        };

        for (var i = 1; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            double Double() => double.Parse(Value(), CultureInfo.InvariantCulture);
            options = name switch
            {
                "--target" => options with { Servers = ParseServers(Value()) },
                "--players" => options with { Players = Int() },
                "--seconds" => options with { Seconds = Double() },
                "--warmup" => options with { Warmup = Double() },
                "--interval-ms" => options with { IntervalMs = Int() },
                "--phase-seconds" => options with { PhaseSeconds = Double() },
                "--table-size" => options with { TableSize = Int() },
                "--scenario" => options with { Scenario = Value() },
                "--from" => options with { From = Int() },
                "--step" => options with { Step = Int() },
                "--step-seconds" => options with { StepSeconds = Double() },
                "--to" => options with { To = Int() },
                "--p99-limit" => options with { P99Limit = Double() },
                "--bytes" => options with { Bytes = Int() },
                "--repeat" => Int() is var n and > 0 ? options with { Repeat = n } : throw new ArgumentException("--repeat takes a positive number"),
                "--url" => options with { Url = new Uri(Value()) },
                "--pid" => options with { Pid = Int() },
                "--bare-url" => options with { BareUrl = new Uri(Value()) },
                "--bare-pid" => options with { BarePid = Int() },
                "--durable-url" => options with { DurableUrl = new Uri(Value()) },
                "--durable-pid" => options with { DurablePid = Int() },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(Value()) },
                "--bare-dll" => options with { BareDll = Path.GetFullPath(Value()) },
                "--sync" => options with { Sync = Value() },
                "--json" => options with { Json = Value() },
                "--reconnect" => options with { Reconnect = true },
                "--fault" => options with { Faults = [.. options.Faults, Fault.Parse(Value())], Reconnect = true, Series = true },
                "--run-dir" => options with { RunDir = Path.GetFullPath(Value()) },
                "--series" => options with { Series = true },
                "--recover-p99" => options with { RecoverP99 = Double() },
                "--store-check" => options with { StoreCheck = Value() },
                "--server-env" => Value().Split('=', 2) is [var key, var value]
                    ? options with { ServerEnvironment = new Dictionary<string, string>(options.ServerEnvironment) { [key] = value } }
                    : throw new ArgumentException("--server-env takes KEY=VALUE"),
                _ => throw new ArgumentException($"unknown option '{name}'\n{Usage}"),
            };
        }

        return options;
    }

    /// <summary>all, both (ours and the bare hub, as before the durable floor), or a list such as ours,durable.</summary>
    private static IReadOnlyList<Server> ParseServers(string value)
    {
        var chosen = value switch
        {
            "all" => [Server.Ours, Server.Durable, Server.Bare],
            "both" => [Server.Ours, Server.Bare],
            _ => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(name => name switch
            {
                "ours" => Server.Ours,
                "durable" => Server.Durable,
                "bare" or "baseline" => Server.Bare,
                _ => throw new ArgumentException($"unknown target '{name}' (ours, durable, bare, all or both)"),
            }).ToList(),
        };
        return chosen.Count == 0 ? throw new ArgumentException("--target names no server") : [.. chosen.Distinct().Order()];
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "RegioLab.Sim.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
