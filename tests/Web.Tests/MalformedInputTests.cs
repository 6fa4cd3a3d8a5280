using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// What a client written from docs/protocol.md alone may send wrong: every malformed command and
/// request body gets a refusal with a code and a reason in both languages, never SignalR's unnamed
/// error or an empty body, and changes nothing.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class MalformedInputTests(WebHostFixture web) : SharedHostTest(web)
{
    public static TheoryData<string> UnreadablePlayerCommands => new()
    {
        "[1,2]",
        "42",
        "\"act\"",
        "null",
        """{"action":"plant"}""",
        """{"type":"fly"}""",
        """{"type":"answer_proposal","proposal":"seven","answer":"accept"}""",
        """{"type":"answer_proposal","proposal":1,"answer":"maybe"}""",
        """{"type":"answer_proposal","answer":"accept"}""",
        """{"type":"cast_vote","ballot":1}""",
        """{"type":"act","action":null}""",
        """{"type":"act","action":["plant"]}""",
        """{"type":"write_handover_note","text":null}""",
        """{"type":"write_handover_note"}""",
        """{"type":"reflect","word":null}""",
        """{"type":"request_role_swap","role":null}""",
        """{"type":"resolve_dilemma","option":null}""",
    };

    [Theory]
    [MemberData(nameof(UnreadablePlayerCommands))]
    public async Task A_player_command_the_server_cannot_read_is_refused_with_invalid_command(string command)
    {
        var player = await JoinAsync();
        var ack = await player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, JsonNode.Parse(command));
        AssertRefused(ack, "invalid_command");
    }

    [Fact]
    public async Task A_null_or_missing_optional_note_is_read_as_empty_and_the_rules_answer()
    {
        var player = await JoinAsync();
        foreach (var command in new[] { """{"type":"act","action":"al_visit","note":null}""", """{"type":"act","action":"al_visit"}""", """{"type":"reflect","word":"moe","text":null}""" })
        {
            var ack = await player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, JsonNode.Parse(command));
            AssertRefused(ack, "wrong_phase");
        }
    }

    [Fact]
    public async Task A_console_command_the_server_cannot_read_is_refused_with_invalid_command()
    {
        var (workshopId, key, _) = await CreateAsync();
        var console = await ConnectAsync("/hubs/facilitator");
        var opened = await console.Connection.InvokeAsync<JsonElement>("Open", workshopId, key);
        Assert.True(opened.GetProperty("ok").GetBoolean(), opened.ToString());
        foreach (var command in new[] { "[]", "7", """{"type":"extend_timer","seconds":"a minute"}""", """{"type":"extend_timer"}""", """{"type":"inject_dilemma","dilemma":null}""", """{"type":"warp"}""" })
        {
            var acks = await console.Connection.InvokeAsync<JsonElement[]>("Send", 1, Guid.NewGuid().ToString("N"), JsonNode.Parse(command));
            AssertRefused(Assert.Single(acks), "invalid_command");
        }
    }

    [Fact]
    public async Task Refusals_of_resume_open_and_watch_carry_a_reason()
    {
        var player = await ConnectAsync("/hubs/player");
        AssertRefused(await player.Connection.InvokeAsync<JsonElement>("Resume", "a.b.c", 0L), "invalid_token", ok: "ok");
        var console = await ConnectAsync("/hubs/facilitator");
        AssertRefused(await console.Connection.InvokeAsync<JsonElement>("Open", "nope", "nope"), "invalid_key", ok: "ok");
        var projector = await ConnectAsync("/hubs/projector");
        AssertRefused(await projector.Connection.InvokeAsync<JsonElement>("Watch", "ZZZZZZ"), "no_such_workshop", ok: "ok");
    }

    [Theory]
    [InlineData("/api/workshops", "{\"scenario\":\"buurthuis\",", "invalid_body")]
    [InlineData("/api/workshops", "{\"scenario\":\"buurthuis\",\"tables\":\"three\"}", "invalid_body")]
    [InlineData("/api/workshops", "[]", "invalid_body")]
    [InlineData("/api/workshops", "null", "invalid_body")]
    [InlineData("/api/join/ZZZZZZ", "{\"name\":42}", "invalid_body")]
    public async Task A_body_that_cannot_be_read_gets_400_with_a_code_and_a_reason(string path, string body, string code)
    {
        using var response = await Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await response.Content.ReadAsStringAsync(), code);
    }

    [Fact]
    public async Task A_body_that_is_not_sent_as_JSON_gets_415_with_a_code_and_a_reason()
    {
        using var response = await Http.PostAsync("/api/workshops", new StringContent("scenario=buurthuis&tables=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertError(await response.Content.ReadAsStringAsync(), "unsupported_media_type");
        using var plain = await Http.PostAsync("/api/join/ZZZZZZ", new StringContent("""{"name":"Anna"}""", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
    }

    [Fact]
    public async Task Every_REST_refusal_has_the_shape_of_every_refusal()
    {
        AssertError((await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 0 }, 400)).ToString(), "invalid_tables");
        AssertError((await Json.PostAsync(Http, "/api/join/ZZZZZZ", new { name = "Anna" }, 404)).ToString(), "no_such_workshop");
        using var unknown = await Http.GetAsync("/api/nothing-here");
        AssertError(await unknown.Content.ReadAsStringAsync(), "not_found");
        var (_, _, code) = await CreateAsync();
        AssertError((await Json.PostAsync(Http, $"/api/join/{code}", new { name = "\u200B\u200B" }, 400)).ToString(), "invalid_name");
    }

    private static void AssertRefused(JsonElement answer, string code, string ok = "accepted")
    {
        Assert.False(answer.GetProperty(ok).GetBoolean(), answer.ToString());
        Assert.Equal(code, answer.GetProperty("code").GetString());
        var reason = answer.GetProperty("reason");
        Assert.False(string.IsNullOrWhiteSpace(reason.GetProperty("nl").GetString()), answer.ToString());
        Assert.False(string.IsNullOrWhiteSpace(reason.GetProperty("en").GetString()), answer.ToString());
        Assert.Equal(reason.GetProperty("en").GetString(), answer.GetProperty("message").GetString());
    }

    private static void AssertError(string body, string code)
    {
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetProperty("nl").GetString()), body);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("reason").GetProperty("en").GetString()), body);
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), body);
    }

    private async Task<(string WorkshopId, string Key, string Code)> CreateAsync()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        return (created.GetProperty("workshopId").GetString()!, created.GetProperty("facilitatorKey").GetString()!, created.GetProperty("joinCode").GetString()!);
    }

    private async Task<LiveClient> JoinAsync()
    {
        var (_, _, code) = await CreateAsync();
        var joined = await Json.PostAsync(Http, $"/api/join/{code}", new { name = "Anna" });
        var player = await ConnectAsync("/hubs/player");
        var session = await player.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L);
        Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
        return player;
    }

    private Task<LiveClient> ConnectAsync(string hub) => ConnectAsync(hub, "Update", "Table", "Workshop");
}
