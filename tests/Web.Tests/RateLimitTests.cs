using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly WebHost host = new(new Dictionary<string, string>
    {
        ["Limits:FailedLookupsPerMinute"] = "30",
        ["Limits:CommandsPerSecond"] = CommandRate.DefaultPerSecond.ToString(CultureInfo.InvariantCulture),
        ["Limits:CommandBurst"] = CommandRate.DefaultBurst.ToString(CultureInfo.InvariantCulture),
    });
    private readonly List<LiveClient> clients = [];
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        http = new HttpClient { BaseAddress = host.Start() };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        http.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Sixty_players_on_one_address_all_join_within_a_minute()
    {
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "buurthuis", tables = 10 }, 201);
        var code = created.GetProperty("joinCode").GetString();

        // Each phone opens the join page (a look-up) and then joins, all from this one address, at once.
        var joins = await Task.WhenAll(Enumerable.Range(1, 60).Select(async i =>
        {
            using var page = await http.GetAsync($"/api/join/{code}");
            using var joined = await http.PostAsJsonAsync($"/api/join/{code}", new { name = $"Speler {i}" });
            return (page.StatusCode, joined.StatusCode);
        }));

        Assert.All(joins, j => Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), j));
    }

    [Fact]
    public async Task Guessing_join_codes_from_one_address_is_refused_after_thirty_misses_and_then_even_a_right_code_is()
    {
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "stadstuin", tables = 1 }, 201);
        var code = created.GetProperty("joinCode").GetString()!;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 100; i++)
        {
            using var response = await http.GetAsync($"/api/join/{Guess(i)}");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 30).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 70)), statuses);
        using var right = await http.PostAsJsonAsync($"/api/join/{code}", new { name = "Anna" });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal("60", right.Headers.RetryAfter?.ToString());
        Assert.Contains("too_many_requests", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var projector = await LiveClient.ConnectAsync(http.BaseAddress!, "/hubs/projector", "Table");
        clients.Add(projector);
        var watched = await projector.Connection.InvokeAsync<JsonElement>("Watch", code);
        Assert.Equal("too_many_requests", watched.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_workshop_takes_its_seats_and_a_margin_of_joins_and_no_more()
    {
        // One table of stadstuin (8 seats at most): 8 joins, and a margin of 5 for players who join
        // again after their seat was given up, so 13 in all.
        Assert.Equal(8, RegioLab.Sim.Scenarios.Validation.ScenarioLoader.LoadBuiltIn("stadstuin").Scenario!.Players.Max);
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "stadstuin", tables = 1 }, 201);
        var code = created.GetProperty("joinCode").GetString();
        var console = await LiveClient.ConnectAsync(http.BaseAddress!, "/hubs/facilitator", "Table");
        clients.Add(console);
        var opened = await console.Connection.InvokeAsync<JsonElement>("Open", created.GetProperty("workshopId").GetString(), created.GetProperty("facilitatorKey").GetString());
        Assert.True(opened.GetProperty("ok").GetBoolean(), opened.ToString());

        for (var i = 0; i < 13; i++)
        {
            var joined = await Json.PostAsync(http, $"/api/join/{code}", new { name = $"Speler {i}" });
            if (i >= 7)
            {
                // The facilitator gives the seat up again, so the table always has room.
                var acks = await console.Connection.InvokeAsync<JsonElement[]>("Send", 1, $"leave-{i}", Json.Command("leave_seat", new { seat = joined.GetProperty("seat").GetInt32() }));
                Assert.True(acks[0].GetProperty("accepted").GetBoolean(), acks[0].ToString());
            }
        }

        var refused = await Json.PostAsync(http, $"/api/join/{code}", new { name = "Veertien" }, 409);
        Assert.Equal("too_many_joins", refused.GetProperty("code").GetString());
    }

    private static string Guess(int i) => new([.. $"{i:D6}".Select(d => "ABCDEFGHJK"[d - '0'])]);

    [Fact]
    public async Task A_seat_that_floods_its_table_is_slowed_down_and_the_other_seats_are_not()
    {
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "stadstuin", tables = 1 }, 201);
        var code = created.GetProperty("joinCode").GetString();
        var flooder = await SeatAsync(code!, "Flood");
        var neighbour = await SeatAsync(code!, "Buur");
        var act = Json.Command("act", new { action = "x", note = "" });

        // The product's default: a burst of 20, then 5 a second. 40 commands in a row take well under a second.
        var acks = new List<JsonElement>();
        for (var i = 0; i < 40; i++)
        {
            acks.Add(await SendAsync(flooder, act));
        }

        var codes = acks.Select(a => a.GetProperty("code").GetString()).ToList();
        Assert.DoesNotContain("too_fast", codes.Take(CommandRate.DefaultBurst));
        Assert.Contains("too_fast", codes.Skip(CommandRate.DefaultBurst));
        var refused = acks.First(a => a.GetProperty("code").GetString() == "too_fast");
        Assert.False(refused.GetProperty("accepted").GetBoolean());
        Assert.StartsWith("Rustig aan", refused.GetProperty("reason").GetProperty("nl").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Slow down", refused.GetProperty("reason").GetProperty("en").GetString(), StringComparison.Ordinal);

        // Another seat at the same table has its own pace; the flooder gets tokens back with time.
        Assert.NotEqual("too_fast", (await SendAsync(neighbour, act)).GetProperty("code").GetString());
        // Refused commands cost no token, so asking until one is taken measures the refill.
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while ((await SendAsync(flooder, act)).GetProperty("code").GetString() == "too_fast")
        {
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(5), "the flooder got no token back within 5 s");
            await Task.Delay(100);
        }

    }

    private async Task<LiveClient> SeatAsync(string code, string name)
    {
        var joined = await Json.PostAsync(http, $"/api/join/{code}", new { name });
        var client = await LiveClient.ConnectAsync(http.BaseAddress!, "/hubs/player", "Update", "Moved");
        clients.Add(client);
        var session = await client.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L);
        Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
        return client;
    }

    private static Task<JsonElement> SendAsync(LiveClient player, JsonObject command) =>
        player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, command);
}
