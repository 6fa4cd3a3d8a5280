using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Scenarios.Views;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

/// <summary>The seat views a push writes field by field, against the JSON the hubs write of a whole <see cref="SeatView"/>, over every state of a bot game.</summary>
public sealed class FieldsJsonTests
{
    private static readonly JsonSerializerOptions HubJson = HubOptions();

    [Fact]
    public void A_whole_view_is_the_seat_view_as_the_hub_writes_it_and_merged_deltas_make_each_next_whole_view()
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        var game = Simulator.Play(rules, 5, 42, BotKind.Random);
        var writer = FieldsJson.Seats(HubJson);
        var state = rules.Initial();
        var held = new Dictionary<int, (byte[][] Fields, JsonObject View)>();
        byte[][]? sharedBefore = null;
        var (deltas, fieldsSent, fieldsWhole, nulls) = (0, 0, 0, 0);
        foreach (var e in game.Log)
        {
            state = rules.Evolve(state, e);
            var room = Visibility.ForRoom(rules, state);
            var shared = writer.Shared(room, sharedBefore);
            sharedBefore = shared;
            foreach (var seat in state.Seats)
            {
                var view = Visibility.ForSeatWith(rules, state, room, seat.Id);
                var fields = writer.Fields(view, shared, held.TryGetValue(seat.Id, out var previous) ? previous.Fields : null);
                var wholeJson = JsonSerializer.Serialize(writer.Since(fields, null), HubJson);
                Assert.Equal(AsTheHubWrites(view), wholeJson);
                var whole = JsonNode.Parse(wholeJson)!.AsObject();
                if (held.TryGetValue(seat.Id, out var before))
                {
                    var delta = Parse(writer.Since(fields, before.Fields));
                    foreach (var (name, value) in delta)
                    {
                        Assert.True(name == "version" || !JsonNode.DeepEquals(value, before.View[name]), $"'{name}' sent unchanged at version {state.Version}");
                        nulls += value is null ? 1 : 0;
                        before.View[name] = value?.DeepClone();
                    }

                    Assert.True(JsonNode.DeepEquals(whole, before.View), $"seat {seat.Id} at version {state.Version}: merged {before.View.ToJsonString()}, whole {whole.ToJsonString()}");
                    (deltas, fieldsSent, fieldsWhole) = (deltas + 1, fieldsSent + delta.Count, fieldsWhole + whole.Count);
                }

                held[seat.Id] = (fields, whole);
            }
        }

        Assert.True(deltas > 500, $"only {deltas} deltas");
        Assert.True(nulls > 0, "no field ever became null");
        Assert.True(fieldsSent * 3 < fieldsWhole, $"deltas carried {fieldsSent} of {fieldsWhole} fields");
    }

    [Fact]
    public void A_whole_console_table_is_the_facilitator_table_as_the_hub_writes_it_and_merged_deltas_make_each_next_whole_table()
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        var game = Simulator.Play(rules, 5, 42, BotKind.Random);
        var writer = FieldsJson.Console(HubJson);
        var replica = new TableReplica("w/1", rules);
        string[] always = ["sessionId", "table", "version", "after", "summary"];
        (byte[][] Fields, JsonObject Table, long Version)? held = null;
        var (deltas, fieldsSent, fieldsWhole, kept) = (0, 0, 0, 0);
        for (var i = 0; i < game.Log.Count; i++)
        {
            Assert.NotNull(replica.Apply([new LoggedEvent(i + 1, game.Log[i], DateTimeOffset.UnixEpoch)]));
            var snapshot = replica.Snapshot;
            var summary = new RoundSummary(1, 0, 0, []);
            var table = LiveViews.Facilitator(replica, snapshot, 0, summary);
            var fields = writer.Fields(table, null, held?.Fields);
            var wholeJson = JsonSerializer.Serialize(writer.Since(fields, null), HubJson);
            Assert.Equal(AsTheHubWrites(table), wholeJson);
            var whole = JsonNode.Parse(wholeJson)!.AsObject();
            if (held is { } before)
            {
                var delta = Parse(writer.Since(fields, before.Fields));
                Assert.All(always, name => Assert.True(delta.ContainsKey(name), $"no '{name}' at version {snapshot.State.Version}"));
                foreach (var (name, value) in delta)
                {
                    Assert.True(always.Contains(name) || !JsonNode.DeepEquals(value, before.Table[name]), $"'{name}' sent unchanged at version {snapshot.State.Version}");
                    before.Table[name] = value?.DeepClone();
                }

                Assert.True(JsonNode.DeepEquals(whole, before.Table), $"at version {snapshot.State.Version}: merged {before.Table.ToJsonString()}, whole {whole.ToJsonString()}");
                kept += Enumerable.Range(0, fields.Length).Count(f => ReferenceEquals(fields[f], before.Fields[f]));
                (deltas, fieldsSent, fieldsWhole) = (deltas + 1, fieldsSent + delta.Count, fieldsWhole + whole.Count);
            }

            held = (fields, whole, snapshot.State.Version);
        }

        Assert.True(deltas > 100, $"only {deltas} deltas");
        Assert.True(fieldsSent * 2 < fieldsWhole, $"deltas carried {fieldsSent} of {fieldsWhole} fields");
        Assert.True(kept * 2 > fieldsWhole, $"only {kept} of {fieldsWhole} fields were the very JSON sent before");
    }

    [Fact]
    public void Fields_the_room_sees_alike_are_written_once_per_state_and_shared_by_every_seat()
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        var state = rules.Fold(Simulator.Play(rules, 5, 7, BotKind.Cooperative).Log.Take(40));
        var writer = FieldsJson.Seats(HubJson);
        var room = Visibility.ForRoom(rules, state);
        var shared = writer.Shared(room, null);
        var first = writer.Fields(Visibility.ForSeatWith(rules, state, room, 0), shared, null);
        var second = writer.Fields(Visibility.ForSeatWith(rules, state, room, 1), shared, null);
        var same = Enumerable.Range(0, first.Length).Where(i => ReferenceEquals(first[i], second[i])).ToList();
        Assert.Equal(shared.Length, same.Count);
        Assert.All(shared, json => Assert.Contains(json, first));

        // The next state's shared fields that did not change are the very arrays of the previous one.
        var next = writer.Shared(room with { Version = room.Version + 1 }, shared);
        Assert.Equal(shared.Length - 1, Enumerable.Range(0, shared.Length).Count(i => ReferenceEquals(next[i], shared[i])));
        Assert.Throws<ArgumentException>(() => Visibility.ForSeatWith(rules, state, room with { Version = room.Version + 1 }, 0));
    }

    private static JsonObject Parse(ViewJson view) => JsonNode.Parse(JsonSerializer.Serialize(view, HubJson))!.AsObject();

    /// <summary>A value written whole as a hub sends it: into SignalR's writer, which escapes as <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/>.</summary>
    private static string AsTheHubWrites(object value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(json, value, value.GetType(), HubJson);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The hubs' JSON options, as the host configures them.</summary>
    internal static JsonSerializerOptions HubOptions()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddApplicationServices();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;
    }
}
