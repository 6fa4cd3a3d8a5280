using System.Net;
using System.Text.Json;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Web.Live;
using static RegioLab.Sim.Web.Tests.ScenarioApiTests;

namespace RegioLab.Sim.Web.Tests;

/// <summary>POST /api/scenarios/preview over real HTTP: the studio's diagnostics and what the file's players will see.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ScenarioPreviewTests(WebHostFixture web) : SharedHostTest(web)
{

    [Fact]
    public async Task A_valid_file_previews_as_the_play_page_receives_it_with_every_role_dilemma_and_phase()
    {
        var (id, yaml) = Scenario();
        using var response = await PostYamlAsync(Http, "/api/scenarios/preview", yaml);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await JsonOf(response);
        Assert.True(report.GetProperty("valid").GetBoolean());
        var preview = report.GetProperty("preview");

        var scenario = ScenarioLoader.LoadText(yaml, "scenario.yaml").Scenario!;
        var rules = new TableRules(scenario);
        // The outline is the very ScenarioInfo a player's page gets when it opens.
        Assert.True(JsonElement.DeepEquals(JsonSerializer.SerializeToElement(ScenarioInfo.Of(rules), Json.Options), preview.GetProperty("scenario")));
        Assert.Equal(id, preview.GetProperty("scenario").GetProperty("id").GetString());

        var roles = preview.GetProperty("roles").EnumerateArray().ToList();
        Assert.Equal(scenario.Roles.Select(r => r.Id), roles.Select(r => r.GetProperty("id").GetString()));
        foreach (var (role, card) in scenario.Roles.Zip(roles))
        {
            Assert.Equal(role.Resources.Select(r => (r.Id, r.Start)),
                card.GetProperty("resources").EnumerateArray().Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("value").GetDouble())));
        }

        var briefs = preview.GetProperty("briefs").EnumerateArray().ToList();
        Assert.Equal(scenario.Roles.Select(r => r.Brief.Nl), briefs.Select(b => b.GetProperty("brief").GetProperty("nl").GetString()));
        Assert.Equal(scenario.Metrics.Select(m => m.Start), preview.GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("value").GetDouble()));

        var phases = preview.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(scenario.Rounds.Phases.Select(p => p.Id), phases.Select(p => p.GetProperty("phase").GetString()));
        foreach (var (phase, shown) in scenario.Rounds.Phases.Zip(phases))
        {
            Assert.Equal(scenario.Actions.Where(a => a.Phases.Contains(phase.Id)).Select(a => a.Id), shown.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        }

        var dilemmas = preview.GetProperty("dilemmas").EnumerateArray().ToList();
        Assert.Equal(scenario.Dilemmas.Select(d => d.Id), dilemmas.Select(d => d.GetProperty("id").GetString()));
        foreach (var (dilemma, card) in scenario.Dilemmas.Zip(dilemmas))
        {
            Assert.Equal(dilemma.DecidedBy, card.GetProperty("decidedBy").GetString());
            Assert.Equal(!dilemma.IsVote, card.GetProperty("mineToDecide").GetBoolean());
            var metrics = scenario.Metrics.Select(m => m.Id).ToHashSet();
            Assert.All(card.GetProperty("options").EnumerateArray().SelectMany(o => o.GetProperty("effects").EnumerateArray()),
                e => Assert.Contains(e.GetProperty("metric").GetString()!, metrics));
        }
    }

    [Fact]
    public async Task An_invalid_file_answers_its_diagnostics_with_a_fix_and_no_preview()
    {
        var (_, yaml) = Scenario();
        var decimalComma = yaml.Replace("    when: { chance: 0.4 }\n", "    when:\n      chance: 0,4\n", StringComparison.Ordinal);
        Assert.NotEqual(yaml, decimalComma);
        using var response = await PostYamlAsync(Http, "/api/scenarios/preview", decimalComma);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await JsonOf(response);
        Assert.False(report.GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("preview").ValueKind);
        var problem = Assert.Single(report.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("severity").GetString() == "error");
        Assert.Equal("0.4", problem.GetProperty("fix").GetString());
        var line = decimalComma.Split('\n')[problem.GetProperty("line").GetInt32() - 1];
        Assert.Equal("0,4", line[(problem.GetProperty("column").GetInt32() - 1)..].Trim());
    }

    [Fact]
    public async Task A_preview_needs_a_yaml_body_within_the_validators_limit()
    {
        using var json = await PostJsonAsync(Http, "/api/scenarios/preview", new { yaml = "id: x" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(RefusalCodes.UnsupportedMediaType, (await JsonOf(json)).GetProperty("code").GetString());
        using var huge = await PostYamlAsync(Http, "/api/scenarios/preview", new string('#', 1024 * 1024 + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }
}
