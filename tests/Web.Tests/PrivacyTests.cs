using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Web.Cli;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// The AVG (GDPR) over real HTTP (docs/privacy.md): a facilitator deletes a workshop and everything of it
/// is gone, from the API, the hubs and the database file; a facilitator key can be replaced; a player
/// downloads what the workshop holds about them; every response carries the security headers; the
/// store is backed up while the host runs.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class PrivacyTests(WebHostFixture web) : SharedHostTest(web)
{
    /// <summary>The shared host's SQLite file, read past the store.</summary>
    private readonly string database = web.Host.DatabasePath;

    /// <summary>The shared host's table replicas.</summary>
    private readonly TableFeed feed = web.Host.Services.GetRequiredService<TableFeed>();

    private readonly IGrainFactory grains = web.Host.Services.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task A_deleted_workshop_is_gone_from_the_code_the_console_the_exports_the_seat_tokens_and_the_database()
    {
        var workshop = await CreateAsync();
        var tokens = new[] { await JoinAsync(workshop, "Wilhelmina"), await JoinAsync(workshop, "Juliana") };
        Assert.True(await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{workshop.Id}/%'") > 0);

        using (var none = await SendAsync(HttpMethod.Delete, $"/api/workshops/{workshop.Id}", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("key_missing", await CodeAsync(none));
        }

        using (var wrong = await SendAsync(HttpMethod.Delete, $"/api/workshops/{workshop.Id}", tokens[0]))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            Assert.Equal("invalid_key", await CodeAsync(wrong));
        }

        using (var deleted = await SendAsync(HttpMethod.Delete, $"/api/workshops/{workshop.Id}", workshop.Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var code = await Http.GetAsync($"/api/join/{workshop.Code}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, code.StatusCode);
        }

        using (var export = await SendAsync(HttpMethod.Get, $"/api/workshops/{workshop.Id}/export.json", workshop.Key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        }

        using (var again = await SendAsync(HttpMethod.Delete, $"/api/workshops/{workshop.Id}", workshop.Key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        }

        foreach (var token in tokens)
        {
            using var me = await SendAsync(HttpMethod.Get, "/api/me", token);
            Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
            Assert.Equal("invalid_token", await CodeAsync(me));
            var player = await ConnectAsync("/hubs/player");
            Assert.Equal("invalid_token", (await player.Connection.InvokeAsync<JsonElement>("Resume", token, 0L)).GetProperty("code").GetString());
        }

        var console = await ConnectAsync("/hubs/facilitator");
        Assert.Equal("invalid_key", (await console.Connection.InvokeAsync<JsonElement>("Open", workshop.Id, workshop.Key)).GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM events WHERE stream LIKE '{workshop.Id}/%'"));
        Assert.Equal(0, await CountAsync(
            $"SELECT COUNT(*) FROM documents WHERE id LIKE '{workshop.Id}%' OR id = '{workshop.Code}' OR json LIKE '%Wilhelmina%' OR json LIKE '%{workshop.Id}%'"));
    }

    [Fact]
    public async Task A_new_facilitator_key_is_shown_once_and_the_old_one_stops_working()
    {
        var workshop = await CreateAsync();

        using (var wrong = await SendAsync(HttpMethod.Post, $"/api/workshops/{workshop.Id}/key", "not-the-key"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        }

        using var rotated = await SendAsync(HttpMethod.Post, $"/api/workshops/{workshop.Id}/key", workshop.Key);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.True(rotated.Headers.CacheControl?.NoStore, "a key shown once is not cached");
        var key = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("facilitatorKey").GetString()!;
        Assert.NotEqual(workshop.Key, key);

        using (var old = await SendAsync(HttpMethod.Get, $"/api/workshops/{workshop.Id}/export.json", workshop.Key))
        {
            Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
        }

        using (var fresh = await SendAsync(HttpMethod.Get, $"/api/workshops/{workshop.Id}/export.json", key))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        var console = await ConnectAsync("/hubs/facilitator");
        Assert.Equal("invalid_key", (await console.Connection.InvokeAsync<JsonElement>("Open", workshop.Id, workshop.Key)).GetProperty("code").GetString());
        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshop.Id, key)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_console_open_with_a_replaced_key_hears_it_and_refuses_commands_until_opened_with_the_new_key()
    {
        var workshop = await CreateAsync();
        foreach (var name in new[] { "Ada", "Bo", "Cas" })
        {
            await JoinAsync(workshop, name);
        }

        var console = await ConnectAsync("/hubs/facilitator");
        var rotatedPush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        console.Connection.On("KeyRotated", () => rotatedPush.TrySetResult());
        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshop.Id, workshop.Key)).GetProperty("ok").GetBoolean());

        using var rotated = await SendAsync(HttpMethod.Post, $"/api/workshops/{workshop.Id}/key", workshop.Key);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var key = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement.GetProperty("facilitatorKey").GetString()!;
        await rotatedPush.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var refused = Assert.Single(await console.Connection.InvokeAsync<JsonElement[]>("Send", 1, Guid.NewGuid().ToString("N"), Json.Command("start", new { seed = 1 })));
        Assert.False(refused.GetProperty("accepted").GetBoolean());
        Assert.Equal("key_rotated", refused.GetProperty("code").GetString());
        var moved = await console.Connection.InvokeAsync<JsonElement>("MovePlayer", "nobody", 1);
        Assert.Equal("not_open", moved.GetProperty("code").GetString());

        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshop.Id, key)).GetProperty("ok").GetBoolean());

        // Opened again with the new key, the same connection runs the workshop (ConsoleAsync asserts the command is accepted).
        await ConsoleAsync(console, "start", new { seed = 1 });
    }

    [Fact]
    public async Task A_player_downloads_their_name_seat_and_own_events_and_nothing_of_another_player()
    {
        var workshop = await CreateAsync();
        var names = new[] { "Beatrix", "Claus", "Amalia" };
        var tokens = new List<string>();
        var players = new List<LiveClient>();
        foreach (var name in names)
        {
            var token = await JoinAsync(workshop, name);
            var player = await ConnectAsync("/hubs/player");
            Assert.True((await player.Connection.InvokeAsync<JsonElement>("Resume", token, 0L)).GetProperty("ok").GetBoolean());
            tokens.Add(token);
            players.Add(player);
        }

        var console = await ConnectAsync("/hubs/facilitator");
        Assert.True((await console.Connection.InvokeAsync<JsonElement>("Open", workshop.Id, workshop.Key)).GetProperty("ok").GetBoolean());
        var stage = await ConsoleAsync(console, "start", new { seed = 4 });
        while (stage != "playing")
        {
            stage = await ConsoleAsync(console, "advance");
        }

        await SendAsync(players[0], "write_handover_note", new { text = "mijn eigen notitie" });
        await SendAsync(players[1], "write_handover_note", new { text = "de notitie van een ander" });

        using (var none = await SendAsync(HttpMethod.Get, "/api/me", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("token_missing", await CodeAsync(none));
        }

        using (var wrong = await SendAsync(HttpMethod.Get, "/api/me", $"{workshop.Id}.nobody.secret"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            Assert.Equal("invalid_token", await CodeAsync(wrong));
        }

        using var response = await SendAsync(HttpMethod.Get, "/api/me", tokens[0]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var me = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Beatrix", me.GetProperty("name").GetString());
        Assert.Equal(workshop.Id, me.GetProperty("workshopId").GetString());
        Assert.Equal(1, me.GetProperty("table").GetInt32());
        var seat = me.GetProperty("seat").GetInt32();
        var events = me.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event")).ToArray();
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "seat_taken" && e.GetProperty("name").GetString() == "Beatrix");
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "handover_note_written" && e.GetProperty("text").GetString() == "mijn eigen notitie");
        Assert.All(events.Where(e => e.TryGetProperty("seat", out _)), e => Assert.Equal(seat, e.GetProperty("seat").GetInt32()));
        Assert.DoesNotContain("de notitie van een ander", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Claus", body, StringComparison.Ordinal);
        Assert.DoesNotContain("game_started", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/join/K7M4QX")]
    [InlineData("/api/scenarios")]
    [InlineData("/api/nothing-here")]
    [InlineData("/health")]
    public async Task Every_page_and_API_answer_carries_the_security_headers(string path)
    {
        using var response = await Http.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'self'", $"ws://{Address.Authority}", $"wss://{Address.Authority}"], directives["connect-src"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v is "'unsafe-inline'" or "'unsafe-eval'" or "*");
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_pages_have_no_inline_script_or_style_for_the_policy_to_block()
    {
        var index = await Http.GetStringAsync("/");

        Assert.Matches("<script type=\"module\" crossorigin src=\"/assets/", index);
        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)[^>]*>", index);
        Assert.DoesNotContain("<style", index, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", index, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_backup_verb_copies_the_store_of_the_running_host()
    {
        var workshop = await CreateAsync();
        await JoinAsync(workshop, "Maxima");
        var copy = Path.Combine(Path.GetTempPath(), "regiolab-tests", $"backup-{Guid.NewGuid():N}.db");
        try
        {
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = CommandLine.TryRun(["backup", "--from", database, "--to", copy], output, error);

            Assert.True(exit == 0, error.ToString());
            Assert.Matches(@"^backed up .+ to .+: \d+ events of \d+ tables, \d+ documents, schema version 1, \d+ bytes; integrity ok", output.ToString());
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False;Mode=ReadOnly");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM events WHERE stream = '{workshop.Id}/1' AND data LIKE '%Maxima%'";
            Assert.Equal(1L, await command.ExecuteScalarAsync());

            Assert.Equal(1, CommandLine.TryRun(["backup", "--from", database, "--to", copy], output, error));
            Assert.Equal(CommandLine.UsageExit, CommandLine.TryRun(["backup", "--from", database], output, error));
            Assert.Equal(CommandLine.UsageExit, CommandLine.TryRun(["backup", "--to", copy, "--frm", "x"], output, error));
            Assert.Equal(CommandLine.UsageExit, CommandLine.TryRun(["restore"], output, error));

            // Restoring over the running host's file is refused: it exists, and so does its write-ahead log.
            Assert.Equal(1, CommandLine.TryRun(["restore", "--from", copy, "--to", database], output, error));
            Assert.Contains("-wal exists", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public async Task A_deleted_workshop_s_tables_leave_the_host_s_memory_at_once()
    {
        var workshop = await CreateAsync();
        await JoinAsync(workshop, "Beatrix");
        var table = TableIds.For(workshop.Id, 1);
        var replica = await feed.WatchAsync(table);
        Assert.True(feed.IsWatching(table));
        Assert.Contains(replica.State.Seats, s => s.Name == "Beatrix");

        using (var deleted = await SendAsync(HttpMethod.Delete, $"/api/workshops/{workshop.Id}", workshop.Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.False(feed.IsWatching(table));
    }

    [Fact]
    public async Task A_workshop_deleted_elsewhere_leaves_this_host_s_memory_at_its_next_renewal()
    {
        var workshop = await CreateAsync();
        await JoinAsync(workshop, "Emma");
        var table = TableIds.For(workshop.Id, 1);
        await feed.WatchAsync(table);

        // As retention, or a facilitator on another web host, would: past this host's DELETE.
        Assert.True(await grains.GetGrain<IWorkshopGrain>(workshop.Id).DeleteAsync());

        var until = DateTime.UtcNow + ObserverLease.Renew * 2.5;
        while (feed.IsWatching(table) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.False(feed.IsWatching(table), $"the host still held the deleted table {ObserverLease.Renew * 2.5} later");
    }

    private sealed record Workshop(string Id, string Code, string Key);

    private async Task<Workshop> CreateAsync()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        return new Workshop(created.GetProperty("workshopId").GetString()!, created.GetProperty("joinCode").GetString()!, created.GetProperty("facilitatorKey").GetString()!);
    }

    private async Task<string> JoinAsync(Workshop workshop, string name) =>
        (await Json.PostAsync(Http, $"/api/join/{workshop.Code}", new { name })).GetProperty("seatToken").GetString()!;

    private static async Task<string> ConsoleAsync(LiveClient console, string type, object? fields = null)
    {
        var ack = (await console.Connection.InvokeAsync<JsonElement[]>("Send", 1, Guid.NewGuid().ToString("N"), Json.Command(type, fields)))[0];
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
        var table = await console.WaitForAsync("Table", t => t.GetProperty("version").GetInt64() >= ack.GetProperty("version").GetInt64());
        return table.GetProperty("flow").GetProperty("stage").GetString()!;
    }

    private static async Task SendAsync(LiveClient player, string type, object fields)
    {
        var ack = await player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, Json.Command(type, fields));
        Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? bearer)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Http.SendAsync(request);
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private Task<LiveClient> ConnectAsync(string hub) => ConnectAsync(hub, "Update", "Table", "Workshop");
}
