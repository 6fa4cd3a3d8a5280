using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Web.Tests;

/// <summary>The facilitator's exports of a played workshop over real HTTP: the JSON log folds back to the game, the CSVs open cleanly, and only the key opens them.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ExportTests(WebHostFixture web) : SharedHostTest(web)
{
    [Fact]
    public async Task The_JSON_export_holds_every_tables_log_and_folds_back_to_the_final_state()
    {
        var game = await PlayAsync();
        using var response = await GetAsync($"/api/workshops/{game.WorkshopId}/export.json", game.Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(1, export.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("buurthuis", export.GetProperty("scenario").GetProperty("id").GetString());
        Assert.Equal(3, export.GetProperty("players").GetArrayLength());
        var table = Assert.Single(export.GetProperty("tables").EnumerateArray().ToArray());
        var events = table.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(game.FinalVersion, events.Length);
        Assert.Equal(Enumerable.Range(1, events.Length).Select(v => (long)v), events.Select(e => e.GetProperty("version").GetInt64()));

        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        var folded = rules.Fold(events.Select(e => e.GetProperty("event").Deserialize<TableEvent>(Json.Options)!));
        Assert.Equal(game.FinalVersion, folded.Version);
        Assert.Equal(Scenarios.Flow.Stage.Ended, folded.Flow.Stage);
        Assert.Equal(game.CommunityScore, folded.CommunityScore);
        Assert.Contains(folded.Notes, n => n.Text == "=1+1");
    }

    [Fact]
    public async Task The_CSV_export_has_every_file_with_its_columns_and_rows_and_escapes_formulas()
    {
        var game = await PlayAsync();
        using var response = await GetAsync($"/api/workshops/{game.WorkshopId}/export.zip", game.Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var files = zip.Entries.ToDictionary(e => e.FullName, e => Read(e));
        Assert.Equal(["decisions.csv", "events.csv", "handover_notes.csv", "metrics.csv", "observer_notes.csv", "points.csv", "reflections.csv", "roles.csv"], files.Keys.Order());

        Assert.All(files.Values, f => Assert.True(f.Bom, "a UTF-8 byte order mark, so Excel reads accents"));
        Assert.Equal("table,version,recorded_at,kind,round,stage,phase,seat,name,role,metric_changes,resource_changes", files["events.csv"].Lines[0]);
        Assert.Equal(game.FinalVersion, files["events.csv"].Lines.Length - 1);
        Assert.Equal("table,seat,name,round,role,points", files["roles.csv"].Lines[0]);
        Assert.Equal(3 * 4, files["roles.csv"].Lines.Length - 1);
        Assert.Equal("table,version,round,phase,end_of_round,metric,value", files["metrics.csv"].Lines[0]);
        var metrics = ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!.Metrics.Length;
        Assert.Equal((1 + 4 * 3) * metrics, files["metrics.csv"].Lines.Length - 1);

        // A note or word that a spreadsheet would run as a formula is written as text.
        Assert.True(files["handover_notes.csv"].Lines.Any(l => l.EndsWith(",\"'=1+1\"", StringComparison.Ordinal)), string.Join("\n", files["handover_notes.csv"].Lines));
        Assert.True(files["reflections.csv"].Lines.Any(l => l.Contains(",\"'+machteloos\",", StringComparison.Ordinal)), string.Join("\n", files["reflections.csv"].Lines));
        Assert.True(files["reflections.csv"].Lines.Any(l => l.EndsWith(",\"Veel overleg, weinig doen\"", StringComparison.Ordinal)), string.Join("\n", files["reflections.csv"].Lines));
        Assert.DoesNotContain(files["metrics.csv"].Lines.Skip(1), l => l.Contains('\''));
    }

    [Fact]
    public async Task The_CSV_headers_are_the_ones_docs_export_md_lists()
    {
        var game = await PlayAsync();
        using var response = await GetAsync($"/api/workshops/{game.WorkshopId}/export.zip", game.Key);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "export.md"));
        var documented = System.Text.RegularExpressions.Regex.Matches(doc, @"^- `([a-z_]+\.csv)`: `([a-z_,]+)`", System.Text.RegularExpressions.RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(zip.Entries.Select(e => e.FullName).Order(), documented.Keys.Order());
        foreach (var entry in zip.Entries)
        {
            Assert.Equal(documented[entry.FullName], Read(entry).Lines[0]);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RegioLab.Sim.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("RegioLab.Sim.sln not found above the test output");
    }

    [Fact]
    public async Task The_debrief_holds_every_tables_replay_and_each_seat_at_any_moment_sees_only_its_own_role()
    {
        var game = await PlayAsync();
        using var whole = await GetAsync($"/api/workshops/{game.WorkshopId}/debrief", game.Key);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var debrief = JsonDocument.Parse(await whole.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEmpty(debrief.GetProperty("prompts").GetProperty("whatHappened").EnumerateArray());
        var table = Assert.Single(debrief.GetProperty("tables").EnumerateArray().ToArray());
        Assert.Equal(game.FinalVersion, table.GetProperty("timeline").GetArrayLength());
        Assert.Equal(1 + 4 * 3, table.GetProperty("series").GetArrayLength());
        Assert.All(table.GetProperty("seats").EnumerateArray(), s => Assert.Equal(4, s.GetProperty("rounds").GetArrayLength()));
        Assert.Contains(table.GetProperty("reflections").EnumerateArray(), r => r.GetProperty("word").GetString() == "+machteloos");
        Assert.Equal(game.CommunityScore, table.GetProperty("score").GetProperty("total").GetDouble());

        // The end of round 1: the last metric point of round 1.
        var endOfRound1 = table.GetProperty("series").EnumerateArray().First(p => p.GetProperty("round").GetInt32() == 1 && p.GetProperty("endOfRound").GetBoolean()).GetProperty("version").GetInt64();
        using var at = await GetAsync($"/api/workshops/{game.WorkshopId}/debrief/tables/1/at/{endOfRound1}", game.Key);
        Assert.Equal(HttpStatusCode.OK, at.StatusCode);
        var moment = JsonDocument.Parse(await at.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, moment.GetProperty("flow").GetProperty("round").GetInt32());
        Assert.NotEmpty(moment.GetProperty("story").EnumerateArray());
        foreach (var seat in moment.GetProperty("seats").EnumerateArray())
        {
            var role = seat.GetProperty("role").GetString();
            Assert.Equal(role, seat.GetProperty("view").GetProperty("role").GetProperty("id").GetString());
            Assert.Equal(role, seat.GetProperty("brief").GetProperty("id").GetString());
            Assert.Equal(seat.GetProperty("seat").GetInt32(), seat.GetProperty("view").GetProperty("seat").GetInt32());
            Assert.All(seat.GetProperty("story").EnumerateArray(), h => Assert.All(h.GetProperty("changes").EnumerateArray(), c =>
            {
                var target = c.GetProperty("target").GetString()!;
                Assert.True(!target.Contains('.') || target.StartsWith(role + ".", StringComparison.Ordinal), $"{role} heard of {target}");
            }));
        }

        using var none = await GetAsync($"/api/workshops/{game.WorkshopId}/debrief", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var seatToken = await GetAsync($"/api/workshops/{game.WorkshopId}/debrief/tables/1/at/1", game.SeatToken);
        Assert.Equal(HttpStatusCode.Forbidden, seatToken.StatusCode);
    }

    [Fact]
    public async Task A_players_own_debrief_shows_their_rounds_and_at_each_round_only_the_role_they_held_then()
    {
        var game = await PlayAsync();
        using var response = await GetAsync("/api/debrief/me", game.SeatToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var mine = JsonDocument.Parse(text).RootElement;
        var rounds = mine.GetProperty("rounds").EnumerateArray().ToArray();
        Assert.Equal(4, rounds.Length);
        var moments = mine.GetProperty("moments").EnumerateArray().ToArray();
        Assert.Equal(4, moments.Length);
        for (var r = 0; r < 4; r++)
        {
            Assert.Equal(rounds[r].GetProperty("role").GetString(), moments[r].GetProperty("brief").GetProperty("id").GetString());
            Assert.Equal(mine.GetProperty("seat").GetInt32(), moments[r].GetProperty("view").GetProperty("seat").GetInt32());
        }

        // Each moment holds the private side of the role held then, and of no other role.
        var scenario = ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!;
        for (var r = 0; r < 4; r++)
        {
            var moment = moments[r].GetRawText();
            var role = rounds[r].GetProperty("role").GetString();
            Assert.Contains(Escaped(scenario.Role(role!).Brief.Nl), moment, StringComparison.Ordinal);
            foreach (var other in scenario.Roles.Where(x => x.Id != role))
            {
                Assert.DoesNotContain(Escaped(other.Brief.Nl), moment, StringComparison.Ordinal);
                Assert.DoesNotContain(Escaped(other.Brief.En), moment, StringComparison.Ordinal);
                Assert.All(other.Goals, g => Assert.DoesNotContain(Escaped(g.Label.Nl), moment, StringComparison.Ordinal));
                Assert.All(other.Resources, x => Assert.DoesNotContain($"\"{other.Id}.{x.Id}\"", moment, StringComparison.Ordinal));
            }
        }

        using var none = await GetAsync("/api/debrief/me", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var wrong = await GetAsync("/api/debrief/me", game.SeatToken[..^3] + "abc");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        using var key = await GetAsync("/api/debrief/me", game.Key);
        Assert.Equal(HttpStatusCode.Forbidden, key.StatusCode);
    }

    /// <summary>A text as it stands inside a JSON string (quotes and non-ASCII escaped as the server writes them).</summary>
    private static string Escaped(string text) => JsonSerializer.Serialize(text, Json.Options)[1..^1];

    [Fact]
    public async Task The_exports_refuse_no_key_a_wrong_key_and_a_seat_token_and_say_nothing_of_the_workshop()
    {
        var game = await PlayAsync();
        foreach (var path in new[] { "export.json", "export.zip" })
        {
            using var none = await GetAsync($"/api/workshops/{game.WorkshopId}/{path}", null);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            var body = await none.Content.ReadAsStringAsync();
            Assert.Equal("key_missing", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());

            foreach (var key in new[] { "wrong", game.SeatToken, new string('k', 500) })
            {
                using var wrong = await GetAsync($"/api/workshops/{game.WorkshopId}/{path}", key);
                Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
                body = await wrong.Content.ReadAsStringAsync();
                Assert.Equal("invalid_key", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
                Assert.DoesNotContain("Speler", body, StringComparison.Ordinal);
                Assert.DoesNotContain(game.JoinCode, body, StringComparison.Ordinal);
            }

            using var unknown = await GetAsync($"/api/workshops/{Guid.NewGuid():N}/{path}", game.Key);
            Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        }
    }

    private sealed record Game(string WorkshopId, string JoinCode, string Key, string SeatToken, long FinalVersion, double CommunityScore);

    /// <summary>A whole game of three players: the facilitator moves it on; a player leaves a handover note and everyone reflects at each swap.</summary>
    private async Task<Game> PlayAsync()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        var workshopId = created.GetProperty("workshopId").GetString()!;
        var key = created.GetProperty("facilitatorKey").GetString()!;
        var code = created.GetProperty("joinCode").GetString()!;
        var console = await ConnectAsync("/hubs/facilitator");
        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshopId, key)).GetProperty("ok").GetBoolean());

        var players = new List<LiveClient>();
        var token = string.Empty;
        for (var i = 0; i < 3; i++)
        {
            var joined = await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {i + 1}" });
            token = joined.GetProperty("seatToken").GetString()!;
            var player = await ConnectAsync("/hubs/player");
            Assert.True((await player.Connection.InvokeAsync<JsonElement>("Resume", token, 0L)).GetProperty("ok").GetBoolean());
            players.Add(player);
        }

        JsonElement last = default;
        async Task<JsonElement> ConsoleAsync(string type, object? fields = null)
        {
            var ack = (await console.Connection.InvokeAsync<JsonElement[]>("Send", 1, Guid.NewGuid().ToString("N"), Json.Command(type, fields)))[0];
            Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
            return last = await console.WaitForAsync("Table", t => t.GetProperty("version").GetInt64() >= ack.GetProperty("version").GetInt64());
        }

        await ConsoleAsync("start", new { seed = 3 });
        var noted = false;
        while (last.GetProperty("flow").GetProperty("stage").GetString() != "ended")
        {
            var stage = last.GetProperty("flow").GetProperty("stage").GetString();
            if (stage == "playing" && !noted)
            {
                noted = await SendAsync(players[0], Json.Command("write_handover_note", new { text = "=1+1" }));
            }

            if (stage == "role_swap")
            {
                await SendAsync(players[1], Json.Command("reflect", new { word = "+machteloos", text = "Veel overleg, weinig doen" }));
            }

            await ConsoleAsync(stage == "debrief" ? "end" : "advance");
        }

        Assert.True(noted);
        return new Game(workshopId, code, key, token, last.GetProperty("version").GetInt64(), last.GetProperty("communityScore").GetDouble());
    }

    private static async Task<bool> SendAsync(LiveClient player, System.Text.Json.Nodes.JsonObject command)
    {
        var ack = await player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, command);
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        return true;
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await Http.SendAsync(request);
    }

    private Task<LiveClient> ConnectAsync(string hub) => ConnectAsync(hub, "Update", "Table", "Workshop");

    private static (bool Bom, string[] Lines) Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var bytes = memory.ToArray();
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        var text = Encoding.UTF8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        return (bom, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }
}
