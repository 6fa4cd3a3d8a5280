using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RegioLab.Sim.Scenarios.Validation;

namespace RegioLab.Sim.Web.Tests;

/// <summary>The hubs over real Kestrel and WebSockets, with the .NET SignalR client, against the co-hosted silo and a SQLite file.</summary>
[Collection(WebHostCollection.Name)]
public sealed class HubTests(WebHostFixture web) : SharedHostTest(web)
{
    [Fact]
    public async Task A_table_of_bot_clients_plays_a_game_to_the_end_and_nobody_receives_another_roles_secrets()
    {
        var table = await SetUpAsync(players: 4);
        var started = await StartAsync(table);
        Assert.All(started, a => Assert.True(a.GetProperty("accepted").GetBoolean(), a.ToString()));
        await WaitForVersionAsync(table, started[0].GetProperty("version").GetInt64());
        var bots = table.Players.Select(_ => new ViewBot()).ToArray();

        for (var step = 0; step < 400; step++)
        {
            var views = await Task.WhenAll(table.Players.Select(p => LatestViewAsync(p.Client, table)));
            if (views.All(v => v.GetProperty("flow").GetProperty("stage").GetString() == "ended"))
            {
                break;
            }

            var acted = false;
            for (var i = 0; i < table.Players.Count; i++)
            {
                if (bots[i].Choose(views[i]) is { } command)
                {
                    var ack = await SendAsync(table.Players[i].Client, views[i].GetProperty("version").GetInt64(), command);
                    Assert.True(ack.GetProperty("accepted").GetBoolean() || ack.GetProperty("code").GetString() == "stale_version", $"{command.ToJsonString()} → {ack}");
                    acted = true;
                    await WaitForVersionAsync(table, ack.GetProperty("version").GetInt64());
                }
            }

            if (!acted)
            {
                var ack = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("advance")))[0];
                Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
                await WaitForVersionAsync(table, ack.GetProperty("version").GetInt64());
            }
        }

        foreach (var player in table.Players)
        {
            var view = (await LatestViewAsync(player.Client, table));
            Assert.Equal("ended", view.GetProperty("flow").GetProperty("stage").GetString());
            Assert.Equal(JsonValueKind.Number, view.GetProperty("communityScore").ValueKind);
        }

        // Every update a player received holds only their own role's brief and goals.
        var scenario = ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!;
        var checkedUpdates = 0;
        foreach (var player in table.Players)
        {
            foreach (var (_, message) in player.Client.Received.Where(m => m.Method == "Update"))
            {
                var raw = message.GetRawText();
                var mine = message.GetProperty("view").GetProperty("role") is { ValueKind: JsonValueKind.Object } card ? card.GetProperty("id").GetString() : null;
                foreach (var other in scenario.Roles.Where(r => r.Id != mine))
                {
                    Assert.DoesNotContain(JsonEncodedText.Encode(other.Brief.Nl).ToString(), raw, StringComparison.Ordinal);
                    Assert.DoesNotContain(JsonEncodedText.Encode(other.Brief.En).ToString(), raw, StringComparison.Ordinal);
                    foreach (var goal in other.Goals.Where(g => mine is null || !scenario.Role(mine).Goals.Any(m => m.Label == g.Label)))
                    {
                        Assert.DoesNotContain(JsonEncodedText.Encode(goal.Label.Nl).ToString(), raw, StringComparison.Ordinal);
                    }

                    Assert.DoesNotContain($"\"{other.Id}.", raw, StringComparison.Ordinal);
                }

                checkedUpdates++;
            }
        }

        Assert.True(checkedUpdates > 100, $"only {checkedUpdates} updates were received");
        await AssertUpdatesAreLeanAsync(table, scenario);
        await AssertConsoleMergedIsWholeAsync(table);
    }

    /// <summary>
    /// Updates carry no scenario texts (those come once, in ScenarioInfo), a role's brief only when
    /// the role is new to the page, and only the round's new headlines — which add up, on a page that
    /// stayed connected, to exactly the whole story a page resuming now is sent.
    /// </summary>
    private async Task AssertUpdatesAreLeanAsync(Table table, Scenarios.Model.Scenario scenario)
    {
        var fixedTexts = scenario.Actions.SelectMany(a => new[] { a.Label, a.Description })
            .Concat(scenario.Metrics.Select(m => m.Label))
            .Concat(scenario.Roles.Select(r => r.Description))
            .Select(t => JsonEncodedText.Encode(t.Nl).ToString())
            .ToArray();
        var consoleStory = new Dictionary<string, RoundStory>();
        foreach (var (_, message) in table.Facilitator.Received.Where(m => m.Method == "Table"))
        {
            var story = consoleStory.TryGetValue(message.GetProperty("sessionId").GetString()!, out var s) ? s : consoleStory[message.GetProperty("sessionId").GetString()!] = new RoundStory();
            Assert.True(story.Apply(message) || story.Round < 0, $"the console's summary has a gap at version {message.GetProperty("version")}");
        }

        foreach (var player in table.Players)
        {
            var story = new RoundStory();
            var briefs = 0;
            string? role = null;
            foreach (var (_, message) in player.Client.Received.Where(m => m.Method == "Update"))
            {
                var raw = message.GetProperty("view").GetRawText() + message.GetProperty("summary").GetRawText();
                Assert.Equal("", string.Join(" | ", fixedTexts.Where(text => raw.Contains(text, StringComparison.Ordinal))));
                // Only a page's first pushes may not follow on: one already under way when it arrived.
                Assert.True(story.Apply(message) || story.Round < 0, $"seat {player.Seat}'s summary has a gap at version {message.GetProperty("version")}");

                var held = message.GetProperty("view").GetProperty("role") is { ValueKind: JsonValueKind.Object } card ? card.GetProperty("id").GetString() : null;
                var brief = message.GetProperty("brief");
                if (held != role && held is not null)
                {
                    Assert.Equal(held, brief.GetProperty("id").GetString());
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, brief.ValueKind);
                }

                briefs += brief.ValueKind == JsonValueKind.Object ? 1 : 0;
                role = held;
            }

            Assert.True(briefs >= scenario.Rounds.Count, $"seat {player.Seat} got {briefs} briefs in {scenario.Rounds.Count} rounds");

            // A page resuming now gets the whole round and its role's brief at once.
            var fresh = await ConnectPlayerAsync();
            await fresh.Connection.InvokeAsync<JsonElement>("Resume", player.Token, 0L);
            var whole = await fresh.WaitForAsync("Update", u => u.GetProperty("summary").GetProperty("after").GetInt64() == 0);
            var freshStory = new RoundStory();
            Assert.True(freshStory.Apply(whole));
            Assert.Equal(story.Round, freshStory.Round);
            Assert.Equal(freshStory.Versions, story.Versions);
            Assert.Equal(role, whole.GetProperty("brief").GetProperty("id").GetString());
            Assert.NotEmpty(whole.GetProperty("brief").GetProperty("brief").GetProperty("nl").GetString()!);

            // ... and the whole view, which the deltas merged on the page that stayed add up to, field by field.
            Assert.Equal(0, whole.GetProperty("after").GetInt64());
            var version = whole.GetProperty("version").GetInt64();
            var merged = await player.Client.WaitForAsync("Update", u => u.GetProperty("version").GetInt64() == version);
            AssertSameView(whole.GetProperty("view"), merged.GetProperty("view"), $"seat {player.Seat} at version {version}");
            AssertDeltasCarryOnlyWhatChanged(player.Client, $"seat {player.Seat}");
        }
    }

    [Fact]
    public async Task A_push_sends_a_page_only_the_view_fields_that_changed_a_cleared_field_as_null_and_a_resumed_page_the_whole_view()
    {
        var table = await SetUpAsync(players: 3);
        await StartAsync(table);
        var playing = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("advance")))[0];
        var first = await ViewAtAsync(table.Players[1].Client, playing);
        Assert.Equal(JsonValueKind.String, first.GetProperty("deadline").ValueKind);

        // Pausing sets pausedSeconds; resuming clears it, and the delta says so with an explicit null.
        await ViewAtAsync(table.Players[1].Client, (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("pause")))[0]);
        var resumed = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("resume")))[0];
        await ViewAtAsync(table.Players[1].Client, resumed);
        var resumedDelta = SentAt(table.Players[1].Client, resumed.GetProperty("version").GetInt64());
        Assert.NotEqual(0, resumedDelta.GetProperty("after").GetInt64());
        Assert.Equal(JsonValueKind.Null, resumedDelta.GetProperty("view").GetProperty("pausedSeconds").ValueKind);
        Assert.False(resumedDelta.GetProperty("view").TryGetProperty("metrics", out _), resumedDelta.ToString());

        // A swap request changes nothing another seat sees but the version: that is all its delta carries.
        var requested = await SendAsync(table.Players[0].Client, null, Json.Command("request_role_swap", new { role = "alderman", note = "" }));
        await ViewAtAsync(table.Players[2].Client, requested);
        var delta = SentAt(table.Players[2].Client, requested.GetProperty("version").GetInt64());
        Assert.Equal(resumed.GetProperty("version").GetInt64(), delta.GetProperty("after").GetInt64());
        Assert.Equal(["version"], delta.GetProperty("view").EnumerateObject().Select(p => p.Name));
        Assert.True(delta.GetRawText().Length < 400, $"a delta of the version alone is {delta.GetRawText().Length} bytes: {delta}");

        // A page that resumes the seat gets the whole view (and so does the page already there, whose room it
        // joined: so the view that page merged from deltas is taken before, or it would be compared with itself).
        var wholeFields = first.EnumerateObject().Select(p => p.Name).ToArray();
        var kept = table.Players[2].Client.Last("Update")!.Value;
        var again = await ConnectPlayerAsync();
        Assert.True((await again.Connection.InvokeAsync<JsonElement>("Resume", table.Players[2].Token, 0L)).GetProperty("ok").GetBoolean());
        var whole = again.Sent.Count > 0 ? again.Sent[0] : await again.WaitForAsync("Update", _ => true);
        Assert.Equal(0, whole.GetProperty("after").GetInt64());
        Assert.Equal(wholeFields, whole.GetProperty("view").EnumerateObject().Select(p => p.Name));
        Assert.Equal(kept.GetProperty("version").GetInt64(), whole.GetProperty("version").GetInt64());
        AssertSameView(whole.GetProperty("view"), kept.GetProperty("view"), "the page that stayed");
        foreach (var player in table.Players)
        {
            AssertDeltasCarryOnlyWhatChanged(player.Client, $"seat {player.Seat}");
        }
    }

    /// <summary>The update of a version as the server sent it to a page.</summary>
    private static JsonElement SentAt(LiveClient player, long version) =>
        player.Sent.Last(u => u.GetProperty("version").GetInt64() == version);

    private static void AssertSameView(JsonElement expected, JsonElement actual, string what)
    {
        Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), actual.EnumerateObject().Select(p => p.Name).Order());
        foreach (var field in expected.EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(field.Value, actual.GetProperty(field.Name)),
                $"{what}: '{field.Name}' is {actual.GetProperty(field.Name).GetRawText()} merged, {field.Value.GetRawText()} whole");
        }
    }

    /// <summary>
    /// Every update a page was sent after its first whole one is a delta that fits on the view it held, and
    /// carries only fields whose JSON changed (with version always), each one as the view now has it.
    /// </summary>
    private static void AssertDeltasCarryOnlyWhatChanged(LiveClient player, string who) =>
        AssertDeltasCarryOnlyWhatChanged(player, "Update", m => m.GetProperty("view"), ["version"], who);

    /// <summary>
    /// The same for every table a console was sent (per table number; the fields always sent may be unchanged).
    /// </summary>
    private static void AssertTableDeltasCarryOnlyWhatChanged(LiveClient console, int table, string who) =>
        AssertDeltasCarryOnlyWhatChanged(console, "Table", m => m, ["sessionId", "table", "version", "after", "summary"], who,
            m => m.GetProperty("table").GetInt32() == table);

    private static void AssertDeltasCarryOnlyWhatChanged(
        LiveClient client, string method, Func<JsonElement, JsonElement> viewOf, string[] always, string who, Func<JsonElement, bool>? of = null)
    {
        of ??= _ => true;
        var sent = client.SentAs(method).Where(of).ToList();
        var merged = client.Received.Where(m => m.Method == method && of(m.Message)).Select(m => viewOf(m.Message)).ToList();
        var start = sent.FindIndex(u => u.GetProperty("after").GetInt64() == 0);
        Assert.True(start >= 0, $"{who} got no whole {method}");
        Assert.Equal(sent.Count - start, merged.Count);
        var deltas = 0;
        for (var i = start + 1; i < sent.Count; i++)
        {
            var (update, before, after) = (sent[i], merged[i - start - 1], merged[i - start]);
            if (update.GetProperty("after").GetInt64() == 0)
            {
                continue;
            }

            deltas++;
            Assert.Equal(before.GetProperty("version").GetInt64(), update.GetProperty("after").GetInt64());
            var fields = viewOf(update);
            Assert.All(always, name => Assert.True(fields.TryGetProperty(name, out _), $"{who}: a delta without its {name}: {update}"));
            foreach (var field in fields.EnumerateObject().Where(f => !always.Contains(f.Name)))
            {
                Assert.False(JsonElement.DeepEquals(before.GetProperty(field.Name), field.Value), $"{who}: '{field.Name}' sent unchanged at version {update.GetProperty("version")}");
            }

            foreach (var field in after.EnumerateObject())
            {
                if (!fields.TryGetProperty(field.Name, out _))
                {
                    Assert.True(JsonElement.DeepEquals(before.GetProperty(field.Name), field.Value), $"{who}: '{field.Name}' changed without being sent");
                }
            }
        }

        Assert.True(deltas > 0, $"{who} got no delta");
    }

    /// <summary>
    /// A console that stayed holds, merged from its deltas, the whole table a console opening now is sent
    /// (field by field, but the base and the round's headlines, which a whole table carries whole); and
    /// every delta it was sent carried only what changed.
    /// </summary>
    private async Task AssertConsoleMergedIsWholeAsync(Table table)
    {
        AssertTableDeltasCarryOnlyWhatChanged(table.Facilitator, 1, "the console");

        // Taken before the fresh console opens: its arrival sends every console of the workshop the whole table.
        var merged = table.Facilitator.Last("Table")!.Value;
        var fresh = await ConnectAsync("/hubs/facilitator", "Workshop", "Table");
        var opened = await fresh.Connection.InvokeAsync<JsonElement>("Open", table.WorkshopId, table.Key);
        Assert.True(opened.GetProperty("ok").GetBoolean(), opened.ToString());
        var whole = await fresh.WaitForAsync("Table", _ => true);
        Assert.Equal(0, whole.GetProperty("after").GetInt64());
        var version = whole.GetProperty("version").GetInt64();
        Assert.Equal(version, merged.GetProperty("version").GetInt64());
        AssertSameView(Without(whole, "after", "summary"), Without(merged, "after", "summary"), $"the console at version {version}");
    }

    private static JsonElement Without(JsonElement message, params string[] names)
    {
        var copy = JsonNode.Parse(message.GetRawText())!.AsObject();
        foreach (var name in names)
        {
            copy.Remove(name);
        }

        return JsonSerializer.SerializeToElement(copy);
    }

    [Fact]
    public async Task A_console_is_sent_only_the_table_fields_that_changed_a_cleared_field_as_null_and_a_reopened_console_the_whole_table()
    {
        var table = await SetUpAsync(players: 3);
        await StartAsync(table);
        var playing = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("advance")))[0];
        await ViewAtAsync(table.Players[0].Client, playing);

        // Every seat is shown present before anything is looked at: the presence reports are events of their own.
        await table.Facilitator.WaitForAsync("Table", t => t.GetProperty("seats").EnumerateArray().Count(s => s.GetProperty("present").GetBoolean()) == 3);

        // Pausing sets pausedSeconds; resuming clears it: the delta says so with an explicit null, and carries no metrics.
        await TableAtAsync(table.Facilitator, (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("pause")))[0]);
        var resumed = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("resume")))[0];
        await TableAtAsync(table.Facilitator, resumed);
        var resumedDelta = TableSentAt(table.Facilitator, resumed.GetProperty("version").GetInt64());
        Assert.NotEqual(0, resumedDelta.GetProperty("after").GetInt64());
        Assert.Equal(JsonValueKind.Null, resumedDelta.GetProperty("pausedSeconds").ValueKind);
        Assert.False(resumedDelta.TryGetProperty("metrics", out _), resumedDelta.ToString());

        // A swap request: the console's delta carries the request, and not what did not change.
        var requested = await SendAsync(table.Players[0].Client, null, Json.Command("request_role_swap", new { role = "alderman", note = "" }));
        await TableAtAsync(table.Facilitator, requested);
        var delta = TableSentAt(table.Facilitator, requested.GetProperty("version").GetInt64());
        Assert.Equal(resumed.GetProperty("version").GetInt64(), delta.GetProperty("after").GetInt64());
        Assert.Equal(["sessionId", "table", "version", "after", "swapRequests", "summary"], delta.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, delta.GetProperty("swapRequests").GetArrayLength());
        var wholeFields = table.Facilitator.SentAs("Table")[0].EnumerateObject().Select(p => p.Name).ToArray();
        Assert.True(delta.GetRawText().Length * 3 < table.Facilitator.SentAs("Table")[0].GetRawText().Length, $"a delta of a swap request is {delta.GetRawText().Length} bytes: {delta}");

        // Opening again on the same connection brings the whole table, which equals the one merged before.
        var held = table.Facilitator.Last("Table")!.Value;
        var sentBefore = table.Facilitator.SentAs("Table").Count;
        var reopened = await table.Facilitator.Connection.InvokeAsync<JsonElement>("Open", table.WorkshopId, table.Key);
        Assert.True(reopened.GetProperty("ok").GetBoolean(), reopened.ToString());
        // (Nullable, so that "not yet" is null and not a default JsonElement: the whole table may still be on its way.)
        var whole = await WaitForAsync(() => table.Facilitator.SentAs("Table").Skip(sentBefore).Where(t => t.GetProperty("after").GetInt64() == 0).Select(t => (JsonElement?)t).FirstOrDefault());
        Assert.Equal(wholeFields, whole.EnumerateObject().Select(p => p.Name));
        Assert.Equal(held.GetProperty("version").GetInt64(), whole.GetProperty("version").GetInt64());
        AssertSameView(Without(whole, "after", "summary"), Without(held, "after", "summary"), "the console opened again");
        AssertTableDeltasCarryOnlyWhatChanged(table.Facilitator, 1, "the console");
    }

    /// <summary>The console's table once it includes what <paramref name="ack"/> accepted.</summary>
    private static async Task<JsonElement> TableAtAsync(LiveClient console, JsonElement ack)
    {
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        var version = ack.GetProperty("version").GetInt64();
        return await console.WaitForAsync("Table", t => t.GetProperty("version").GetInt64() >= version);
    }

    /// <summary>The table of a version as the server sent it to a console.</summary>
    private static JsonElement TableSentAt(LiveClient console, long version) =>
        console.SentAs("Table").Last(t => t.GetProperty("version").GetInt64() == version);

    private static async Task<JsonElement> WaitForAsync(Func<JsonElement?> found)
    {
        for (var i = 0; i < 1500; i++)
        {
            if (found() is { } message)
            {
                return message;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no such message within 15 s");
    }

    [Fact]
    public async Task A_dropped_player_is_shown_away_and_resumes_whole_with_the_same_seat()
    {
        var table = await SetUpAsync(players: 3);
        await StartAsync(table);
        var advanced = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("advance")))[0];
        var dropped = table.Players[0];
        var lastSeen = (await ViewAtAsync(dropped.Client, advanced)).GetProperty("version").GetInt64();
        await dropped.Client.Connection.StopAsync();

        await table.Facilitator.WaitForAsync("Table", t => t.GetProperty("seats").GetArrayLength() == 3 && !t.GetProperty("seats")[0].GetProperty("present").GetBoolean());
        var extended = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("extend_timer", new { seconds = 60 })))[0];
        var ack = await SendAsync(table.Players[1].Client, null, Json.Command("request_role_swap", new { role = "alderman", note = "" }));
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());

        var again = await ConnectPlayerAsync();
        var session = await again.Connection.InvokeAsync<JsonElement>("Resume", dropped.Token, lastSeen);
        Assert.True(session.GetProperty("ok").GetBoolean());
        Assert.Equal(0, session.GetProperty("seat").GetInt32());
        var view = (await again.WaitForAsync("Update", u =>
            u.GetProperty("version").GetInt64() > ack.GetProperty("version").GetInt64()
            && u.GetProperty("view").GetProperty("seats")[0].GetProperty("present").GetBoolean())).GetProperty("view");
        Assert.True(extended.GetProperty("accepted").GetBoolean());
        Assert.Equal("playing", view.GetProperty("flow").GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Object, view.GetProperty("role").ValueKind);
        await table.Facilitator.WaitForAsync("Table", t =>
            t.GetProperty("version").GetInt64() > ack.GetProperty("version").GetInt64() && t.GetProperty("seats")[0].GetProperty("present").GetBoolean());
    }

    [Fact]
    public async Task Unauthorized_calls_are_refused_and_change_nothing()
    {
        var table = await SetUpAsync(players: 3);
        var player = table.Players[0].Client;

        Assert.Equal("not_allowed", (await SendAsync(player, null, Json.Command("start", new { seed = 1 }))).GetProperty("code").GetString());
        Assert.Equal("not_allowed", (await SendAsync(player, null, Json.Command("take_seat", new { name = "Extra" }))).GetProperty("code").GetString());

        var stranger = await ConnectPlayerAsync();
        Assert.Equal("not_joined", (await SendAsync(stranger, null, Json.Command("act", new { action = "x", note = "" }))).GetProperty("code").GetString());
        var forged = table.Players[0].Token[..^4] + "AAAA";
        Assert.Equal("invalid_token", (await stranger.Connection.InvokeAsync<JsonElement>("Resume", forged, 0L)).GetProperty("code").GetString());

        // A player on the facilitator hub, without the key.
        var console = await ConnectAsync("/hubs/facilitator", "Workshop", "Table");
        Assert.Equal("not_open", (await FacilitatorSendAsync(console, 1, Json.Command("start", new { seed = 1 })))[0].GetProperty("code").GetString());
        Assert.Equal("invalid_key", (await console.Connection.InvokeAsync<JsonElement>("Open", table.WorkshopId, table.Players[0].Token)).GetProperty("code").GetString());

        // The projector has no method that acts.
        var projector = await ConnectAsync("/hubs/projector", "Table");
        await Assert.ThrowsAsync<HubException>(() => projector.Connection.InvokeAsync<JsonElement>("Send", 1, "x", Json.Command("start", new { seed = 1 })));

        // Another role's action.
        await StartAsync(table);
        var advanced = (await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("advance")))[0];
        var view = await ViewAtAsync(player, advanced);
        var mine = view.GetProperty("role").GetProperty("id").GetString();
        var scenario = ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!;
        var foreign = scenario.Actions.First(a => a.Role != mine);
        var refused = await SendAsync(player, null, Json.Command("act", new { action = foreign.Id, note = "" }));
        Assert.Equal("not_your_role", refused.GetProperty("code").GetString());
        Assert.False(refused.GetProperty("accepted").GetBoolean());

        // The refusal says why in both languages, each naming the role in its own language.
        var owner = scenario.Role(foreign.Role).Name;
        var reason = refused.GetProperty("reason");
        Assert.Equal($"Alleen de rol {owner.Nl} kan dit.", reason.GetProperty("nl").GetString());
        Assert.Equal($"Only the {owner.En} can do this.", reason.GetProperty("en").GetString());
        Assert.Equal(reason.GetProperty("en").GetString(), refused.GetProperty("message").GetString());

        // A refusal of the hub itself says why in both languages too.
        var notJoined = await SendAsync(stranger, null, Json.Command("act", new { action = "x", note = "" }));
        Assert.False(string.IsNullOrWhiteSpace(notJoined.GetProperty("reason").GetProperty("nl").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(notJoined.GetProperty("reason").GetProperty("en").GetString()));

        // A message over the size cap closes nothing but is not taken.
        var huge = Json.Command("act", new { action = foreign.Id, note = new string('x', 20_000) });
        await Assert.ThrowsAnyAsync<Exception>(() => player.Connection.InvokeAsync<JsonElement>("Send", "big", null, huge));
    }

    [Fact]
    public async Task The_projector_sees_the_public_state_and_the_qr_code_points_at_the_join_page()
    {
        var table = await SetUpAsync(players: 3);
        var projector = await ConnectAsync("/hubs/projector", "Table");
        var session = await projector.Connection.InvokeAsync<JsonElement>("Watch", table.JoinCode.ToLowerInvariant());
        Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
        Assert.EndsWith($"/join/{table.JoinCode}", session.GetProperty("joinUrl").GetString(), StringComparison.Ordinal);

        await StartAsync(table);
        await FacilitatorSendAsync(table.Facilitator, 1, Json.Command("advance"));
        var shown = await projector.WaitForAsync("Table", t => t.GetProperty("flow").GetProperty("stage").GetString() == "playing");
        Assert.False(shown.TryGetProperty("resources", out _));
        Assert.False(shown.TryGetProperty("proposals", out _));
        Assert.Equal(3, shown.GetProperty("seats").GetArrayLength());

        using var qr = await Http.GetAsync($"/api/join/{table.JoinCode}/qr.svg");
        Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_alone_gets_every_roles_resource_labels_for_its_story()
    {
        var scenario = ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!;
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1, language = "nl", title = "Test" }, 201);
        var console = await ConnectAsync("/hubs/facilitator", "Workshop", "Table");
        var opened = await console.Connection.InvokeAsync<JsonElement>("Open", created.GetProperty("workshopId").GetString(), created.GetProperty("facilitatorKey").GetString());
        var labels = opened.GetProperty("briefs").EnumerateArray()
            .SelectMany(b => b.GetProperty("resources").EnumerateArray().Select(r => (Key: $"{b.GetProperty("id").GetString()}.{r.GetProperty("id").GetString()}", Nl: r.GetProperty("label").GetProperty("nl").GetString()!)))
            .ToDictionary(r => r.Key, r => r.Nl);
        var expected = scenario.Roles.SelectMany(r => r.Resources.Select(x => $"{r.Id}.{x.Id}={x.Label.Nl}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, labels.Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));

        // A player's session has no such field: a role's resources stay in its holder's brief.
        var joined = await Json.PostAsync(Http, $"/api/join/{created.GetProperty("joinCode").GetString()}", new { name = "Anna" });
        var player = await ConnectPlayerAsync();
        var session = await player.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L);
        Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
        Assert.False(session.TryGetProperty("briefs", out _));
    }

    [Fact]
    public async Task Bad_requests_get_a_specific_answer()
    {
        Assert.Equal("unknown_scenario", (await Json.PostAsync(Http, "/api/workshops", new { scenario = "nope", tables = 1 }, 400)).GetProperty("code").GetString());
        Assert.Equal("invalid_tables", (await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 0 }, 400)).GetProperty("code").GetString());
        Assert.Equal("invalid_language", (await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1, language = "de" }, 400)).GetProperty("code").GetString());
        Assert.Equal("no_such_workshop", (await Json.PostAsync(Http, "/api/join/ZZZZZZ", new { name = "Anna" }, 404)).GetProperty("code").GetString());
        Assert.Equal("no_such_workshop", (await Json.PostAsync(Http, "/api/join/0O1IL!", new { name = "Anna" }, 404)).GetProperty("code").GetString());

        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        var code = created.GetProperty("joinCode").GetString();
        Assert.Equal("invalid_name", (await Json.PostAsync(Http, $"/api/join/{code}", new { name = " " }, 400)).GetProperty("code").GetString());
        Assert.Equal("invalid_name", (await Json.PostAsync(Http, $"/api/join/{code}", new { name = new string('a', 41) }, 400)).GetProperty("code").GetString());
        Assert.Equal("invalid_name", (await Json.PostAsync(Http, $"/api/join/{code}", new { name = "a\u0007b" }, 400)).GetProperty("code").GetString());
        using var unknown = await Http.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private sealed record Player(LiveClient Client, string Token, int Seat);

    private sealed record Table(string WorkshopId, string JoinCode, string Key, LiveClient Facilitator, List<Player> Players);

    private async Task<Table> SetUpAsync(int players)
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1, language = "nl", title = "Test" }, 201);
        var workshopId = created.GetProperty("workshopId").GetString()!;
        var code = created.GetProperty("joinCode").GetString()!;
        var facilitator = await ConnectAsync("/hubs/facilitator", "Workshop", "Table");
        var opened = await facilitator.Connection.InvokeAsync<JsonElement>("Open", workshopId, created.GetProperty("facilitatorKey").GetString());
        Assert.True(opened.GetProperty("ok").GetBoolean(), opened.ToString());

        var seated = new List<Player>();
        for (var i = 0; i < players; i++)
        {
            var joined = await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {i + 1}" });
            var client = await ConnectPlayerAsync();
            var token = joined.GetProperty("seatToken").GetString()!;
            var session = await client.Connection.InvokeAsync<JsonElement>("Resume", token, 0L);
            Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
            seated.Add(new Player(client, token, session.GetProperty("seat").GetInt32()));
        }

        return new Table(workshopId, code, created.GetProperty("facilitatorKey").GetString()!, facilitator, seated);
    }

    private Task<LiveClient> ConnectPlayerAsync() => ConnectAsync("/hubs/player", "Update", "Moved");

    private static Task<JsonElement[]> StartAsync(Table table) => FacilitatorSendAsync(table.Facilitator, 1, Json.Command("start", new { seed = 7 }));

    private static Task<JsonElement[]> FacilitatorSendAsync(LiveClient facilitator, int? table, JsonObject command) =>
        facilitator.Connection.InvokeAsync<JsonElement[]>("Send", table, Guid.NewGuid().ToString("N"), command);

    private static Task<JsonElement> SendAsync(LiveClient player, long? expected, JsonObject command) =>
        player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), expected, command);

    /// <summary>The player's newest view once it has caught up with the facilitator's newest table version.</summary>
    private static async Task<JsonElement> LatestViewAsync(LiveClient player, Table table)
    {
        var version = table.Facilitator.Last("Table")?.GetProperty("version").GetInt64() ?? 0;
        return (await player.WaitForAsync("Update", u => u.GetProperty("version").GetInt64() >= version)).GetProperty("view");
    }

    /// <summary>The player's view once it includes what <paramref name="ack"/> accepted; the facilitator's own push may still be on its way.</summary>
    private static async Task<JsonElement> ViewAtAsync(LiveClient player, JsonElement ack)
    {
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        var version = ack.GetProperty("version").GetInt64();
        return (await player.WaitForAsync("Update", u => u.GetProperty("version").GetInt64() >= version)).GetProperty("view");
    }

    private static async Task WaitForVersionAsync(Table table, long version)
    {
        await table.Facilitator.WaitForAsync("Table", t => t.GetProperty("version").GetInt64() >= version);
        foreach (var player in table.Players)
        {
            await player.Client.WaitForAsync("Update", u => u.GetProperty("version").GetInt64() >= version);
        }
    }
}
