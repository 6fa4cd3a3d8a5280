using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace RegioLab.Sim.Web.Tests;

/// <summary>The console's messages and inject plan over real SignalR: who receives what.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ConsoleHubTests(WebHostFixture web) : SharedHostTest(web)
{
    private sealed record Phone(LiveClient Client, int Table, int Seat);

    [Fact]
    public async Task A_message_to_one_seat_reaches_only_that_seats_update_and_one_to_all_reaches_every_phone()
    {
        var (console, phones) = await SetUpAsync(tables: 2, players: 6);
        var target = phones.First(p => p.Table == 2);

        var toOne = Assert.Single(await SendAsync(console, 2, Json.Command("send_message", new { text = "Kom even naar voren", seat = target.Seat })));
        Assert.True(toOne.GetProperty("accepted").GetBoolean(), toOne.ToString());
        var version = toOne.GetProperty("version").GetInt64();
        foreach (var phone in phones.Where(p => p.Table == 2))
        {
            var view = (await phone.Client.WaitForAsync("Update", u => u.GetProperty("version").GetInt64() >= version)).GetProperty("view");
            var texts = Texts(view);
            if (phone == target)
            {
                Assert.Equal(["Kom even naar voren"], texts);
                Assert.Equal(target.Seat, view.GetProperty("messages")[0].GetProperty("seat").GetInt32());
            }
            else
            {
                Assert.Empty(texts);
            }
        }

        foreach (var phone in phones)
        {
            Assert.DoesNotContain(phone.Client.Received.Where(m => m.Method == "Update" && phone != target), m => m.Message.GetRawText().Contains("Kom even naar voren", StringComparison.Ordinal));
        }

        var toAll = await SendAsync(console, null, Json.Command("send_message", new { text = "Nog vijf minuten" }));
        Assert.Equal(2, toAll.Length);
        Assert.All(toAll, a => Assert.True(a.GetProperty("accepted").GetBoolean(), a.ToString()));
        foreach (var phone in phones)
        {
            var view = (await phone.Client.WaitForAsync("Update", u => Texts(u.GetProperty("view")).Contains("Nog vijf minuten"))).GetProperty("view");
            Assert.Null(view.GetProperty("messages").EnumerateArray().Last().GetProperty("seat").GetString());
        }

        var table2 = await console.WaitForAsync("Table", t => t.GetProperty("table").GetInt32() == 2 && t.GetProperty("messages").GetArrayLength() == 2);
        Assert.Equal(target.Seat, table2.GetProperty("messages")[0].GetProperty("seat").GetInt32());

        var refused = Assert.Single(await SendAsync(console, 1, Json.Command("send_message", new { text = new string('x', 501) })));
        Assert.Equal("too_long", refused.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_inject_planned_for_every_table_fires_at_each_as_it_enters_the_phase_and_the_console_sees_it_done()
    {
        var (console, _) = await SetUpAsync(tables: 2, players: 6);
        Assert.All(await SendAsync(console, null, Json.Command("start", new { seed = 3 })), a => Assert.True(a.GetProperty("accepted").GetBoolean(), a.ToString()));
        Assert.All(await SendAsync(console, null, Json.Command("advance")), a => Assert.True(a.GetProperty("accepted").GetBoolean(), a.ToString()));

        // buurthuis: the second phase of round 1.
        var planned = await SendAsync(console, null, Json.Command("plan_inject", new { round = 1, phase = "negotiate", dilemma = "gym_hire" }));
        Assert.All(planned, a => Assert.True(a.GetProperty("accepted").GetBoolean(), a.ToString()));
        var past = await SendAsync(console, 1, Json.Command("plan_inject", new { round = 1, phase = "explore", dilemma = "gym_hire" }));
        Assert.Equal("inject_past", past[0].GetProperty("code").GetString());

        await SendAsync(console, null, Json.Command("advance"));
        foreach (var n in new[] { 1, 2 })
        {
            var table = await console.WaitForAsync("Table", t => t.GetProperty("table").GetInt32() == n
                && t.GetProperty("injects").EnumerateArray().Any(i => i.GetProperty("status").GetString() == "fired"));
            Assert.Equal("gym_hire", table.GetProperty("openDilemma").GetString());
        }
    }

    private static List<string> Texts(JsonElement view) => [.. view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];

    private static Task<JsonElement[]> SendAsync(LiveClient console, int? table, JsonObject command) =>
        console.Connection.InvokeAsync<JsonElement[]>("Send", table, Guid.NewGuid().ToString("N"), command);

    private async Task<(LiveClient Console, List<Phone> Phones)> SetUpAsync(int tables, int players)
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables, language = "nl", title = "Console" }, 201);
        var workshopId = created.GetProperty("workshopId").GetString()!;
        var code = created.GetProperty("joinCode").GetString()!;
        var console = await ConnectAsync("/hubs/facilitator", "Workshop", "Table");
        var opened = await console.Connection.InvokeAsync<JsonElement>("Open", workshopId, created.GetProperty("facilitatorKey").GetString());
        Assert.True(opened.GetProperty("ok").GetBoolean(), opened.ToString());

        var phones = new List<Phone>();
        for (var i = 0; i < players; i++)
        {
            var joined = await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {i + 1}" });
            var client = await ConnectAsync("/hubs/player", "Update", "Moved");
            var session = await client.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L);
            Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
            phones.Add(new Phone(client, session.GetProperty("table").GetInt32(), session.GetProperty("seat").GetInt32()));
        }

        Assert.Equal([1, 2], phones.Select(p => p.Table).Distinct().Order());
        return (console, phones);
    }
}
