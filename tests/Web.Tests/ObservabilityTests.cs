using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace RegioLab.Sim.Web.Tests;

/// <summary>The Prometheus endpoint shows the product's own metrics after play; the health endpoints answer.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ObservabilityTests(WebHostFixture web) : SharedHostTest(web)
{
    [Fact]
    public async Task Metrics_count_commands_by_type_and_outcome_pushes_and_connected_players()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        var joined = await Json.PostAsync(Http, $"/api/join/{created.GetProperty("joinCode").GetString()}", new { name = "Anna" });
        var player = await ConnectAsync("/hubs/player", "Update");
        Assert.True((await player.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L)).GetProperty("ok").GetBoolean());
        await player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, Json.Command("act", new { action = "al_visit" }));
        await player.Connection.InvokeAsync<JsonElement>("Send", Guid.NewGuid().ToString("N"), null, Json.Command("warp"));

        // Until this test's own commands are counted: other tests on the shared host may have counted a
        // wrong_phase of another type before, and the scrape may be a moment old.
        const string WrongPhaseAct = """regiolab_commands_total\{[^}]*outcome="wrong_phase"[^}]*type="act"[^}]*\} [1-9]""";
        const string Unreadable = """regiolab_commands_total\{[^}]*outcome="invalid_command"[^}]*type="unreadable"[^}]*\} [1-9]""";
        const string PlayerPushes = """regiolab_pushes_total\{[^}]*kind="player"[^}]*\} [1-9]""";
        var metrics = string.Empty;
        for (var i = 0; i < 50 && !new[] { WrongPhaseAct, Unreadable, PlayerPushes }.All(p => System.Text.RegularExpressions.Regex.IsMatch(metrics, p)); i++)
        {
            await Task.Delay(100);
            metrics = await Http.GetStringAsync("/metrics");
        }

        Assert.Matches(WrongPhaseAct, metrics);
        Assert.Matches(Unreadable, metrics);
        Assert.Matches("""regiolab_command_duration_seconds_bucket\{""", metrics);
        Assert.Matches(PlayerPushes, metrics);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(metrics, """regiolab_players_connected(_[a-z]+)?(\{[^}]*\})? [1-9]"""),
            string.Join("\n", metrics.Split('\n').Where(l => l.Contains("regiolab_players", StringComparison.Ordinal))));
        Assert.Contains("regiolab_tables_active", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("Anna", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_show_the_stores_group_commits_after_appends()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        await Json.PostAsync(Http, $"/api/join/{created.GetProperty("joinCode").GetString()}", new { name = "Bram" });

        var metrics = string.Empty;
        for (var i = 0; i < 50 && !metrics.Contains("regiolab_store_commit_duration_seconds_count", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            metrics = await Http.GetStringAsync("/metrics");
        }

        // Creating a workshop and taking a seat each wrote to the store: a commit, its size, its wait.
        Assert.Matches("""regiolab_store_batch_size_count\{[^}]*engine="sqlite"[^}]*outcome="committed"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""regiolab_store_batch_size_bucket\{[^}]*le="1"[^}]*\} [0-9]""", metrics);
        Assert.Matches("""regiolab_store_commit_duration_seconds_count\{[^}]*engine="sqlite"[^}]*outcome="committed"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""regiolab_store_queue_wait_seconds_count\{[^}]*engine="sqlite"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""regiolab_store_failures_total\{[^}]*engine="sqlite"[^}]*reason="unavailable"[^}]*\} [0-9]""", metrics);
        Assert.Matches("""regiolab_store_failures_total\{[^}]*engine="sqlite"[^}]*reason="conflict"[^}]*\} [0-9]""", metrics);
    }

    [Fact]
    public async Task Live_and_ready_answer_when_the_silo_does()
    {
        using var live = await Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }
}
