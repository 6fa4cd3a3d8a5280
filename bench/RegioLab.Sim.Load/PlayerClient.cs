using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace RegioLab.Sim.Load;

/// <summary>
/// One player: one SignalR connection over WebSockets, the bot, and the bookkeeping of what it
/// received. The scheduler calls <see cref="Tick"/> once per interval; the player then sends what
/// its bot chooses from the newest view, or a harmless filler that is accepted in every stage
/// (a role swap request), so every player sends at the same rate whatever the game offers.
/// </summary>
public sealed class PlayerClient : IAsyncDisposable
{
    /// <summary>Refusals that say the server or the generator is wrong, not that the bot's view was a moment old.</summary>
    private static readonly HashSet<string> Trouble =
        new(["unavailable", "storage_unavailable", "not_joined", "not_allowed", "invalid_command_id", "not_a_player"], StringComparer.Ordinal);

    private readonly HubConnection connection;
    private readonly Counters counters;
    private readonly bool reconnect;

    // Taken by each update (on the connection's receive loop) and when the player sits at another table.
    private readonly Lock gate = new();
    private Command filler = new("request_role_swap") { Role = "", Note = "load test" };
    private Bot bot = new();
    private Seat? seat;
    private SeatUpdate? latest;
    private long lastVersion;
    private long commands;
    private int outstanding;
    private volatile bool active;
    private volatile bool closing;

    // Reconnecting as the pages do: the seat token and seat of the last Resume, and when the connection dropped (0: not away).
    private string? token;
    private int mySeat = -1;
    private long droppedAt;
    private volatile bool resumed = true;

    private PlayerClient(int index, HubConnection connection, Counters counters, bool reconnect)
    {
        this.reconnect = reconnect;
        Index = index;
        this.connection = connection;
        this.counters = counters;
        connection.On<SeatUpdate>("Update", OnUpdate);
        connection.On("Moved", () => counters.Error($"player {index} was moved"));
        connection.Reconnecting += _ =>
        {
            var at = Stopwatch.GetTimestamp();
            lock (gate)
            {
                resumed = false;
                if (droppedAt == 0)
                {
                    droppedAt = at;
                    counters.Reconnects.Dropped(at, counters.Timeline);
                }
            }

            return Task.CompletedTask;
        };
        connection.Reconnected += _ => ResumeAgainAsync();
        connection.Closed += e =>
        {
            if (!closing)
            {
                counters.Disconnected();
                counters.Error($"player {index} disconnected: {e?.Message}");
            }

            return Task.CompletedTask;
        };
    }

    public int Index { get; }

    public HubConnection Connection => connection;

    public TableTrack? Table => seat?.Table;

    private sealed record Seat(TableTrack Table, int Slot);

    public long LastVersion => Interlocked.Read(ref lastVersion);

    public int Outstanding => Volatile.Read(ref outstanding);

    /// <summary>Whether the scheduler's ticks send commands (off while the player sits down or moves).</summary>
    public bool Active
    {
        get => active;
        set => active = value;
    }

    public static async Task<PlayerClient> ConnectAsync(Uri hub, int index, Counters counters, bool reconnect, CancellationToken cancel = default)
    {
        var connection = Connect(hub, reconnect);
        var player = new PlayerClient(index, connection, counters, reconnect);
        await connection.StartAsync(cancel);
        return player;
    }

    /// <summary>
    /// A connection with the generator's JSON, WebSockets only (no negotiate round trip). With
    /// <paramref name="reconnect"/>, a dropped connection reconnects as the pages' does (src/Web/ClientApp/src/hub.ts):
    /// a new connection to the same URL (so through the proxy, to whichever host answers) at once, then after 1, 2, 5, 10, 15, 30 s.
    /// </summary>
    public static HubConnection Connect(Uri hub, bool reconnect = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(hub, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = Wire.Options);
        if (reconnect)
        {
            builder.WithAutomaticReconnect([.. PageRetries.Select(ms => TimeSpan.FromMilliseconds(ms))]);
        }

        return builder.Build();
    }

    /// <summary>The pages' reconnect delays (hub.ts retryDelays), then every 30 s.</summary>
    private static readonly int[] PageRetries = [0, 1000, 2000, 5000, 10000, 15000, 30000, 30000, 30000, 30000, 30000, 30000, 30000];

    /// <summary>The pages' delays before calling the opening method again after <c>host_unavailable</c> (hub.ts windowRetryDelays).</summary>
    public static readonly int[] WindowRetries = [250, 500, 1000, 2000, 3000];

    /// <summary>Resume with a seat token, as the page does after joining; remembered for a reconnect.</summary>
    public async Task<JsonElement> ResumeAsync(string seatToken)
    {
        var session = await InvokeAsync("Resume", seatToken, LastVersion);
        if (session.GetProperty("ok").GetBoolean())
        {
            lock (gate)
            {
                token = seatToken;
                mySeat = session.TryGetProperty("seat", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : -1;
            }
        }

        return session;
    }

    /// <summary>After a reconnect: Resume(seatToken, lastVersion) again, tried again while the cluster answers host_unavailable (as hub.ts does).</summary>
    private async Task ResumeAgainAsync()
    {
        // As hub.ts: a few tries on the open connection; after those the player stays away (counted: not whole).
        for (var attempt = 0; !closing && attempt <= WindowRetries.Length; attempt++)
        {
            try
            {
                var session = await InvokeAsync("Resume", token, LastVersion);
                if (session.GetProperty("ok").GetBoolean())
                {
                    resumed = true;
                    return;
                }

                var code = session.TryGetProperty("code", out var c) ? c.GetString() : null;
                if (code != "host_unavailable")
                {
                    counters.Error($"player {Index}: Resume after a reconnect refused: {code}");
                    return;
                }
            }
            catch (Exception e) when (!closing && connection.State == HubConnectionState.Connected)
            {
                counters.Error($"player {Index}: Resume after a reconnect failed: {e.GetType().Name} {e.Message}");
            }
            catch (Exception)
            {
                // The new connection dropped too: the next reconnect resumes.
                return;
            }

            await Task.Delay(WindowRetries[Math.Min(attempt, WindowRetries.Length - 1)]);
        }
    }

    /// <summary>Takes a slot at a table's bookkeeping and starts afresh (new bot, no version seen).</summary>
    public void SitAt(TableTrack table, string fillerRole)
    {
        lock (gate)
        {
            Interlocked.Exchange(ref lastVersion, 0);
            latest = null;
            bot = new Bot();
            filler = new Command("request_role_swap") { Role = fillerRole, Note = "load test" };
            seat = new Seat(table, table.AddMember());
        }
    }

    public Task<JsonElement> InvokeAsync(string method, params object?[] args) => connection.InvokeCoreAsync<JsonElement>(method, args);

    /// <summary>One tick of the schedule: send without waiting for the answer (the load stays open-loop).</summary>
    public void Tick()
    {
        if (active && seat is not null && resumed && connection.State == HubConnectionState.Connected)
        {
            _ = SendAsync();
        }
    }

    private void OnUpdate(SeatUpdate update)
    {
        var at = Stopwatch.GetTimestamp();
        lock (gate)
        {
            Arrived(update, at);
        }
    }

    private void Arrived(SeatUpdate update, long at)
    {
        if (seat is not { } s || update.SessionId != s.Table.Name)
        {
            // From the table this player left (a finished workshop) or before it sat down.
            return;
        }

        var last = Interlocked.Read(ref lastVersion);
        if (update.After != 0)
        {
            // A delta: merged onto the view held, as the pages do (src/Web/ClientApp/src/seatView.ts).
            if (latest is not null && latest.Version == update.After)
            {
                update.MergeOnto(latest);
            }
            else if (update.Version <= last)
            {
                Stale(update, last);
                return;
            }
            else
            {
                // Before the first whole view (a push under way as the player sat down) or while it reconnects, a whole one is on its way.
                if (latest is not null && droppedAt == 0)
                {
                    counters.Error($"player {Index}: an update of version {update.Version} follows version {update.After}, but the view held is of {latest.Version}");
                }

                return;
            }
        }

        if (droppedAt != 0 && update.Version >= s.Table.Truth)
        {
            // The first update after the drop at the table's newest version: whole again, if it is my own seat's view. Only the new
            // connection can carry it (the old one is gone), and only once its Resume joined it to the seat; the push may be
            // handled before Resume's answer is, so this does not wait for `resumed`.
            if (update.Seat != mySeat)
            {
                counters.Error($"player {Index}: after a reconnect, the view of seat {update.Seat}, not of my seat {mySeat}");
            }
            else
            {
                counters.Reconnects.Whole(droppedAt, at, counters.Timeline);
            }

            droppedAt = 0;
        }

        if (update.Version <= last)
        {
            Stale(update, last);
            return;
        }

        counters.Update(update.Bytes, last == 0 ? 1 : update.Version - last);
        Interlocked.Exchange(ref lastVersion, update.Version);
        latest = update;
        s.Table.Arrived(s.Slot, update.Version, at);
    }

    /// <summary>Counts an update that brings nothing newer than <paramref name="last"/>.</summary>
    private void Stale(SeatUpdate update, long last)
    {
        if (update.Version < last)
        {
            counters.OutOfOrder();
        }
        else
        {
            counters.Duplicate();
        }
    }

    private async Task SendAsync()
    {
        var table = seat!.Table;
        var view = latest;
        var chosen = bot.Choose(view);
        var command = chosen ?? filler;
        var kind = Array.IndexOf(Counters.Kinds, command.Type);
        var id = $"{Index}-{++commands}";
        counters.Sent(kind);
        Interlocked.Increment(ref outstanding);
        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            // As a page does: a bot's choice carries the version it was made on; the filler does not depend on the view.
            var ack = await SendAsPageAsync(id, chosen is null ? null : view?.Version, command);
            if (ack.Accepted)
            {
                counters.Accepted(kind);
                table.Acked(sentAt, ack.Version);
            }
            else
            {
                counters.Refused($"{command.Type}: {ack.Code}");
                if (chosen is null || ack.Code is null || Trouble.Contains(ack.Code))
                {
                    counters.Error($"{command.Type} refused: {ack.Code} {ack.Message}");
                }
            }
        }
        catch (Exception e) when (!closing)
        {
            counters.Error($"{command.Type} failed: {e.GetType().Name} {e.Message}");
        }
        catch (Exception)
        {
        }
        finally
        {
            Interlocked.Decrement(ref outstanding);
        }
    }

    /// <summary>
    /// Send; with --reconnect, as the page's hub.ts invoke does: the same command id again after the
    /// connection dropped (once it is resumed) and after an <c>unavailable</c> answer (backing off).
    /// The server answers a repeated id with its first answer, so a retry never doubles a command.
    /// </summary>
    private async Task<Ack> SendAsPageAsync(string id, long? version, Command command)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var ack = await connection.InvokeAsync<Ack>("Send", id, version, command);
                if (!reconnect || ack.Code != "unavailable" || attempt >= WindowRetries.Length)
                {
                    return ack;
                }

                counters.Retried("after unavailable");
                await Task.Delay(WindowRetries[attempt]);
            }
            catch (Exception) when (reconnect && !closing && connection.State != HubConnectionState.Connected && attempt < 2 + WindowRetries.Length)
            {
                counters.Retried("after a drop");
                var until = Stopwatch.GetTimestamp() + (20 * Stopwatch.Frequency);
                while (!(resumed && connection.State == HubConnectionState.Connected))
                {
                    if (closing || Stopwatch.GetTimestamp() > until)
                    {
                        throw;
                    }

                    await Task.Delay(50);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        closing = true;
        active = false;
        await connection.DisposeAsync();
    }
}
