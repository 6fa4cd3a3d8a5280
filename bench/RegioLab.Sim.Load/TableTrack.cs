using System.Diagnostics;

namespace RegioLab.Sim.Load;

/// <summary>
/// The fan-out latency of one table's commands: from a command's send to the moment the last
/// player of the table has received an update of at least the version its Ack named. The update
/// may reach a player before the Ack reaches the sender (the server pushes before it answers), so
/// each player's recent arrivals are remembered and an Ack looks back as well as forward.
/// </summary>
public sealed class TableTrack(string name, Recorder recorder)
{
    /// <summary>Arrivals remembered per player: an Ack later than this many updates finds the oldest instead.</summary>
    private const int Remembered = 32;

    private readonly Lock gate = new();
    private readonly List<long[]> versions = [];
    private readonly List<long[]> times = [];
    private readonly List<int> written = [];
    private readonly List<Pending> pending = [];
    private long truth;

    public string Name { get; } = name;

    public int Members
    {
        get
        {
            lock (gate)
            {
                return versions.Count;
            }
        }
    }

    /// <summary>The newest version of the table that anyone here has seen (an Ack, an update, the console).</summary>
    public long Truth
    {
        get
        {
            lock (gate)
            {
                return truth;
            }
        }
    }

    /// <summary>Fan-outs still waiting for some player.</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    /// <summary>A player sits down here; the number is its slot in this table's bookkeeping.</summary>
    public int AddMember()
    {
        lock (gate)
        {
            versions.Add(new long[Remembered]);
            times.Add(new long[Remembered]);
            written.Add(0);
            return versions.Count - 1;
        }
    }

    /// <summary>The console saw this version.</summary>
    public void Saw(long version)
    {
        lock (gate)
        {
            truth = Math.Max(truth, version);
        }
    }

    /// <summary>An update of <paramref name="version"/> reached the player in <paramref name="slot"/> at <paramref name="at"/>.</summary>
    public void Arrived(int slot, long version, long at)
    {
        lock (gate)
        {
            truth = Math.Max(truth, version);
            var n = written[slot];
            versions[slot][n % Remembered] = version;
            times[slot][n % Remembered] = at;
            written[slot] = n + 1;
            for (var i = pending.Count - 1; i >= 0; i--)
            {
                var p = pending[i];
                if (version >= p.Version && (p.Seen & (1 << slot)) == 0)
                {
                    p.Seen |= 1 << slot;
                    p.Last = Math.Max(p.Last, at);
                    if (p.Seen == Everyone)
                    {
                        recorder.Latency(p.SentAt, p.Last - p.SentAt);
                        if (Recorder.Ms(p.Last - p.SentAt) > 5000)
                        {
                            // Which player was the last to get it, and the versions each of the others had then: where a slow fan-out got stuck.
                            recorder.Slow(Recorder.Ms(p.Last - p.SentAt), string.Create(System.Globalization.CultureInfo.InvariantCulture,
                                $"table {Name} version {p.Version}: {Recorder.Ms(p.Last - p.SentAt):F0} ms, completed by slot {slot} (update {version}); slots' last versions {string.Join(",", Enumerable.Range(0, versions.Count).Select(k => written[k] == 0 ? 0 : versions[k][(written[k] - 1) % Remembered]))}"));
                        }

                        pending.RemoveAt(i);
                    }
                }
            }
        }
    }

    /// <summary>A command sent at <paramref name="sentAt"/> was accepted as <paramref name="version"/>.</summary>
    public void Acked(long sentAt, long version)
    {
        lock (gate)
        {
            truth = Math.Max(truth, version);
            var p = new Pending(version, sentAt);
            for (var slot = 0; slot < versions.Count; slot++)
            {
                if (FirstAtLeast(slot, version) is { } at)
                {
                    p.Seen |= 1 << slot;
                    p.Last = Math.Max(p.Last, at);
                }
            }

            if (p.Seen == Everyone)
            {
                recorder.Latency(sentAt, p.Last - sentAt);
            }
            else
            {
                pending.Add(p);
            }
        }
    }

    /// <summary>Drops the fan-outs sent before <paramref name="before"/> that never completed; returns how many (each is a lost update).</summary>
    public int Expire(long before)
    {
        lock (gate)
        {
            return pending.RemoveAll(p => p.SentAt < before);
        }
    }

    private int Everyone => (1 << versions.Count) - 1;

    private long? FirstAtLeast(int slot, long version)
    {
        var n = written[slot];
        for (var k = Math.Max(0, n - Remembered); k < n; k++)
        {
            if (versions[slot][k % Remembered] >= version)
            {
                return times[slot][k % Remembered];
            }
        }

        return null;
    }

    private sealed class Pending(long version, long sentAt)
    {
        public long Version { get; } = version;

        public long SentAt { get; } = sentAt;

        public int Seen { get; set; }

        public long Last { get; set; }
    }
}

/// <summary>Every measurement of a run: latencies by send time, and counters that windows take differences of.</summary>
public sealed class Recorder
{
    private readonly Lock gate = new();
    private readonly List<(long SentAt, long Latency)> latencies = new(1 << 16);
    private readonly List<(long At, long Late)> ticks = new(1 << 14);

    public Counters Counters { get; } = new();

    /// <summary>The latencies of the commands sent in [from, to), with their send times.</summary>
    public (long SentAt, double Ms)[] LatenciesAt(long from, long to)
    {
        lock (gate)
        {
            return [.. latencies.Where(l => l.SentAt >= from && l.SentAt < to).Select(l => (l.SentAt, Ms(l.Latency)))];
        }
    }

    private readonly List<(double Ms, string What)> slow = [];

    /// <summary>The 12 slowest fan-outs of more than 5 s, slowest first.</summary>
    public IReadOnlyList<string> SlowSamples
    {
        get
        {
            lock (gate)
            {
                return [.. slow.Select(s => s.What)];
            }
        }
    }

    public void Slow(double ms, string what)
    {
        lock (gate)
        {
            slow.Add((ms, what));
            slow.Sort((a, b) => b.Ms.CompareTo(a.Ms));
            if (slow.Count > 12)
            {
                slow.RemoveAt(slow.Count - 1);
            }
        }
    }

    public void Latency(long sentAt, long latency)
    {
        lock (gate)
        {
            latencies.Add((sentAt, latency));
        }
    }

    /// <summary>How late the scheduler ran a slot of sends (the generator's own saturation).</summary>
    public void Tick(long at, long late)
    {
        lock (gate)
        {
            ticks.Add((at, late));
        }
    }

    /// <summary>The fan-out latencies (ms) of the commands sent in [from, to).</summary>
    public double[] Latencies(long from, long to)
    {
        lock (gate)
        {
            return [.. latencies.Where(l => l.SentAt >= from && l.SentAt < to).Select(l => Ms(l.Latency))];
        }
    }

    public double[] Lateness(long from, long to)
    {
        lock (gate)
        {
            return [.. ticks.Where(t => t.At >= from && t.At < to).Select(t => Ms(t.Late))];
        }
    }

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>Counts of the whole run; a window is the difference of two snapshots.</summary>
public sealed class Counters
{
    public static readonly string[] Kinds = ["act", "answer_proposal", "cast_vote", "resolve_dilemma", "write_handover_note", "reflect", "request_role_swap"];

    private readonly long[] sent = new long[Kinds.Length];
    private readonly long[] accepted = new long[Kinds.Length];
    private readonly Dictionary<string, long> refusals = new(StringComparer.Ordinal);
    private readonly List<string> errorSamples = [];
    private readonly Dictionary<string, long> retries = new(StringComparer.Ordinal);
    private long errors;
    private long updates;
    private long bytes;
    private long outOfOrder;
    private long duplicates;
    private long skipped;
    private long disconnects;

    /// <summary>The same counts by the second they happened in (the per-second series).</summary>
    public Timeline Timeline { get; } = new();

    /// <summary>Players whose connection dropped, and how long each took to be whole again.</summary>
    public Reconnects Reconnects { get; } = new();

    public void Sent(int kind)
    {
        Interlocked.Increment(ref sent[kind]);
        Timeline.Now().Sent();
    }

    public void Accepted(int kind)
    {
        Interlocked.Increment(ref accepted[kind]);
        Timeline.Now().Accepted();
    }

    /// <summary>A refusal, named "command type: code".</summary>
    public void Refused(string code)
    {
        lock (refusals)
        {
            refusals[code] = refusals.GetValueOrDefault(code) + 1;
        }

        Timeline.Now().Refused(code[(code.LastIndexOf(": ", StringComparison.Ordinal) + 1)..].Trim());
    }

    public void Error(string what)
    {
        Interlocked.Increment(ref errors);
        Timeline.Now().Error();
        lock (errorSamples)
        {
            if (errorSamples.Count < 20)
            {
                errorSamples.Add(what);
            }
        }
    }

    public void Disconnected() => Interlocked.Increment(ref disconnects);

    /// <summary>A command sent again as the page does (--reconnect), and why.</summary>
    public void Retried(string why)
    {
        lock (retries)
        {
            retries[why] = retries.GetValueOrDefault(why) + 1;
        }

        Timeline.Now().Retried(why);
    }

    /// <summary>Commands sent again, by why, over the whole run.</summary>
    public IReadOnlyDictionary<string, long> Retries
    {
        get
        {
            lock (retries)
            {
                return new Dictionary<string, long>(retries, StringComparer.Ordinal);
            }
        }
    }

    public void Update(int size, long gap)
    {
        Interlocked.Increment(ref updates);
        Interlocked.Add(ref bytes, size);
        if (gap > 1)
        {
            Interlocked.Add(ref skipped, gap - 1);
        }
    }

    public void OutOfOrder() => Interlocked.Increment(ref outOfOrder);

    public void Duplicate() => Interlocked.Increment(ref duplicates);

    public IReadOnlyList<string> ErrorSamples
    {
        get
        {
            lock (errorSamples)
            {
                return [.. errorSamples];
            }
        }
    }

    public Snapshot Take()
    {
        lock (refusals)
        {
            return new Snapshot(
                [.. sent], [.. accepted],
                new Dictionary<string, long>(refusals, StringComparer.Ordinal),
                Interlocked.Read(ref errors), Interlocked.Read(ref updates), Interlocked.Read(ref bytes), Interlocked.Read(ref outOfOrder),
                Interlocked.Read(ref duplicates), Interlocked.Read(ref skipped), Interlocked.Read(ref disconnects));
        }
    }

    public sealed record Snapshot(
        long[] Sent, long[] Accepted, Dictionary<string, long> Refusals, long Errors, long Updates, long Bytes, long OutOfOrder, long Duplicates, long Skipped, long Disconnects)
    {
        public long SentTotal => Sent.Sum();

        public long AcceptedTotal => Accepted.Sum();

        public Snapshot Minus(Snapshot before) => new(
            [.. Sent.Select((s, i) => s - before.Sent[i])], [.. Accepted.Select((a, i) => a - before.Accepted[i])],
            Refusals.ToDictionary(r => r.Key, r => r.Value - before.Refusals.GetValueOrDefault(r.Key), StringComparer.Ordinal),
            Errors - before.Errors, Updates - before.Updates, Bytes - before.Bytes, OutOfOrder - before.OutOfOrder,
            Duplicates - before.Duplicates, Skipped - before.Skipped, Disconnects - before.Disconnects);
    }
}
