using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.BuiltIn;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Scenarios.Views;

namespace RegioLab.Sim.Scenarios.Tests;

public sealed class RoundHeadlinesTests
{
    public static TheoryData<string> Scenarios => [.. BuiltInScenarios.Ids];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Folding_for_every_reader_at_once_tells_each_seat_the_same_story_as_the_per_seat_fold(string id)
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn(id).Scenario!);
        var game = Simulator.Play(rules, 5, 3, BotKind.Random);
        var round = new Visibility.RoundHeadlines(rules, rules.Initial(), game.State.Seats.Length);
        foreach (var e in game.Log)
        {
            round.Add(e);
        }

        Assert.Equal(game.Log.Count, round.Count);
        for (var seat = 0; seat < game.State.Seats.Length; seat++)
        {
            Assert.Equal(Story(Visibility.Headlines(rules, [.. game.Log], seat)), Story(round.For(seat)));
        }

        // The room sees no resource and no proposal; the facilitator sees at least everything any seat sees.
        var room = round.For(Visibility.PublicReader);
        Assert.DoesNotContain(room, h => h.Kind == "proposal" || h.Changes.Any(c => c.Target.Contains('.')));
        var everything = round.For(Visibility.FacilitatorReader);
        Assert.True(everything.Length >= Enumerable.Range(0, 5).Max(s => round.For(s).Length));
        Assert.Contains(everything, h => h.Changes.Any(c => c.Target.Contains('.')));

        // A push takes only the headlines after the version it sent last.
        var middle = game.Log.Count / 2;
        Assert.Equal(Story([.. everything.Where(h => h.Version > middle)]), Story(round.After(Visibility.FacilitatorReader, middle)));
        Assert.Empty(round.After(Visibility.FacilitatorReader, game.Log.Count));
    }

    // Headlines hold immutable arrays, which compare by reference: compare their JSON.
    private static string Story(IEnumerable<Headline> headlines) => System.Text.Json.JsonSerializer.Serialize(headlines);
}
