using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Rules;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// The scenario library over real HTTP, from this machine with no author key set (the laptop set-up):
/// upload, download, fork, validate, delete, the versions a table used, and a workshop played from an upload.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ScenarioApiTests(WebHostFixture web) : IAsyncLifetime
{
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        http = new HttpClient { BaseAddress = web.Address };
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_upload_is_listed_and_downloads_byte_for_byte_as_text_yaml()
    {
        var (id, yaml) = Scenario("# Een eigen tuin, met een opmerking die blijft staan.\r\n");
        using var uploaded = await UploadAsync(http, yaml);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var stored = await JsonOf(uploaded);
        Assert.Equal(id, stored.GetProperty("id").GetString());
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
        Assert.Equal($"/api/scenarios/{id}/1.yaml", uploaded.Headers.Location?.OriginalString);

        var library = await http.GetFromJsonAsync<JsonElement>("/api/scenarios");
        Assert.Contains(library.EnumerateArray(), e => e.GetProperty("id").GetString() == id && !e.GetProperty("builtIn").GetBoolean() && !e.GetProperty("inUse").GetBoolean());

        using var download = await http.GetAsync($"/api/scenarios/{id}/1.yaml");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/yaml", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", download.Content.Headers.ContentType?.CharSet);
        Assert.Equal(Encoding.UTF8.GetBytes(yaml), await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_built_in_downloads_as_its_source()
    {
        var text = await http.GetStringAsync("/api/scenarios/buurthuis/1.yaml");
        Assert.Equal(BuiltInScenarios.ReadText("buurthuis", 1), text);
        // The rebalanced version 2 is the current one; version 1 stays as it shipped, for the tables that played it.
        Assert.Equal(BuiltInScenarios.ReadText("buurthuis"), await http.GetStringAsync("/api/scenarios/buurthuis/2.yaml"));
        Assert.NotEqual(text, BuiltInScenarios.ReadText("buurthuis"));
        using var missing = await http.GetAsync("/api/scenarios/buurthuis/99.yaml");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(RefusalCodes.UnknownScenario, (await JsonOf(missing)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_fork_of_a_built_in_is_version_1_of_the_new_id_and_downloads_as_the_source_it_answered()
    {
        var id = NewId();
        using var response = await PostJsonAsync(http, "/api/scenarios/stadstuin/1/fork", new { id });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var fork = await JsonOf(response);
        Assert.Equal(id, fork.GetProperty("id").GetString());
        Assert.Equal(1, fork.GetProperty("version").GetInt32());
        var source = fork.GetProperty("source").GetString()!;
        Assert.Contains($"id: {id}", source, StringComparison.Ordinal);
        Assert.Equal(BuiltInScenarios.ReadText("stadstuin", 1)!.Replace("id: stadstuin", $"id: {id}", StringComparison.Ordinal), source);
        Assert.Equal(Encoding.UTF8.GetBytes(source), await http.GetByteArrayAsync($"/api/scenarios/{id}/1.yaml"));

        using var again = await PostJsonAsync(http, "/api/scenarios/stadstuin/1/fork", new { id });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(RefusalCodes.ScenarioIdTaken, (await JsonOf(again)).GetProperty("code").GetString());
        using var badId = await PostJsonAsync(http, "/api/scenarios/stadstuin/1/fork", new { id = "Mijn-Tuin" });
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(RefusalCodes.InvalidScenarioId, (await JsonOf(badId)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_invalid_upload_is_422_with_line_and_column_diagnostics_and_stores_nothing()
    {
        var (id, yaml) = Scenario();
        var broken = yaml.Replace("version: 1", "version: one", StringComparison.Ordinal);
        using var response = await UploadAsync(http, broken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await JsonOf(response);
        Assert.Equal(RefusalCodes.InvalidScenario, body.GetProperty("code").GetString());
        var diagnostic = Assert.Single(body.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("RLS010", diagnostic.GetProperty("code").GetString());
        Assert.Equal(4, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(10, diagnostic.GetProperty("column").GetInt32());

        var library = await http.GetFromJsonAsync<JsonElement>("/api/scenarios");
        Assert.DoesNotContain(library.EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        using var download = await http.GetAsync($"/api/scenarios/{id}/1.yaml");
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    [Fact]
    public async Task Validate_answers_the_diagnostics_with_a_fix_and_needs_a_yaml_body()
    {
        var (_, yaml) = Scenario();
        var report = await JsonOf(await PostYamlAsync(http, "/api/scenarios/validate", yaml));
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Equal(0, report.GetProperty("errors").GetInt32());

        var decimalComma = yaml.Replace("    when: { chance: 0.4 }\n", "    when:\n      chance: 0,4\n", StringComparison.Ordinal);
        Assert.NotEqual(yaml, decimalComma);
        report = await JsonOf(await PostYamlAsync(http, "/api/scenarios/validate", decimalComma));
        Assert.False(report.GetProperty("valid").GetBoolean());
        var problem = Assert.Single(report.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("0.4", problem.GetProperty("fix").GetString());

        using var json = await PostJsonAsync(http, "/api/scenarios/validate", new { yaml });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(RefusalCodes.UnsupportedMediaType, (await JsonOf(json)).GetProperty("code").GetString());
        using var huge = await PostYamlAsync(http, "/api/scenarios/validate", new string('#', 1024 * 1024 + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task A_draft_is_replaced_but_a_version_a_table_used_never_changes_and_its_edit_becomes_the_next_version()
    {
        var (id, yaml) = Scenario();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(http, yaml)).StatusCode);

        // Nobody played version 1 yet: uploading it again replaces the draft.
        var draft = yaml.Replace("Spoorveld", "Stationsveld", StringComparison.Ordinal);
        using (var replaced = await UploadAsync(http, draft))
        {
            Assert.Equal(1, (await JsonOf(replaced)).GetProperty("version").GetInt32());
        }

        Assert.Equal(draft, await http.GetStringAsync($"/api/scenarios/{id}/1.yaml"));

        // A workshop uses version 1: from now on it stays as it is.
        await Json.PostAsync(http, "/api/workshops", new { scenario = id, scenarioVersion = 1, tables = 1 }, 201);
        var edited = draft.Replace("Stationsveld", "Parkveld", StringComparison.Ordinal);
        using var next = await UploadAsync(http, edited);
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(2, (await JsonOf(next)).GetProperty("version").GetInt32());

        Assert.Equal(draft, await http.GetStringAsync($"/api/scenarios/{id}/1.yaml"));
        Assert.Equal(edited.Replace("version: 1", "version: 2", StringComparison.Ordinal), await http.GetStringAsync($"/api/scenarios/{id}/2.yaml"));
        using var deleteUsed = await http.DeleteAsync($"/api/scenarios/{id}/1");
        Assert.Equal(HttpStatusCode.Conflict, deleteUsed.StatusCode);
        Assert.Equal(RefusalCodes.VersionInUse, (await JsonOf(deleteUsed)).GetProperty("code").GetString());
        Assert.Equal(draft, await http.GetStringAsync($"/api/scenarios/{id}/1.yaml"));
    }

    [Fact]
    public async Task A_draft_nobody_played_can_be_deleted_and_a_built_in_cannot()
    {
        var (id, yaml) = Scenario();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(http, yaml)).StatusCode);

        using var deleted = await http.DeleteAsync($"/api/scenarios/{id}/1");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/scenarios/{id}/1.yaml")).StatusCode);
        Assert.DoesNotContain((await http.GetFromJsonAsync<JsonElement>("/api/scenarios")).EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync($"/api/scenarios/{id}/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await http.DeleteAsync("/api/scenarios/buurthuis/1")).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_a_request_a_proxy_passed_on_may_not_write()
    {
        // A proxy on this machine makes every visitor look local; the forwarding header gives it away.
        var (_, yaml) = Scenario();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scenarios") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(RefusalCodes.LocalOnly, (await JsonOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_built_in_id_is_refused_with_409()
    {
        using var response = await UploadAsync(http, BuiltInScenarios.ReadText("stadstuin", 1)!);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(RefusalCodes.BuiltInId, (await JsonOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_scenario_uploaded_over_REST_is_played_by_a_workshop_created_from_it()
    {
        var (id, yaml) = Scenario();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(http, yaml)).StatusCode);

        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = id, scenarioVersion = 1, tables = 1 }, 201);
        var workshopId = created.GetProperty("workshopId").GetString()!;
        var code = created.GetProperty("joinCode").GetString()!;
        await using var console = await LiveClient.ConnectAsync(web.Address, "/hubs/facilitator", "Workshop", "Table");
        var opened = await console.Connection.InvokeAsync<JsonElement>("Open", workshopId, created.GetProperty("facilitatorKey").GetString()!);
        Assert.True(opened.GetProperty("ok").GetBoolean(), opened.ToString());
        Assert.Equal(id, opened.GetProperty("scenario").GetProperty("id").GetString());

        var players = new List<LiveClient>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var joined = await Json.PostAsync(http, $"/api/join/{code}", new { name = $"Speler {i + 1}" });
                var player = await LiveClient.ConnectAsync(web.Address, "/hubs/player", "Update", "Moved");
                players.Add(player);
                var resumed = await player.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString()!, 0L);
                Assert.True(resumed.GetProperty("ok").GetBoolean(), resumed.ToString());
            }

            var ack = (await console.Connection.InvokeAsync<JsonElement[]>("Send", 1, Guid.NewGuid().ToString("N"), Json.Command("start", new { seed = 5 })))[0];
            Assert.True(ack.GetProperty("accepted").GetBoolean(), ack.ToString());
            var table = await console.WaitForAsync("Table", t => t.GetProperty("flow").GetProperty("stage").GetString() != "lobby");
            Assert.Equal(3, table.GetProperty("seats").GetArrayLength());
        }
        finally
        {
            foreach (var player in players)
            {
                await player.DisposeAsync();
            }
        }
    }

    // ---- helpers, shared with the author-key tests ------------------------------------------

    internal static string NewId() => $"tuin_{Guid.NewGuid():N}"[..16];

    /// <summary>The built-in stadstuin under a new id of its own, with a version line, and <paramref name="prefix"/> before it.</summary>
    internal static (string Id, string Yaml) Scenario(string prefix = "")
    {
        var id = NewId();
        var yaml = BuiltInScenarios.ReadText("stadstuin", 1)!.Replace("id: stadstuin", $"id: {id}", StringComparison.Ordinal);
        Assert.Contains("version: 1", yaml, StringComparison.Ordinal);
        return (id, prefix + yaml);
    }

    internal static Task<HttpResponseMessage> UploadAsync(HttpClient http, string yaml, string? key = null) =>
        PostYamlAsync(http, "/api/scenarios", yaml, key);

    internal static async Task<HttpResponseMessage> PostYamlAsync(HttpClient http, string path, string yaml, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(yaml)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await http.SendAsync(request);
    }

    internal static Task<HttpResponseMessage> PostJsonAsync(HttpClient http, string path, object body) => http.PostAsJsonAsync(path, body, Json.Options);

    internal static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}

/// <summary>A host with <c>Library:AuthorKey</c> set: reading stays open, writing needs the key (401 without it, 403 with a wrong one).</summary>
public sealed class ScenarioAuthorKeyTests : IAsyncLifetime
{
    private const string Key = "auteur-sleutel-voor-de-test-0123456789";
    private readonly WebHost host = new(new Dictionary<string, string> { ["Library:AuthorKey"] = Key });
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        http = new HttpClient { BaseAddress = host.Start() };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Writing_needs_the_author_key_even_from_this_machine_and_reading_and_validating_do_not()
    {
        var (id, yaml) = ScenarioApiTests.Scenario();

        using var none = await ScenarioApiTests.UploadAsync(http, yaml);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(RefusalCodes.AuthorKeyMissing, (await ScenarioApiTests.JsonOf(none)).GetProperty("code").GetString());
        using var wrong = await ScenarioApiTests.UploadAsync(http, yaml, "not-the-key-not-the-key");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(RefusalCodes.InvalidAuthorKey, (await ScenarioApiTests.JsonOf(wrong)).GetProperty("code").GetString());
        using var fork = await ScenarioApiTests.PostJsonAsync(http, "/api/scenarios/buurthuis/1/fork", new { id = ScenarioApiTests.NewId() });
        Assert.Equal(HttpStatusCode.Unauthorized, fork.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.DeleteAsync("/api/scenarios/buurthuis/1")).StatusCode);
        Assert.DoesNotContain((await http.GetFromJsonAsync<JsonElement>("/api/scenarios")).EnumerateArray(), e => e.GetProperty("id").GetString() == id);

        using var withKey = await ScenarioApiTests.UploadAsync(http, yaml, Key);
        Assert.Equal(HttpStatusCode.Created, withKey.StatusCode);
        Assert.Equal(yaml, await http.GetStringAsync($"/api/scenarios/{id}/1.yaml"));
        using var validated = await ScenarioApiTests.PostYamlAsync(http, "/api/scenarios/validate", yaml);
        Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
    }


    [Theory]
    [InlineData("Library:AuthorKey", "kort", "Library:AuthorKey must be at least 16 characters")]
    [InlineData("Library:RequestsPerMinute", "0", "Library:RequestsPerMinute must be 1 or more")]
    public async Task A_host_with_a_wrong_library_setting_does_not_start_and_names_the_key(string key, string value, string message)
    {
        await using var wrong = new WebHost(new Dictionary<string, string> { [key] = value });

        var error = Record.Exception(() => wrong.Start());

        Assert.NotNull(error);
        Assert.Contains(message, Messages(error), StringComparison.Ordinal);
    }

    private static string Messages(Exception error) => error switch
    {
        AggregateException all => string.Join(Environment.NewLine, all.InnerExceptions.Select(Messages).Prepend(all.Message)),
        { InnerException: { } inner } => error.Message + Environment.NewLine + Messages(inner),
        _ => error.Message,
    };
}
