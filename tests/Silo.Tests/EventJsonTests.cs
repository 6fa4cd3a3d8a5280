using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Silo.Storage;

namespace RegioLab.Sim.Silo.Tests;

public sealed class EventJsonTests
{
    [Fact]
    public void A_whole_game_log_survives_the_round_trip_through_stored_json_and_folds_to_the_same_state()
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("energiecooperatie").Scenario!);
        var game = Simulator.Play(rules, 5, 11, BotKind.Random);

        var stored = game.Log.Select(EventJson.Serialize).ToList();
        var read = stored.Select(EventJson.Deserialize).ToList();

        Assert.Equal(game.Log, read, EqualityComparer<TableEvent>.Create((a, b) => EventJson.Serialize(a!) == EventJson.Serialize(b!)));
        Assert.Equal(EventJson.Serialize(new GameEnded("played", game.CommunityScore)), EventJson.Serialize(read.OfType<GameEnded>().Single()));
        Assert.Equal(game.State.Metrics, rules.Fold(read).Metrics);
        Assert.Equal(game.State.Version, rules.Fold(read).Version);
    }

    [Fact]
    public void Stored_events_are_readable_json_with_a_type_and_a_schema_version()
    {
        var json = EventJson.Serialize(new ActionTaken(2, "alderman", "offer_roof", [new Change("trust_residents", 3)]));

        Assert.Equal("""{"schema":1,"event":{"type":"action_taken","seat":2,"role":"alderman","action":"offer_roof","changes":[{"target":"trust_residents","delta":3}]}}""", json);
    }

    [Fact]
    public void An_event_from_a_newer_schema_is_refused_with_a_reason()
    {
        var error = Assert.Throws<System.Text.Json.JsonException>(() => EventJson.Deserialize("""{"schema":99,"event":{"type":"seat_left","seat":1}}"""));
        Assert.Contains("schema 99", error.Message);
    }
}
