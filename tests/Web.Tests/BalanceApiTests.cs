using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RegioLab.Sim.Scenarios.Balance;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;
using static RegioLab.Sim.Web.Tests.ScenarioApiTests;

namespace RegioLab.Sim.Web.Tests;

/// <summary>The balance report as a job over real HTTP: it runs, reports progress, can be cancelled and refuses bad input.</summary>
[Collection(WebHostCollection.Name)]
public sealed class BalanceApiTests(WebHostFixture web) : SharedHostTest(web)
{
    private const string Path = "/api/scenarios/balance";

    [Fact]
    public async Task A_library_version_plays_to_done_and_reports_what_the_same_games_played_directly_give()
    {
        using var started = await PostJsonAsync(Http, Path, new { scenario = new { id = "buurthuis", version = 2 }, games = 3, players = 4, seed = 5 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = (await JsonOf(started)).GetProperty("jobId").GetString()!;
        Assert.Equal($"{Path}/{jobId}", started.Headers.Location?.OriginalString);

        var done = await UntilAsync(jobId, s => s.GetProperty("state").GetString() != "running");
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal(1, done.GetProperty("progress").GetDouble());

        var scenario = ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!;
        var expected = BalanceRun.Report(scenario, new BalanceSettings(3, [4], 5, Parallelism: 1));
        var report = done.GetProperty("report");
        Assert.Equal(expected.Warnings.Length, report.GetProperty("warnings").GetArrayLength());
        var table = Assert.Single(report.GetProperty("tables").EnumerateArray());
        Assert.Equal(expected.Tables[0].CooperationPremium, table.GetProperty("cooperationPremium").GetDouble());
        foreach (var (bot, i) in table.GetProperty("bots").EnumerateArray().Select((b, i) => (b, i)))
        {
            Assert.Equal(expected.Tables[0].Bots[i].Score.Mean, bot.GetProperty("score").GetProperty("mean").GetDouble());
            Assert.Equal(expected.Tables[0].Bots[i].Length.Mean, bot.GetProperty("length").GetProperty("mean").GetDouble());
        }

        Assert.Equal(expected.Content.Sum(c => c.Cooperative), report.GetProperty("content").EnumerateArray().Sum(c => c.GetProperty("cooperative").GetInt32()));
    }

    [Fact]
    public async Task The_editors_yaml_is_balanced_as_sent()
    {
        var yaml = BuiltInScenarios.ReadText("stadstuin", 1)!.Replace("id: stadstuin", "id: mijn_tuin", StringComparison.Ordinal);
        using var started = await PostJsonAsync(Http, Path, new { source = yaml, games = 2, players = "all", seed = 3 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var done = await UntilAsync((await JsonOf(started)).GetProperty("jobId").GetString()!, s => s.GetProperty("state").GetString() != "running");
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal("mijn_tuin", done.GetProperty("report").GetProperty("scenario").GetString());
        Assert.Equal(6, done.GetProperty("report").GetProperty("tables").GetArrayLength());
    }

    [Fact]
    public async Task A_running_report_shows_its_progress_and_stops_when_cancelled()
    {
        using var started = await PostJsonAsync(Http, Path, new { scenario = new { id = "energiecooperatie", version = 2 }, games = 600, players = 5, seed = 1 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var jobId = (await JsonOf(started)).GetProperty("jobId").GetString()!;
        var running = await UntilAsync(jobId, s => s.GetProperty("progress").GetDouble() > 0);
        Assert.Equal("running", running.GetProperty("state").GetString());
        Assert.InRange(running.GetProperty("progress").GetDouble(), 0.0001, 0.9999);

        using var cancelled = await Http.DeleteAsync($"{Path}/{jobId}");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var final = await UntilAsync(jobId, s => s.GetProperty("state").GetString() != "running");
        Assert.Equal("cancelled", final.GetProperty("state").GetString());
        Assert.True(final.GetProperty("progress").GetDouble() < 1);
        Assert.Equal(JsonValueKind.Null, final.GetProperty("report").ValueKind);
    }

    [Fact]
    public async Task Yaml_with_errors_is_422_with_line_and_column_diagnostics()
    {
        var yaml = BuiltInScenarios.ReadText("stadstuin", 1)!.Replace("version: 1", "version: one", StringComparison.Ordinal);
        using var response = await PostJsonAsync(Http, Path, new { source = yaml, games = 2 });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await JsonOf(response);
        Assert.Equal(RefusalCodes.InvalidScenario, body.GetProperty("code").GetString());
        var diagnostic = Assert.Single(body.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("RLS010", diagnostic.GetProperty("code").GetString());
        Assert.True(diagnostic.GetProperty("line").GetInt32() > 1);
        Assert.True(diagnostic.GetProperty("column").GetInt32() > 1);
    }

    [Theory]
    [InlineData("""{"scenario":{"id":"buurthuis","version":2},"games":0}""", HttpStatusCode.BadRequest, RefusalCodes.InvalidBody)]
    [InlineData("""{"scenario":{"id":"buurthuis","version":2},"games":700,"players":"all"}""", HttpStatusCode.BadRequest, RefusalCodes.InvalidBody)]
    [InlineData("""{"scenario":{"id":"buurthuis","version":2},"players":99}""", HttpStatusCode.BadRequest, RefusalCodes.InvalidBody)]
    [InlineData("""{"scenario":{"id":"buurthuis","version":2},"players":"some"}""", HttpStatusCode.BadRequest, RefusalCodes.InvalidBody)]
    [InlineData("""{"games":5}""", HttpStatusCode.BadRequest, RefusalCodes.InvalidBody)]
    [InlineData("""{"scenario":{"id":"buurthuis","version":99}}""", HttpStatusCode.NotFound, RefusalCodes.UnknownScenario)]
    [InlineData("""{"games":"many"}""", HttpStatusCode.BadRequest, RefusalCodes.InvalidBody)]
    public async Task Bad_requests_are_refused_with_their_code_and_start_nothing(string body, HttpStatusCode status, string code)
    {
        using var response = await Http.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (await JsonOf(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_and_an_unknown_job_are_refused()
    {
        using var yaml = await Http.PostAsync(Path, new StringContent("id: x", Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, yaml.StatusCode);
        using var unknown = await Http.GetAsync($"{Path}/no-such-job");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(RefusalCodes.NoSuchBalanceJob, (await JsonOf(unknown)).GetProperty("code").GetString());
        using var cancel = await Http.DeleteAsync($"{Path}/no-such-job");
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
    }

    [Fact]
    public async Task Past_three_running_or_waiting_reports_a_host_says_it_is_busy()
    {
        var jobs = new List<string>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var started = await PostJsonAsync(Http, Path, new { scenario = new { id = "buurthuis", version = 2 }, games = 600, players = 3, seed = i });
                Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
                jobs.Add((await JsonOf(started)).GetProperty("jobId").GetString()!);
            }

            using var busy = await PostJsonAsync(Http, Path, new { scenario = new { id = "buurthuis", version = 2 }, games = 2, players = 3 });
            Assert.Equal(HttpStatusCode.TooManyRequests, busy.StatusCode);
            Assert.Equal(RefusalCodes.BalanceBusy, (await JsonOf(busy)).GetProperty("code").GetString());

            // The second and third wait their turn: running, nothing played yet.
            var waiting = await Http.GetFromJsonAsync<JsonElement>($"{Path}/{jobs[2]}");
            Assert.Equal("running", waiting.GetProperty("state").GetString());
            Assert.Equal(0, waiting.GetProperty("progress").GetDouble());
        }
        finally
        {
            foreach (var job in jobs)
            {
                using var _ = await Http.DeleteAsync($"{Path}/{job}");
            }

            foreach (var job in jobs)
            {
                await UntilAsync(job, s => s.GetProperty("state").GetString() != "running");
            }
        }
    }

    private async Task<JsonElement> UntilAsync(string jobId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var status = await Http.GetFromJsonAsync<JsonElement>($"{Path}/{jobId}");
            if (done(status) || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }
}
