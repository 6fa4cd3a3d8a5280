using System.Globalization;
using RegioLab.Sim.Scenarios.Bots;

namespace RegioLab.Sim.Bench.Durable;

/// <summary>Which store the silo of a run writes to.</summary>
internal enum StoreKind { Sqlite, Postgres }

/// <summary>What one <c>--grains</c> run does: how many tables, how long, closed or open loop, which store.</summary>
internal sealed record RunOptions(
    int Tables,
    double Seconds,
    double WarmupSeconds,
    double? Rate,
    StoreKind Store,
    string Synchronous,
    BotKind Bots,
    string PostgresServer,
    bool Breakdown,
    bool StoreOnly)
{
    /// <summary>
    /// The server the store tests use; REGIOLAB_BENCH_POSTGRES or --postgres overrides it. The pool is
    /// capped because the store opens a read connection per activation, and Npgsql's default of 100
    /// is the server's whole max_connections: 200 tables activating at once ran it out.
    /// </summary>
    public const string LocalPostgres = "Host=127.0.0.1;Port=5432;Username=regiolab;Password=regiolab;Database=regiolab_test;Maximum Pool Size=40";

    public const string Usage =
        "--grains [--tables N] [--seconds S] [--warmup S] [--rate R] [--sync full|normal] [--store sqlite|postgres] [--bots random|cooperative|greedy] [--postgres CONNECTION] [--breakdown] [--store-only]";

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var options = new RunOptions(
            Tables: 1,
            Seconds: 20,
            // Not 3: tiered JIT and dynamic PGO keep recompiling for 10-15 s on two cores, and the rate
            // climbs by a third meanwhile (docs/benchmarks.md shows it second by second).
            WarmupSeconds: 10,
            Rate: null,
            Store: StoreKind.Sqlite,
            Synchronous: "full",
            Bots: BotKind.Random,
            PostgresServer: Environment.GetEnvironmentVariable("REGIOLAB_BENCH_POSTGRES") is { Length: > 0 } configured ? configured : LocalPostgres,
            Breakdown: false,
            StoreOnly: false);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value; usage: {Usage}");
            options = name switch
            {
                "--tables" => options with { Tables = Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--seconds" => options with { Seconds = Positive(name, double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--warmup" => options with { WarmupSeconds = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--rate" => options with { Rate = Positive(name, double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--sync" => options with { Synchronous = Value().ToLowerInvariant() switch
                {
                    "full" => "full",
                    "normal" => "normal",
                    var other => throw new ArgumentException($"--sync is full or normal, not {other}"),
                } },
                "--store" => options with { Store = Value().ToLowerInvariant() switch
                {
                    "sqlite" => StoreKind.Sqlite,
                    "postgres" => StoreKind.Postgres,
                    var other => throw new ArgumentException($"--store is sqlite or postgres, not {other}"),
                } },
                "--bots" => options with { Bots = BotKinds.TryParse(Value(), out var kind) ? kind : throw new ArgumentException("--bots is random, cooperative or greedy") },
                "--postgres" => options with { PostgresServer = Value() },
                "--breakdown" => options with { Breakdown = true },
                "--store-only" => options with { StoreOnly = true },
                _ => throw new ArgumentException($"unknown option {name}; usage: {Usage}"),
            };
        }

        return options;
    }

    /// <summary>The run as one line, for the report.</summary>
    public string Describe()
    {
        var store = Store == StoreKind.Sqlite ? $"sqlite (synchronous={Synchronous})" : "postgres";
        var loop = Rate is { } rate ? $"open loop at {rate:0} commands/s" : "closed loop";
        return $"{Tables} table(s), {loop}, {store}, {Bots.ToString().ToLowerInvariant()} bots, {WarmupSeconds:0.#} s warm-up + {Seconds:0.#} s measured" +
            (Breakdown ? ", appends timed (--breakdown)" : string.Empty) +
            (StoreOnly ? ", STORE ONLY: recorded games appended straight to the event store, no grains (--store-only)" : string.Empty);
    }

    private static T Positive<T>(string name, T value)
        where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{name} must be positive");
}
