using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using RegioLab.Sim.Web.Tests;
using Xunit.Abstractions;

namespace RegioLab.Sim.Deploy.Tests;

/// <summary>
/// deploy/cluster.sh as an operator runs it: players reach the two web hosts only through nginx,
/// the facilitator and the projector sit on different hosts, and a web host is killed mid-game.
/// </summary>
public sealed partial class ClusterBehindProxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Whole = TimeSpan.FromSeconds(5);
    private readonly List<Page> pages = [];
    private Cluster? cluster;

    public async Task InitializeAsync() => cluster = await Cluster.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var page in pages)
        {
            await page.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Players_behind_the_proxy_see_one_table_live_and_are_whole_within_5_s_after_a_web_host_and_then_a_silo_is_killed()
    {
        using var http = new HttpClient { BaseAddress = cluster!.Proxy };
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "buurthuis", tables = 1, language = "en", title = "Deploy" }, 201);
        var (workshopId, key, code) = (created.GetProperty("workshopId").GetString()!, created.GetProperty("facilitatorKey").GetString()!, created.GetProperty("joinCode").GetString()!);
        var seats = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            seats.Add(await Json.PostAsync(http, $"/api/join/{code}", new { name = $"Player {i}" }));
        }

        // One connection after the other, so the proxy's round robin gives each host two.
        var players = new List<(Page Page, int Seat)>();
        foreach (var seat in seats)
        {
            var token = seat.GetProperty("seatToken").GetString()!;
            var page = await Open(cluster.Proxy, "/hubs/player", "Update", async c => await c.InvokeAsync<JsonElement>("Resume", token, 0L));
            players.Add((page, seat.GetProperty("seat").GetInt32()));
        }

        // Each host counts the seats connected to it.
        var (first, second) = (await PlayersOnAsync(cluster.Web(1)), await PlayersOnAsync(cluster.Web(2)));
        Assert.True(first > 0 && second > 0, $"the proxy did not spread the players: {first} on web-1, {second} on web-2");

        var facilitator = await Open(cluster.Web(2), "/hubs/facilitator", "Table", async c => await c.InvokeAsync<JsonElement>("Open", workshopId, key));
        var projector = await Open(cluster.Web(1), "/hubs/projector", "Table", async c => await c.InvokeAsync<JsonElement>("Watch", code));

        // Every change reaches every player, the facilitator on one host and the projector on the other.
        var version = 0L;
        foreach (var command in new[] { Json.Command("start", new { seed = 7 }), Json.Command("pause"), Json.Command("resume"), Json.Command("advance") })
        {
            version = await SendAsync(facilitator, command);
            foreach (var page in players.Select(p => p.Page).Append(facilitator).Append(projector))
            {
                await page.WaitForAsync(p => Version(p) == version, TimeSpan.FromSeconds(5));
            }
        }

        // The projector's host goes; the players it served reconnect through the proxy to the other.
        pages.Remove(projector);
        await projector.DisposeAsync();
        var killed = DateTime.UtcNow;
        cluster.Kill("web-1");
        for (var i = 0; i < 100 && players.All(p => p.Page.DroppedAt is null); i++)
        {
            await Task.Delay(20);
        }

        var moved = players.Where(p => p.Page.DroppedAt is not null).ToList();
        Assert.NotEmpty(moved);
        foreach (var (page, seat) in moved)
        {
            // Whole: a view pushed after the drop, at the table's current version, of its own seat.
            var whole = await page.WaitForPushAsync(page.DroppedAt!.Value, p => Version(p) == version && p.GetProperty("after").GetInt64() == 0 && Of(p, seat), Whole);
            output.WriteLine($"seat {seat} was whole again {(whole - killed).TotalSeconds:0.00} s after its web host was killed");
            Assert.True(whole - killed <= Whole, $"seat {seat} was whole {(whole - killed).TotalSeconds:0.0} s after the kill");
        }

        // And play goes on for everyone.
        version = await SendAsync(facilitator, Json.Command("advance"));
        foreach (var (page, seat) in players)
        {
            await page.WaitForAsync(p => Version(p) == version && Of(p, seat), TimeSpan.FromSeconds(5));
        }

        await facilitator.WaitForAsync(p => Version(p) == version, TimeSpan.FromSeconds(5));

        // Then a silo: the table (if it was there) comes back on another within the failure window;
        // commands meanwhile are refused by name (unavailable) and taken once it is back.
        killed = DateTime.UtcNow;
        cluster.Kill("silo-1");
        version = await SendUntilTakenAsync(facilitator, Json.Command("pause"), Whole);
        var taken = DateTime.UtcNow - killed;
        output.WriteLine($"a command was taken {taken.TotalSeconds:0.00} s after a silo was killed");
        foreach (var (page, seat) in players)
        {
            var whole = await page.WaitForAsync(p => Version(p) == version && Of(p, seat), Whole);
            output.WriteLine($"seat {seat} saw it {(whole - killed).TotalSeconds:0.00} s after the silo was killed");
        }
    }

    private static async Task<long> SendUntilTakenAsync(Page facilitator, System.Text.Json.Nodes.JsonObject command, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        var id = Guid.NewGuid().ToString("N");
        while (true)
        {
            var ack = (await facilitator.Connection.InvokeAsync<JsonElement>("Send", 1, id, command))[0];
            if (ack.GetProperty("accepted").GetBoolean())
            {
                return ack.GetProperty("version").GetInt64();
            }

            Assert.True(ack.GetProperty("code").GetString() == "unavailable" && DateTime.UtcNow < until, ack.ToString());
            await Task.Delay(100);
        }
    }

    private static long Version(JsonElement push) => push.GetProperty("version").GetInt64();

    /// <summary>
    /// A player's update is of this seat: a whole view says so; a delta (docs/protocol.md, "Update") carries
    /// only what changed, and a page is only ever sent its own seat's.
    /// </summary>
    private static bool Of(JsonElement update, int seat) =>
        !update.GetProperty("view").TryGetProperty("seat", out var of) || of.GetInt32() == seat;

    private static async Task<long> SendAsync(Page facilitator, System.Text.Json.Nodes.JsonObject command)
    {
        var acks = await facilitator.Connection.InvokeAsync<JsonElement>("Send", 1, Guid.NewGuid().ToString("N"), command);
        var ack = acks[0];
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        return ack.GetProperty("version").GetInt64();
    }

    private static async Task<long> PlayersOnAsync(Uri host)
    {
        using var http = new HttpClient { BaseAddress = host };
        var metrics = await http.GetStringAsync("/metrics");
        var match = PlayersConnected().Match(metrics);
        Assert.True(match.Success, "regiolab_players_connected is missing from /metrics");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<Page> Open(Uri server, string hub, string pushed, Func<HubConnection, Task<JsonElement>> open)
    {
        var page = await Page.OpenAsync(server, hub, pushed, open);
        pages.Add(page);
        return page;
    }

    [GeneratedRegex(@"^regiolab_players_connected\S* (\d+)", RegexOptions.Multiline)]
    private static partial Regex PlayersConnected();
}
