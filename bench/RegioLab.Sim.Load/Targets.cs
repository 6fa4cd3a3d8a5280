using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace RegioLab.Sim.Load;

/// <summary>What the generator plays against: the product, or the bare hub.</summary>
public interface ITarget : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The server process, when the tool started it (for /proc); null for --url.</summary>
    int? Pid { get; }

    IReadOnlyCollection<TableTrack> Tables { get; }

    /// <summary>Seats <paramref name="count"/> more players at new tables and gets them playing (active).</summary>
    Task<IReadOnlyList<PlayerClient>> AddPlayersAsync(int count, CancellationToken cancel);

    /// <summary>The newest version of a table, as the server knows it (for the lost-update check).</summary>
    long Truth(TableTrack table);
}

/// <summary>Shared steps: connecting many players at once, a bounded number at a time.</summary>
internal static class Crowd
{
    public const int Parallel = 32;

    public static async Task<PlayerClient[]> ConnectAsync(Uri hub, int first, int count, Counters counters, bool reconnect, CancellationToken cancel)
    {
        var players = new PlayerClient[count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancel },
            async (i, c) => players[i] = await PlayerClient.ConnectAsync(hub, first + i, counters, reconnect, c));
        return players;
    }

    /// <summary>Tables of <paramref name="perTable"/> (the last one may be smaller).</summary>
    public static IEnumerable<int> Split(int count, int perTable)
    {
        for (var left = count; left > 0; left -= perTable)
        {
            yield return Math.Min(perTable, left);
        }
    }
}

/// <summary>
/// The product, through the documented API only: workshops of up to 20 tables (POST
/// /api/workshops), a facilitator console per workshop (which stays open, as at a real workshop,
/// and so also receives every table's FacilitatorTable), players who join by code (POST
/// /api/join/CODE) and Resume on /hubs/player. The console starts every table and takes it to round
/// 1, then advances each workshop one phase every <c>--phase-seconds</c> (staggered); a workshop
/// whose tables reach the last phase of the last round is replaced by a new one with the same
/// players (new seat tokens, same connections), so that tables keep playing however long the run.
/// </summary>
public sealed class ProductTarget(Uri url, int? pid, RunOptions options, Recorder recorder) : ITarget
{
    private const int TablesPerWorkshop = 20;

    private readonly HttpClient http = new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<Workshop> workshops = [];
    private readonly ConcurrentDictionary<TableTrack, Workshop> owners = new();
    private readonly CancellationTokenSource stop = new();
    private Task? facilitating;
    private int players;
    private int created;

    public string Name => "ours";

    public Uri Url => http.BaseAddress!;

    /// <summary>A seat token of one player, for capturing a real update.</summary>
    public string? SampleToken { get; private set; }

    public int? Pid { get; } = pid;

    public IReadOnlyCollection<TableTrack> Tables => [.. owners.Keys];

    /// <summary>Workshops replaced because their game reached its last phase.</summary>
    public int Recycled { get; private set; }

    public async Task<IReadOnlyList<PlayerClient>> AddPlayersAsync(int count, CancellationToken cancel)
    {
        var tables = Crowd.Split(count, options.TableSize).ToArray();
        var connected = await Crowd.ConnectAsync(new Uri(Url, "/hubs/player"), players, count, recorder.Counters, options.Reconnect, cancel);
        players += count;
        var next = 0;
        var opened = new List<Workshop>();
        for (var w = 0; w < tables.Length; w += TablesPerWorkshop)
        {
            var sizes = tables[w..Math.Min(tables.Length, w + TablesPerWorkshop)];
            var seated = connected[next..(next + sizes.Sum())];
            next += sizes.Sum();
            opened.Add(await OpenAsync(sizes, seated, cancel));
        }

        lock (workshops)
        {
            workshops.AddRange(opened);
        }

        facilitating ??= FacilitateAsync(stop.Token);
        return connected;
    }

    public long Truth(TableTrack table) => table.Truth;

    /// <summary>Creates a workshop, opens its console, seats the players (join + Resume) and starts every table in round 1.</summary>
    private async Task<Workshop> OpenAsync(int[] sizes, PlayerClient[] seated, CancellationToken cancel)
    {
        var number = Interlocked.Increment(ref created);
        using var response = await http.PostAsJsonAsync("/api/workshops",
            new { scenario = options.Scenario, tables = sizes.Length, language = "nl", title = $"Load {number}" }, Wire.Options, cancel);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Wire.Options, cancel);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"creating a workshop: {(int)response.StatusCode} {body}");
        }

        var workshopId = body.GetProperty("workshopId").GetString()!;
        var code = body.GetProperty("joinCode").GetString()!;
        var key = body.GetProperty("facilitatorKey").GetString();
        var console = PlayerClient.Connect(new Uri(Url, "/hubs/facilitator"), options.Reconnect);
        var workshop = new Workshop(workshopId, console, [.. sizes.Select((_, i) => new TableTrack($"{workshopId}/{i + 1}", recorder))]);
        console.On<TableUpdate>("Table", t => workshop.Saw(t));
        console.On<Ignored>("Workshop", _ => { });
        console.Reconnected += _ => ReopenAsync(console, workshopId, key);
        await console.StartAsync(cancel);
        var open = await console.InvokeAsync<JsonElement>("Open", workshopId, key, cancel);
        if (!open.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException($"opening the console: {open}");
        }

        var scenario = open.GetProperty("scenario");
        workshop.Rounds = scenario.GetProperty("rounds").GetInt32();
        workshop.Phases = scenario.GetProperty("phases").GetArrayLength();
        var roles = scenario.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();

        await SeatAsync(workshop, code, roles, seated, cancel);
        await workshop.SendAsync(new Command("start") { Seed = number }, cancel);
        await workshop.SendAsync(new Command("advance"), cancel);
        foreach (var table in workshop.Tables)
        {
            owners[table] = workshop;
        }

        foreach (var player in seated)
        {
            player.Active = true;
        }

        return workshop;
    }

    /// <summary>Joins each player by the workshop's code and resumes its connection with the seat token it got.</summary>
    private async Task SeatAsync(Workshop workshop, string code, string[] roles, PlayerClient[] seated, CancellationToken cancel)
    {
        workshop.Players = seated;
        await Parallel.ForEachAsync(seated, new ParallelOptions { MaxDegreeOfParallelism = Crowd.Parallel, CancellationToken = cancel }, async (player, c) =>
        {
            using var response = await http.PostAsJsonAsync($"/api/join/{code}", new { name = $"Speler {player.Index}" }, Wire.Options, c);
            var joined = await response.Content.ReadFromJsonAsync<JsonElement>(Wire.Options, c);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"joining: {(int)response.StatusCode} {joined}");
            }

            var table = workshop.Tables[joined.GetProperty("table").GetInt32() - 1];
            player.SitAt(table, roles[player.Index % roles.Length]);
            var token = joined.GetProperty("seatToken").GetString();
            SampleToken ??= token;
            var session = await player.ResumeAsync(token!);
            if (!session.GetProperty("ok").GetBoolean())
            {
                throw new InvalidOperationException($"resuming: {session}");
            }
        });
    }

    /// <summary>A console's connection came back (--reconnect): Open again, as the console page does, while the cluster answers host_unavailable.</summary>
    private async Task ReopenAsync(HubConnection console, string workshopId, string? key)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                var open = await console.InvokeAsync<JsonElement>("Open", workshopId, key);
                if (open.GetProperty("ok").GetBoolean())
                {
                    return;
                }

                if (open.GetProperty("code").GetString() != "host_unavailable")
                {
                    recorder.Counters.Error($"facilitator: Open after a reconnect refused: {open}");
                    return;
                }
            }
            catch (Exception) when (console.State != HubConnectionState.Connected)
            {
                return;
            }
            catch (Exception e)
            {
                recorder.Counters.Error($"facilitator: Open after a reconnect failed: {e.GetType().Name} {e.Message}");
            }

            await Task.Delay(PlayerClient.WindowRetries[Math.Min(attempt, PlayerClient.WindowRetries.Length - 1)]);
        }
    }

    /// <summary>The console's part: every workshop one phase on per --phase-seconds, spread over that time.</summary>
    private async Task FacilitateAsync(CancellationToken cancel)
    {
        var turn = 0;
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                Workshop[] all;
                lock (workshops)
                {
                    all = [.. workshops];
                }

                await Task.Delay(TimeSpan.FromSeconds(options.PhaseSeconds / Math.Max(1, all.Length)), cancel);
                var workshop = all[turn++ % all.Length];
                if (workshop.Console.State != HubConnectionState.Connected)
                {
                    // Its console is reconnecting (--reconnect): this workshop's phase waits for its next turn.
                    continue;
                }

                try
                {
                    if (workshop.AtLastPhase)
                    {
                        await RecycleAsync(workshop, cancel);
                    }
                    else
                    {
                        await workshop.SendAsync(new Command("advance"), cancel);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    recorder.Counters.Error($"facilitator: {e.GetType().Name} {e.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The game of a workshop is over: the same players join a new workshop, and it starts.</summary>
    private async Task RecycleAsync(Workshop old, CancellationToken cancel)
    {
        foreach (var player in old.Players)
        {
            player.Active = false;
        }

        for (var i = 0; i < 100 && old.Players.Any(p => p.Outstanding > 0); i++)
        {
            await Task.Delay(50, cancel);
        }

        var sizes = old.Tables.Select(t => t.Members).ToArray();
        var fresh = await OpenAsync(sizes, old.Players, cancel);
        lock (workshops)
        {
            workshops[workshops.IndexOf(old)] = fresh;
        }

        foreach (var table in old.Tables)
        {
            owners.TryRemove(table, out _);
        }

        await old.Console.DisposeAsync();
        Recycled++;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (facilitating is not null)
        {
            await facilitating;
        }

        foreach (var workshop in workshops)
        {
            await workshop.Console.DisposeAsync();
        }

        http.Dispose();
        stop.Dispose();
    }

    /// <summary>A workshop as its console sees it.</summary>
    private sealed class Workshop(string id, HubConnection console, TableTrack[] tables)
    {
        private readonly (Stage Stage, int Round, int Phase)[] flows = new (Stage, int, int)[tables.Length];
        private int commands;

        public string Id { get; } = id;

        public HubConnection Console { get; } = console;

        public TableTrack[] Tables { get; } = tables;

        public PlayerClient[] Players { get; set; } = [];

        public int Rounds { get; set; }

        public int Phases { get; set; }

        /// <summary>Every table is in the last phase of the last round: one more advance ends the game.</summary>
        public bool AtLastPhase
        {
            get
            {
                lock (flows)
                {
                    return flows.All(f => f.Stage == Stage.Playing && f.Round >= Rounds && f.Phase >= Phases - 1);
                }
            }
        }

        public void Saw(TableUpdate table)
        {
            Tables[table.Table - 1].Saw(table.Version);
            if (!table.HasFlow)
            {
                return;
            }

            lock (flows)
            {
                flows[table.Table - 1] = (table.Stage, table.Round, table.Phase);
            }
        }

        /// <summary>Sends a command to every table of the workshop; a refusal is an error of the run.</summary>
        public async Task SendAsync(Command command, CancellationToken cancel)
        {
            var acks = await Console.InvokeAsync<Ack[]>("Send", null, $"console-{Interlocked.Increment(ref commands)}", command, cancel);
            if (acks.FirstOrDefault(a => !a.Accepted) is { } refused)
            {
                throw new InvalidOperationException($"{command.Type} refused at workshop {Id}: {refused.Code} {refused.Message}");
            }
        }
    }
}

/// <summary>
/// The bare hub or the durable floor (bench/RegioLab.Sim.Baseline, /hubs/bare or /hubs/durable): a
/// group per table of the same size; each command broadcasts one message of the product's size to the
/// group (the durable floor commits one row per command first). Same clients, same bot, same rate.
/// </summary>
public sealed class BareTarget(Uri url, int? pid, bool durable, RunOptions options, Recorder recorder) : ITarget
{
    private readonly List<TableTrack> tables = [];
    private int players;

    public string Name => durable ? "durable floor" : "bare SignalR";

    /// <summary>The durable floor rather than the bare hub.</summary>
    public bool Durable => durable;

    public int? Pid { get; } = pid;

    public IReadOnlyCollection<TableTrack> Tables => tables;

    public async Task<IReadOnlyList<PlayerClient>> AddPlayersAsync(int count, CancellationToken cancel)
    {
        var connected = await Crowd.ConnectAsync(new Uri(url, durable ? "/hubs/durable" : "/hubs/bare"), players, count, recorder.Counters, reconnect: false, cancel);
        players += count;
        var next = 0;
        var added = new List<TableTrack>();
        foreach (var size in Crowd.Split(count, options.TableSize))
        {
            var table = new TableTrack($"bare-{tables.Count + added.Count + 1}", recorder);
            added.Add(table);
            foreach (var player in connected[next..(next + size)])
            {
                player.SitAt(table, "");
                await player.InvokeAsync("Join", table.Name);
            }

            next += size;
        }

        tables.AddRange(added);
        foreach (var player in connected)
        {
            player.Active = true;
        }

        return connected;
    }

    public long Truth(TableTrack table) => table.Truth;

    /// <summary>The durable floor's rows committed to its log and the commits they took, from its /health.</summary>
    public async Task<(long Rows, long Commits)> CommittedAsync()
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var health = await http.GetFromJsonAsync<JsonElement>("/health");
        return (health.GetProperty("committed").GetInt64(), health.GetProperty("commits").GetInt64());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
