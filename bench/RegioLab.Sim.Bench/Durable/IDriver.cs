namespace RegioLab.Sim.Bench.Durable;

/// <summary>What the run reads from each table's driver once it is over.</summary>
internal interface IDriver
{
    /// <summary>Every durable command, warm-up included.</summary>
    List<CommandSample> Samples { get; }

    /// <summary>Accepted commands that appended nothing (not durable commands, so not in <see cref="Samples"/>).</summary>
    int Empty { get; }

    IReadOnlyDictionary<string, int> Rejections { get; }

    int GamesStarted { get; }

    int GamesFinished { get; }

    /// <summary>Stopwatch ticks spent on workshop setups (create + five joins), and their number.</summary>
    (long Ticks, int Count) Setups { get; }

    /// <summary>Stopwatch ticks this driver spent choosing commands and folding answers: the load generator's own work.</summary>
    long DriverTicks { get; }

    /// <summary>Sets up what the first command needs (the first workshop), before the clock starts.</summary>
    Task PrepareAsync();

    Task RunAsync(CancellationToken stop);
}

/// <summary>
/// One durable command as the driver saw it: when it was due (open loop; else when it was sent), sent and
/// answered (Stopwatch timestamps), how many events it appended, and (with <c>--breakdown</c>) when the
/// grain's append to the store began and ended (else 0).
/// </summary>
internal readonly record struct CommandSample(long Due, long Start, long End, int Events, long AppendStart, long AppendEnd);
