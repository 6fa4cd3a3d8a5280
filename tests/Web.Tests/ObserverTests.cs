using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// Observer notes, the observer link and the projector in debrief mode over real HTTP and SignalR: notes are
/// events in the log that reach the facilitator, the debrief, the exports and the report, and never a player
/// or the room; an observer reads and pins, nothing else; the projector shows what the facilitator chose.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ObserverTests(WebHostFixture web) : SharedHostTest(web)
{
    private const string FacilitatorNote = "Tafel 1 twijfelt: FAC-7Q2-NOTE";
    private const string ObserverNote = "=Bewoner haakt af: OBS-9K4-NOTE";

    [Fact]
    public async Task Pinned_notes_are_in_the_log_the_console_the_debrief_timeline_and_both_exports()
    {
        var game = await PlayAsync();

        // The console got them in its view of the table (ForFacilitator).
        var table = game.Console.Last("Table")!.Value;
        var pinned = table.GetProperty("pinnedNotes").EnumerateArray().ToArray();
        Assert.Equal(["facilitator", "observer"], pinned.Select(n => n.GetProperty("author").GetString()));
        Assert.Equal([FacilitatorNote, ObserverNote], pinned.Select(n => n.GetProperty("text").GetString()));
        Assert.All(pinned, n => Assert.Equal(1, n.GetProperty("round").GetInt32()));

        using var debrief = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/debrief", game.Key);
        var replay = JsonDocument.Parse(await debrief.Content.ReadAsStringAsync()).RootElement.GetProperty("tables")[0];
        var notes = replay.GetProperty("pinnedNotes").EnumerateArray().ToArray();
        Assert.Equal(2, notes.Length);
        Assert.Equal("playing", notes[0].GetProperty("stage").GetString());
        var marked = replay.GetProperty("timeline").EnumerateArray().Where(m => m.GetProperty("kind").GetString() == "note_pinned").Select(m => m.GetProperty("version").GetInt64());
        Assert.Equal(notes.Select(n => n.GetProperty("version").GetInt64()), marked);

        using var json = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/export.json", game.Key);
        var events = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetProperty("tables")[0].GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("event")).Where(e => e.GetProperty("type").GetString() == "note_pinned").ToArray();
        Assert.Equal(["facilitator", "observer"], events.Select(e => e.GetProperty("author").GetString()));

        using var zipped = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/export.zip", game.Key);
        using var zip = new ZipArchive(await zipped.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("observer_notes.csv")!.Open(), Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("table,version,recorded_at,author,round,stage,phase,text", lines[0].TrimStart('\uFEFF'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains(",facilitator,1,playing,", StringComparison.Ordinal) && l.EndsWith($",{FacilitatorNote}", StringComparison.Ordinal));
        // What an observer typed is escaped for spreadsheets like every other text.
        Assert.Contains(lines, l => l.Contains(",observer,1,playing,", StringComparison.Ordinal) && l.EndsWith($"\"'{ObserverNote}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pinned_notes_never_reach_a_player_or_the_projector()
    {
        var game = await PlayAsync();
        var screens = new List<string>();
        foreach (var show in new object[] { new { kind = "timeline", table = 1, version = game.NoteVersion + 1 }, new { kind = "reflections" }, new { kind = "tables", metric = (string?)null } })
        {
            await ShowAsync(game, show);
            using var screen = await Http.GetAsync($"/api/projector/{game.JoinCode}/show");
            Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
            screens.Add(await screen.Content.ReadAsStringAsync());
        }

        var traffic = game.Players.Concat([game.Projector]).SelectMany(c => c.Received).Select(m => m.Message.GetRawText()).ToList();
        Assert.True(traffic.Count > 20, $"only {traffic.Count} messages captured");
        foreach (var token in game.SeatTokens)
        {
            foreach (var path in new[] { "/api/debrief/me", "/api/me" })
            {
                using var mine = await SendAsync(HttpMethod.Get, path, token);
                Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
                traffic.Add(await mine.Content.ReadAsStringAsync());
            }
        }

        foreach (var text in traffic.Concat(screens))
        {
            Assert.DoesNotContain("FAC-7Q2-NOTE", text, StringComparison.Ordinal);
            Assert.DoesNotContain("OBS-9K4-NOTE", text, StringComparison.Ordinal);
            Assert.DoesNotContain("note_pinned", text, StringComparison.Ordinal);
            Assert.DoesNotContain("pinnedNotes", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_observer_reads_every_table_and_pins_notes_and_is_refused_everything_else()
    {
        var game = await PlayAsync();
        var observer = game.ObserverKey;
        using var debrief = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/debrief", observer);
        Assert.Equal(HttpStatusCode.OK, debrief.StatusCode);
        using var moment = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/debrief/tables/1/at/5", observer);
        Assert.Equal(HttpStatusCode.OK, moment.StatusCode);

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "export.json", null), (HttpMethod.Get, "export.zip", null), (HttpMethod.Get, "report.html", null),
            (HttpMethod.Put, "projector", new { kind = "prompt", prompt = 0 }), (HttpMethod.Post, "observer-key", null),
        })
        {
            using var refused = await SendAsync(method, $"/api/workshops/{game.WorkshopId}/{path}", observer, body);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("not_for_observer", await CodeAsync(refused));
        }

        // The console does not open with an observer's key, and the rules refuse an observer every command but pin_note.
        var console = await ConnectAsync("/hubs/facilitator", "Table");
        var open = await console.Connection.InvokeAsync<JsonElement>("Open", game.WorkshopId, observer);
        Assert.False(open.GetProperty("ok").GetBoolean());
        Assert.Equal("invalid_key", open.GetProperty("code").GetString());

        // A new link replaces the old key at once.
        using var rotated = await SendAsync(HttpMethod.Post, $"/api/workshops/{game.WorkshopId}/observer-key", game.Key);
        var link = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith($"/debrief/{game.WorkshopId}#observer={link.GetProperty("key").GetString()}", link.GetProperty("url").GetString(), StringComparison.Ordinal);
        using var old = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/debrief", observer);
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        using var fresh = await SendAsync(HttpMethod.Post, $"/api/workshops/{game.WorkshopId}/tables/1/notes", link.GetProperty("key").GetString(), new { text = "nog een" });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Notes_debrief_data_and_observer_calls_refuse_no_key_a_wrong_key_and_a_player_token()
    {
        var game = await PlayAsync();
        var calls = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Post, "tables/1/notes", new { text = "mag niet" }),
            (HttpMethod.Get, "debrief", null),
            (HttpMethod.Get, "debrief/tables/1/at/3", null),
            (HttpMethod.Post, "observer-key", null),
            (HttpMethod.Put, "projector", new { kind = "prompt", prompt = 0 }),
            (HttpMethod.Get, "report.html", null),
        };
        foreach (var (method, path, body) in calls)
        {
            using var none = await SendAsync(method, $"/api/workshops/{game.WorkshopId}/{path}", null, body);
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("key_missing", await CodeAsync(none));
            foreach (var key in new[] { "wrong-key", game.SeatTokens[0] })
            {
                using var wrong = await SendAsync(method, $"/api/workshops/{game.WorkshopId}/{path}", key, body);
                Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
                var text = await wrong.Content.ReadAsStringAsync();
                Assert.Equal("invalid_key", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
                Assert.DoesNotContain(game.JoinCode, text, StringComparison.Ordinal);
            }
        }

        // A player can not pin a note through the player hub either.
        var ack = await game.Players[0].Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, Json.Command("pin_note", new { text = "ik ook" }));
        Assert.False(ack.GetProperty("accepted").GetBoolean());
        using var after = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/debrief", game.Key);
        Assert.Equal(2, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("tables")[0].GetProperty("pinnedNotes").GetArrayLength());
    }

    [Fact]
    public async Task The_projector_shows_what_the_facilitator_chose_public_only()
    {
        var game = await PlayAsync();
        using (var nothing = await Http.GetAsync($"/api/projector/{game.JoinCode}/show"))
        {
            Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await nothing.Content.ReadAsStringAsync()).RootElement.GetProperty("show").ValueKind);
        }

        var scenario = Scenarios.Validation.ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!;
        // The projector on this host is nudged to ask at once.
        var nudged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        game.Projector.Connection.On("ShowChanged", () => nudged.TrySetResult());
        await ShowAsync(game, new { kind = "prompt", prompt = 1 });
        await nudged.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var prompt = await ScreenAsync(game);
        Assert.Equal("prompt", prompt.GetProperty("show").GetProperty("kind").GetString());
        var expected = scenario.Debrief.WhatHappened.Concat(scenario.Debrief.SoWhat).Concat(scenario.Debrief.NowWhat).ElementAt(1);
        Assert.Equal(expected.Nl, prompt.GetProperty("prompt").GetProperty("text").GetProperty("nl").GetString());

        var metric = scenario.Metrics[0].Id;
        await ShowAsync(game, new { kind = "tables", metric });
        var tables = await ScreenAsync(game);
        var curve = Assert.Single(tables.GetProperty("curves").EnumerateArray().ToArray());
        Assert.Equal(1 + 4, curve.GetProperty("points").GetArrayLength());
        Assert.Equal(metric, curve.GetProperty("metric").GetString());
        Assert.Single(tables.GetProperty("scores").EnumerateArray().ToArray());

        await ShowAsync(game, new { kind = "reflections" });
        var words = await ScreenAsync(game);
        Assert.Contains(words.GetProperty("words").EnumerateArray(), w => w.GetProperty("word").GetString() == "machteloos");
        Assert.DoesNotContain("Veel overleg", words.GetRawText(), StringComparison.Ordinal);

        using var bad = await SendAsync(HttpMethod.Put, $"/api/workshops/{game.WorkshopId}/projector", game.Key, new { kind = "fireworks" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        await ShowAsync(game, new { kind = "none" });
        Assert.Equal(JsonValueKind.Null, (await ScreenAsync(game)).GetProperty("show").ValueKind);
    }

    [Fact]
    public async Task What_each_role_saw_goes_on_the_projector_only_once_every_table_has_finished_and_as_each_phone_showed_it()
    {
        // Table 1 played to the end; table 2 still in its lobby (it may start yet: its players would read table 1's secret goals).
        var game = await PlayAsync(tables: 2);
        using (var refused = await SendAsync(HttpMethod.Put, $"/api/workshops/{game.WorkshopId}/projector", game.Key, new { kind = "roles", table = 1, version = 20 }))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("roles_while_playing", body.GetProperty("code").GetString());
            Assert.Contains("tafel 2 nog niet", body.GetProperty("reason").GetProperty("nl").GetString(), StringComparison.Ordinal);
        }

        // Nothing changed on the screen, and nothing of a role reached it.
        var before = await ScreenAsync(game);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("show").ValueKind);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("roles").ValueKind);

        // The facilitator ends the unused table; now the room may see every role of table 1 at version 20.
        var ack = (await game.Console.Connection.InvokeAsync<JsonElement[]>("Send", 2, Guid.NewGuid().ToString("N"), Json.Command("end", null)))[0];
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        await ShowAsync(game, new { kind = "roles", table = 1, version = 20 });
        var roles = (await ScreenAsync(game)).GetProperty("roles");
        Assert.Equal(1, roles.GetProperty("table").GetInt32());
        Assert.Equal(20, roles.GetProperty("version").GetInt64());

        // Each seat as its phone showed it then: Visibility.ForSeat and BriefOf of the log folded to version 20.
        var rules = new Scenarios.Rules.TableRules(Scenarios.Validation.ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        using var export = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/export.json", game.Key);
        var log = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement.GetProperty("tables")[0].GetProperty("events").EnumerateArray();
        var replay = new Scenarios.Replay.TableReplay(rules, log.Select(e => new Scenarios.Replay.LogEntry(
            e.GetProperty("version").GetInt64(), e.GetProperty("event").Deserialize<Scenarios.Rules.TableEvent>(Json.Options)!, e.GetProperty("recordedAt").GetDateTimeOffset())));
        var state = replay.At(20);
        var seats = roles.GetProperty("seats").EnumerateArray().ToArray();
        Assert.Equal(3, seats.Length);
        foreach (var seat in seats)
        {
            var id = seat.GetProperty("seat").GetInt32();
            var view = Scenarios.Views.Visibility.ForSeat(rules, state, id);
            var brief = Scenarios.Views.Visibility.BriefOf(rules, state, id)!;
            Assert.Equal(view.Role!.Id, seat.GetProperty("role").GetString());
            Assert.Equal(view.Role.Resources.Select(r => r.Value), seat.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("value").GetDouble()));
            Assert.Equal(brief.Resources.Select(r => r.Label.Nl), seat.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("label").GetProperty("nl").GetString()));
            Assert.Equal(brief.Goals.Select(g => (g.Label.Nl, view.Role.GoalsMet.Contains(g.Id))),
                seat.GetProperty("goals").EnumerateArray().Select(g => (g.GetProperty("label").GetProperty("nl").GetString()!, g.GetProperty("met").GetBoolean())));
            Assert.Equal(view.Actions.Count(a => a.Available), seat.GetProperty("actionsAvailable").GetInt32());
            Assert.Equal(view.Actions.Length, seat.GetProperty("actions").GetInt32());
            // The brief's text is not sent: the projector shows the card, not the secret letter.
            Assert.DoesNotContain(brief.Brief.Nl, roles.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Equal(3, seats.Select(s => s.GetProperty("role").GetString()).Distinct().Count());
        await ShowAsync(game, new { kind = "none" });
    }

    [Fact]
    public async Task The_report_is_one_printable_html_page_with_a_section_per_table_and_the_notes()
    {
        var game = await PlayAsync();
        using var response = await SendAsync(HttpMethod.Get, $"/api/workshops/{game.WorkshopId}/report.html", game.Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("style-src 'sha256-", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        foreach (var heading in new[] { "Tafel 1", "Indicatoren per ronde", "Wie had welke rol", "Besluiten", "Reflecties", "Overdrachtsnotities", "Vastgezette notities", "Vragen voor de nabespreking" })
        {
            Assert.Contains(heading, html, StringComparison.Ordinal);
        }

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("FAC-7Q2-NOTE", html, StringComparison.Ordinal);
        Assert.Contains("machteloos", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>niet vet", html, StringComparison.Ordinal);
    }

    private sealed record Game(
        string WorkshopId, string JoinCode, string Key, string ObserverKey, IReadOnlyList<string> SeatTokens, LiveClient Console, IReadOnlyList<LiveClient> Players, LiveClient Projector, long NoteVersion);

    /// <summary>
    /// A whole game of three players on one table, watched by a projector: in round 1 the facilitator pins a note
    /// through the console and an observer one through the observer link; players reflect at each swap.
    /// </summary>
    private async Task<Game> PlayAsync(int tables = 1)
    {
        // With more tables the players pick table 1, and the others stay in their lobby.
        var created = tables == 1
            ? await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables }, 201)
            : await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables, seating = "pick" }, 201);
        var workshopId = created.GetProperty("workshopId").GetString()!;
        var key = created.GetProperty("facilitatorKey").GetString()!;
        var code = created.GetProperty("joinCode").GetString()!;
        var console = await ConnectAsync("/hubs/facilitator", "Table", "Workshop");
        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshopId, key)).GetProperty("ok").GetBoolean());
        var projector = await ConnectAsync("/hubs/projector", "Table");
        Assert.True((await projector.Connection.InvokeAsync<JsonElement>("Watch", code)).GetProperty("ok").GetBoolean());
        using var link = await SendAsync(HttpMethod.Post, $"/api/workshops/{workshopId}/observer-key", key);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var observer = JsonDocument.Parse(await link.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;

        var players = new List<LiveClient>();
        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var joined = tables == 1
                ? await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {i + 1}" })
                : await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {i + 1}", table = 1 });
            tokens.Add(joined.GetProperty("seatToken").GetString()!);
            var player = await ConnectAsync("/hubs/player", "Update");
            Assert.True((await player.Connection.InvokeAsync<JsonElement>("Resume", tokens[^1], 0L)).GetProperty("ok").GetBoolean());
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
        long noteVersion = 0;
        while (last.GetProperty("flow").GetProperty("stage").GetString() != "ended")
        {
            var stage = last.GetProperty("flow").GetProperty("stage").GetString();
            if (stage == "playing" && noteVersion == 0)
            {
                await ConsoleAsync("pin_note", new { text = FacilitatorNote });
                using var pinned = await SendAsync(HttpMethod.Post, $"/api/workshops/{workshopId}/tables/1/notes", observer, new { text = ObserverNote });
                Assert.Equal(HttpStatusCode.OK, pinned.StatusCode);
                noteVersion = JsonDocument.Parse(await pinned.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64();
                last = await console.WaitForAsync("Table", t => t.GetProperty("version").GetInt64() >= noteVersion);
                var handover = await players[0].Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, Json.Command("write_handover_note", new { text = "<b>niet vet</b>" }));
                Assert.True(handover.GetProperty("accepted").GetBoolean(), handover.ToString());
            }

            if (stage == "role_swap")
            {
                var ack = await players[1].Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, Json.Command("reflect", new { word = "machteloos", text = "Veel overleg" }));
                Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
            }

            await ConsoleAsync(stage == "debrief" ? "end" : "advance");
        }

        Assert.True(noteVersion > 0);
        return new Game(workshopId, code, key, observer, tokens, console, players, projector, noteVersion);
    }

    private async Task ShowAsync(Game game, object show)
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/workshops/{game.WorkshopId}/projector", game.Key, show);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> ScreenAsync(Game game)
    {
        using var response = await Http.GetAsync($"/api/projector/{game.JoinCode}/show");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Http.SendAsync(request);
    }
}
