using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// Tables are the physical tables: players pick one, arrive late at a running table, are moved
/// between rounds, and bots play empty seats through the grains — over REST and SignalR on Kestrel.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class SeatingTests : SharedHostTest
{
    public SeatingTests(WebHostFixture fixture)
        : base(fixture) => Services = fixture.Host.Services;

    private IServiceProvider Services { get; }

    [Fact]
    public async Task Players_pick_their_table_and_a_full_table_is_refused_by_its_number()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 2, seating = "pick" }, 201);
        var code = created.GetProperty("joinCode").GetString()!;

        var info = await GetJsonAsync($"/api/join/{code}");
        Assert.Equal("pick", info.GetProperty("seating").GetString());
        Assert.Equal([(1, 0, 8), (2, 0, 8)], Seats(info));

        for (var i = 0; i < 8; i++)
        {
            var joined = await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {i + 1}", table = 2 });
            Assert.Equal(2, joined.GetProperty("table").GetInt32());
        }

        Assert.Equal([(1, 0, 8), (2, 8, 8)], Seats(await GetJsonAsync($"/api/join/{code}")));
        var full = await Json.PostAsync(Http, $"/api/join/{code}", new { name = "Negen", table = 2 }, 409);
        Assert.Equal("table_full", full.GetProperty("code").GetString());
        Assert.Equal("Tafel 2 is vol. Kies een andere tafel.", full.GetProperty("reason").GetProperty("nl").GetString());
        Assert.Equal("Table 2 is full. Choose another table.", full.GetProperty("reason").GetProperty("en").GetString());
        Assert.Equal("no_such_table", (await Json.PostAsync(Http, $"/api/join/{code}", new { name = "Drie", table = 3 }, 400)).GetProperty("code").GetString());

        // Without a table the workshop still seats the player where there is room.
        Assert.Equal(1, (await Json.PostAsync(Http, $"/api/join/{code}", new { name = "Zonder" })).GetProperty("table").GetInt32());

        using var qr = await Http.GetAsync($"/api/join/{code}/qr.svg?table=2");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var plain = await Http.GetAsync($"/api/join/{code}/qr.svg");
        Assert.NotEqual(await plain.Content.ReadAsStringAsync(), await qr.Content.ReadAsStringAsync());
        using var wrong = await Http.GetAsync($"/api/join/{code}/qr.svg?table=3");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        // A workshop that spreads its players lists no seats.
        var spread = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 2 }, 201);
        var spreadInfo = await GetJsonAsync($"/api/join/{spread.GetProperty("joinCode").GetString()}");
        Assert.Equal("spread", spreadInfo.GetProperty("seating").GetString());
        Assert.Equal(0, spreadInfo.GetProperty("seats").GetArrayLength());
    }

    [Fact]
    public async Task A_late_arrival_takes_over_the_role_of_a_player_who_left_a_running_table()
    {
        var (code, console, players) = await SetUpAsync(tables: 1, players: 3);
        await SendAsync(console, 1, Json.Command("start", new { seed = 3 }));
        var playing = await SendAsync(console, 1, Json.Command("advance"));
        var table = await console.WaitForAsync("Table", t => t.GetProperty("version").GetInt64() >= playing.GetProperty("version").GetInt64());
        var leaving = players[1];
        var role = table.GetProperty("seats")[leaving.Seat].GetProperty("role").GetString();

        await SendAsync(console, 1, Json.Command("leave_seat", new { seat = leaving.Seat }));
        var late = await Json.PostAsync(Http, $"/api/join/{code}", new { name = "Laat" });
        Assert.Equal(3, late.GetProperty("seat").GetInt32());
        var phone = await ConnectAsync("/hubs/player", "Update", "Moved");
        Assert.True((await phone.Connection.InvokeAsync<JsonElement>("Resume", late.GetProperty("seatToken").GetString(), 0L)).GetProperty("ok").GetBoolean());
        var view = (await phone.WaitForAsync("Update", u => u.GetProperty("view").GetProperty("role").ValueKind == JsonValueKind.Object)).GetProperty("view");
        Assert.Equal(role, view.GetProperty("role").GetProperty("id").GetString());
        Assert.Equal("playing", view.GetProperty("flow").GetProperty("stage").GetString());

        // A second newcomer gets a new seat with a role the table has room for.
        var another = await Json.PostAsync(Http, $"/api/join/{code}", new { name = "Nog later" });
        var after = await console.WaitForAsync("Table", t => t.GetProperty("seats").GetArrayLength() == 5);
        Assert.NotEqual(JsonValueKind.Null, after.GetProperty("seats")[another.GetProperty("seat").GetInt32()].GetProperty("role").ValueKind);
    }

    [Fact]
    public async Task A_player_moved_between_rounds_is_told_where_and_the_table_left_no_longer_counts_them()
    {
        var (_, console, players) = await SetUpAsync(tables: 2, players: 6);
        await SendAsync(console, null, Json.Command("start", new { seed = 5 }));
        await SendAsync(console, null, Json.Command("advance"));
        var mover = players.First(p => p.Table == 1);
        var grain = Services.GetRequiredService<IGrainFactory>().GetGrain<ITableGrain>(TableIds.For(mover.WorkshopId, 1));
        while ((await grain.GetStateAsync()).Flow.Stage != Scenarios.Flow.Stage.RoleSwap)
        {
            await SendAsync(console, null, Json.Command("advance"));
        }

        Assert.Equal(1, (await grain.GetStateAsync()).Flow.Round);

        var moved = await console.Connection.InvokeAsync<MoveResult>("MovePlayer", mover.PlayerId, 2);
        Assert.True(moved.Moved, moved.Message);
        Assert.Equal(2, moved.Player!.Table);

        // The phone hears where it went, resumes there and plays on at table 2.
        var told = await mover.Client.WaitForAsync("Moved", _ => true);
        Assert.Equal(2, told.GetInt32());
        var session = await mover.Client.Connection.InvokeAsync<JsonElement>("Resume", mover.Token, 0L);
        Assert.Equal(2, session.GetProperty("table").GetInt32());
        var view = await mover.Client.WaitForAsync("Update", u => u.GetProperty("sessionId").GetString()!.EndsWith("/2", StringComparison.Ordinal));
        Assert.Contains(view.GetProperty("view").GetProperty("seats").EnumerateArray(), s => s.GetProperty("name").GetString() == mover.Name && !s.GetProperty("left").GetBoolean());

        // Table 1 gave up the seat: it plays on without it, and plans no role for it.
        var left = await console.WaitForAsync("Table", t => t.GetProperty("table").GetInt32() == 1 && t.GetProperty("seats")[mover.Seat].GetProperty("left").GetBoolean());
        Assert.Equal(2, left.GetProperty("seats").EnumerateArray().Count(s => !s.GetProperty("left").GetBoolean()));
        Assert.Equal("", left.GetProperty("plan")[1][mover.Seat].GetString());
    }

    [Fact]
    public async Task One_player_and_bots_play_a_table_to_the_end_through_the_grains_and_the_log_folds_to_the_live_state()
    {
        var (_, console, players) = await SetUpAsync(tables: 1, players: 1);
        var filled = await SendAsync(console, 1, Json.Command("fill_bots", new { kind = "greedy" }));
        await SendAsync(console, 1, Json.Command("set_bot", new { seat = 2, kind = "cooperative" }));
        await SendAsync(console, 1, Json.Command("start", new { seed = 11 }));

        // The facilitator moves the table on once the bots have done what they wanted; the player does nothing.
        var sessionId = TableIds.For(players[0].WorkshopId, 1);
        var grain = Services.GetRequiredService<IGrainFactory>().GetGrain<ITableGrain>(sessionId);
        for (var step = 0; step < 100; step++)
        {
            var state = await grain.GetStateAsync();
            if (state.Flow.Stage == Scenarios.Flow.Stage.Ended)
            {
                break;
            }

            await WaitForQuietAsync(grain);
            var command = state.Flow.Stage == Scenarios.Flow.Stage.Debrief ? "end" : "advance";
            var ack = await SendAsync(console, 1, Json.Command(command));
            Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        }

        var final = await grain.GetStateAsync();
        Assert.Equal(Scenarios.Flow.Stage.Ended, final.Flow.Stage);
        var log = await grain.ReadSinceAsync(0);
        Assert.Contains(log, e => e.Event is Scenarios.Rules.BotSwitched { Kind: "greedy" });
        Assert.Contains(log, e => e.Event is Scenarios.Rules.ActionTaken or Scenarios.Rules.ProposalMade or Scenarios.Rules.BallotOpened);
        // Bots play; reflecting and leaving tips are the players' own (the debrief's word wall and tips stay theirs).
        Assert.DoesNotContain(log, e => e.Event is Scenarios.Rules.ReflectionGiven or Scenarios.Rules.HandoverNoteWritten);

        // Live state = fold of the log.
        var rules = await Services.GetRequiredService<RulesCatalog>().GetAsync((await grain.GetInfoAsync()).Setup.Scenario, null);
        var folded = rules.Fold(log.Select(e => e.Event));
        Assert.Equal(JsonSerializer.Serialize(final), JsonSerializer.Serialize(folded));

        // The console's story marks the bots' lines, never the player's.
        var story = console.Received.Where(m => m.Method == "Table")
            .SelectMany(m => m.Message.GetProperty("summary").GetProperty("headlines").EnumerateArray())
            .Where(h => h.GetProperty("seat").ValueKind == JsonValueKind.Number)
            .ToList();
        Assert.Contains(story, h => h.GetProperty("bot").GetBoolean());
        Assert.All(story, h => Assert.Equal(h.GetProperty("seat").GetInt32() != players[0].Seat, h.GetProperty("bot").GetBoolean()));
        Assert.True(filled.GetProperty("accepted").GetBoolean());
    }

    /// <summary>Waits until the table's log has not grown for a while: its bots have nothing more to do in this phase.</summary>
    private static async Task WaitForQuietAsync(ITableGrain grain)
    {
        var version = (await grain.GetInfoAsync()).Version;
        for (var quiet = 0; quiet < 5;)
        {
            await Task.Delay(60);
            var now = (await grain.GetInfoAsync()).Version;
            quiet = now == version ? quiet + 1 : 0;
            version = now;
        }
    }

    private static IEnumerable<(int, int, int)> Seats(JsonElement info) =>
        info.GetProperty("seats").EnumerateArray().Select(s => (s.GetProperty("table").GetInt32(), s.GetProperty("players").GetInt32(), s.GetProperty("max").GetInt32()));

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private sealed record Player(LiveClient Client, string Token, string WorkshopId, string PlayerId, string Name, int Table, int Seat);

    private async Task<(string Code, LiveClient Console, List<Player> Players)> SetUpAsync(int tables, int players)
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables, language = "nl", title = "Seating" }, 201);
        var workshopId = created.GetProperty("workshopId").GetString()!;
        var code = created.GetProperty("joinCode").GetString()!;
        var console = await ConnectAsync("/hubs/facilitator", "Workshop", "Table");
        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshopId, created.GetProperty("facilitatorKey").GetString())).GetProperty("ok").GetBoolean());
        var seated = new List<Player>();
        for (var i = 0; i < players; i++)
        {
            var joined = await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {i + 1}" });
            var client = await ConnectAsync("/hubs/player", "Update", "Moved");
            var token = joined.GetProperty("seatToken").GetString()!;
            Assert.True((await client.Connection.InvokeAsync<JsonElement>("Resume", token, 0L)).GetProperty("ok").GetBoolean());
            seated.Add(new Player(client, token, workshopId, joined.GetProperty("playerId").GetString()!, joined.GetProperty("name").GetString()!,
                joined.GetProperty("table").GetInt32(), joined.GetProperty("seat").GetInt32()));
        }

        return (code, console, seated);
    }

    private static async Task<JsonElement> SendAsync(LiveClient console, int? table, JsonObject command)
    {
        var acks = await console.Connection.InvokeAsync<JsonElement[]>("Send", table, Guid.NewGuid().ToString("N"), command);
        Assert.All(acks, a => Assert.True(a.GetProperty("accepted").GetBoolean(), a.ToString()));
        return acks[^1];
    }
}
