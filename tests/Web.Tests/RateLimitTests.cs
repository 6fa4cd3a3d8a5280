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
        ["Limits:JoinsPerMinute"] = "3",
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
    public async Task Join_attempts_from_one_address_are_limited_per_minute()
    {
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "stadstuin", tables = 1 }, 201);
        var code = created.GetProperty("joinCode").GetString();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync($"/api/join/{code}", new { name = $"Speler {i}" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.RetryAfter?.ToString());
                Assert.Contains("too_many_requests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

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
