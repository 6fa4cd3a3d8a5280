using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Model;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Simulation;
using RegioLab.Sim.Scenarios.Validation;
using RegioLab.Sim.Scenarios.Views;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// The hubs' JSON written by generated code (<see cref="HubJsonContext"/>) against the JSON the same options wrote by
/// reflection before it: byte for byte, for every message of a whole bot game and for the answers, and the same
/// commands read back.
/// </summary>
public sealed class HubJsonTests
{
    // The hub options as the host sets them up, and as they were before the context: SignalR's, then ApplicationSetup's.
    private static readonly JsonSerializerOptions Generated = FieldsJsonTests.HubOptions();
    private static readonly JsonSerializerOptions Reflected = ReflectionOptions();
    private static readonly JsonHubProtocol GeneratedHub = new(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = Generated }));
    private static readonly JsonHubProtocol ReflectedHub = new(Options.Create(new JsonHubProtocolOptions { PayloadSerializerOptions = Reflected }));

    // Every character up to U+02FF, some beyond it (quotes, line separators, the euro, a surrogate pair): where the
    // writer's escaping without an encoder could differ from SignalR's JavaScriptEncoder.Default.
    private static readonly string Awkward = new([.. Enumerable.Range(0, 0x300).Select(c => (char)c), .. "“”‘’–—…\u2028\u2029€\uFEFF😀"]);

    [Fact]
    public void Every_push_of_a_bot_game_is_written_byte_for_byte_as_reflection_wrote_it()
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        var game = Simulator.Play(rules, 5, 42, BotKind.Random);

        // The game as the bots played it, then its first half again with what the console and a player add mid-game.
        var middle = rules.Fold(game.Log.Take(game.Log.Count / 2));
        Assert.Equal(Scenarios.Flow.Stage.Playing, middle.Flow.Stage);
        var phase = rules.Scenario.Rounds.Phases[^1].Id;
        var role = rules.Scenario.Roles.First(r => r.Id != middle.RoleOf(0)).Id;
        var added = new (Actor Actor, Command Command)[]
        {
            (Actor.Facilitator, new SendMessage("Nog vijf minuten — “koffie” staat klaar, é & <b>")),
            (Actor.Facilitator, new SendMessage("Alleen voor jou", 1)),
            (Actor.Facilitator, new PinNote("De wethouder aarzelt")),
            (Actor.Facilitator, new PlanInject(middle.Flow.Round + 1, phase, rules.Scenario.Dilemmas[0].Id)),
            (Actor.Player(0), new RequestRoleSwap(role, "graag")),
            (Actor.Facilitator, new Pause()),
        };
        var extra = new List<TableEvent>();
        foreach (var (actor, command) in added)
        {
            var decision = rules.Decide(rules.Fold([.. game.Log.Take(game.Log.Count / 2), .. extra]), actor, command, DateTimeOffset.UnixEpoch);
            Assert.True(decision.Rejection is null, $"{command}: {decision.Rejection?.Message}");
            extra.AddRange(decision.Events);
        }

        var seen = new Dictionary<string, int>();
        Pushes(rules, game.Log, seen);
        Pushes(rules, [.. game.Log.Take(game.Log.Count / 2), .. extra], seen);

        // The games reached what the views can hold, so each kind of field was written at least once.
        Assert.All(new[] { "deadline", "pausedSeconds", "ballot", "dilemma", "proposals", "next", "tally", "messages", "swapRequests", "reflections", "pinnedNotes", "injects" },
            field => Assert.True(seen.GetValueOrDefault(field) > 0, $"no {field} in the game: {string.Join(", ", seen.Select(s => $"{s.Key} {s.Value}"))}"));
    }

    // Every push of a table whose log is this: each seat's view, update and delta, the room's and projector's, the console's table and delta.
    private static void Pushes(TableRules rules, IReadOnlyList<TableEvent> log, Dictionary<string, int> seen)
    {
        var replica = new TableReplica("w/1", rules);
        var (seats, consoles) = (FieldsJson.Seats(Generated), FieldsJson.Console(Generated));
        var (seatsBefore, consolesBefore) = (FieldsJson.Seats(Reflected), FieldsJson.Console(Reflected));
        var held = new Dictionary<int, (byte[][] Generated, byte[][] Reflected, long Version)>();
        (byte[][] Generated, byte[][] Reflected, long Version)? console = null;
        for (var i = 0; i < log.Count; i++)
        {
            Assert.NotNull(replica.Apply([new LoggedEvent(i + 1, log[i], DateTimeOffset.UnixEpoch.AddSeconds(i))]));
            var snapshot = replica.Snapshot;
            var state = snapshot.State;
            var readers = state.Seats.Select(s => s.Id).Append(Visibility.FacilitatorReader).ToDictionary(r => r, _ => 0L);
            var summaries = LiveViews.Summaries(replica, snapshot, readers);
            var room = Visibility.ForRoom(rules, state);
            Same(room);
            Same(LiveViews.Projector(replica, snapshot, summaries[Visibility.FacilitatorReader]));

            var (views, viewsBefore) = (LiveViews.Players(replica, snapshot, seats, null), LiveViews.Players(replica, snapshot, seatsBefore, null));
            foreach (var seat in state.Seats.Select(s => s.Id))
            {
                var view = Visibility.ForSeatWith(rules, state, room, seat);
                Same(view);
                Count(seen, view);

                // Whole with the brief, and as a delta on the previous push to this seat.
                var withBrief = i % 7 == 0;
                var last = held.GetValueOrDefault(seat);
                var (update, fields) = views.Player(seat, last.Version, last.Generated, summaries[seat], withBrief);
                var (updateBefore, fieldsBefore) = viewsBefore.Player(seat, last.Version, last.Reflected, summaries[seat], withBrief);
                Same(update, updateBefore);
                held[seat] = (fields, fieldsBefore, state.Version);
            }

            var facilitator = LiveViews.Facilitator(replica, snapshot, console?.Version ?? 0, summaries[Visibility.FacilitatorReader]);
            Same(facilitator);
            var consoleFields = consoles.Fields(facilitator, null, console?.Generated);
            var consoleFieldsBefore = consolesBefore.Fields(facilitator, null, console?.Reflected);
            Same(consoles.Since(consoleFields, console?.Generated), consolesBefore.Since(consoleFieldsBefore, console?.Reflected));
            console = (consoleFields, consoleFieldsBefore, state.Version);
            Count(seen, facilitator);
        }
    }

    [Fact]
    public void The_answers_to_opening_a_page_and_to_commands_are_written_byte_for_byte_as_reflection_wrote_them()
    {
        var rules = new TableRules(ScenarioLoader.LoadBuiltIn("buurthuis").Scenario!);
        var scenario = ScenarioInfo.Of(rules);
        var awkward = new Text(Awkward, "<b>&amp;</b> 'x' \"y\"");
        var player = new WorkshopPlayer("p1", Awkward, 1, 2);
        var workshop = new WorkshopInfo("w", "K7M4QX", Awkward, new ScenarioRef("buurthuis", 1), RotationMode.Facilitator, "nl", ["w/1", "w/2"], [player],
            DateTimeOffset.Parse("2026-12-06T21:05:00+01:00", System.Globalization.CultureInfo.InvariantCulture), SeatingMode.Pick);
        var refusal = Refusals.TableFull(8);
        object[] answers =
        [
            scenario,
            new PlayerSession(true, null, null, null, "w", "w/1", 1, 2, "p1", Awkward, "nl", scenario),
            PlayerSession.Refused(refusal),
            new FacilitatorSession(true, null, null, null, workshop, scenario, "http://localhost/join/K7M4QX", Visibility.EveryBrief(rules)),
            FacilitatorSession.Refused(refusal),
            new ProjectorSession(true, null, null, null, Awkward, "K7M4QX", "http://localhost/join/K7M4QX", 2, "en", scenario),
            ProjectorSession.Refused(refusal),
            new Ack(true, 12, null, null, false, null),
            new Ack(false, 0, "x", Awkward, true, awkward),
            new[] { Ack.Refused(refusal), new Ack(true, 3, null, null, false, null) },
            workshop,
            new MoveResult(true, player, null, null),
            MoveResult.Refused(player, refusal),
            new RoundSummary(1, 0, 0, []),
            new OptionView("a", awkward, [new MetricEffect("trust", "+2 * 3")]),
        ];

        Assert.All(answers, answer => Same(answer, answer: true));
    }

    [Fact]
    public void Commands_are_read_as_reflection_read_them()
    {
        string[] commands =
        [
            """{"type":"take_seat","name":"Zoë"}""",
            """{"seat":3,"type":"leave_seat"}""",
            """{"type":"set_presence","seat":1,"present":false}""",
            """{"type":"start","seed":18446744073709551615}""",
            """{"type":"advance"}""",
            """{"type":"act","action":"subsidie","note":"ja"}""",
            """{"proposal":4,"answer":"counter","note":"liever niet","type":"answer_proposal"}""",
            """{"type":"cast_vote","ballot":2,"option":"a"}""",
            """{"type":"resolve_dilemma","option":"b"}""",
            """{"type":"request_role_swap","role":"alderman"}""",
            """{"type":"assign_role","seat":1,"role":"resident"}""",
            """{"type":"write_handover_note","text":"pas op"}""",
            """{"type":"reflect","word":"spannend"}""",
            """{"type":"pause"}""",
            """{"type":"resume"}""",
            """{"type":"extend_timer","seconds":60}""",
            """{"type":"inject_dilemma","dilemma":"storm"}""",
            """{"type":"end"}""",
            """{"type":"add_bot","kind":"cooperative"}""",
            """{"type":"set_bot","seat":2}""",
            """{"type":"fill_bots"}""",
            """{"type":"pin_note","text":"kijk"}""",
            """{"type":"send_message","text":"nog 5 minuten","seat":null}""",
            """{"type":"plan_inject","round":2,"phase":"decide","dilemma":"storm"}""",
            """{"type":"cancel_inject","id":1}""",
        ];

        Assert.Equal(typeof(Command).GetCustomAttributes<System.Text.Json.Serialization.JsonDerivedTypeAttribute>().Count(), commands.Length);
        foreach (var json in commands)
        {
            var read = JsonSerializer.Deserialize<Command>(json, Generated);
            Assert.NotNull(read);
            Assert.Equal(JsonSerializer.Deserialize<Command>(json, Reflected), read);
        }

        // What CommandReader tells the sender comes from the exception's path: the same where a command can not be read.
        foreach (var json in new[] { """{"type":"answer_proposal","proposal":4,"answer":"maybe"}""", """{"type":"leave_seat","seat":"two"}""", """{"type":"take_seat"}""", """{"type":"fly"}""" })
        {
            var generated = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Command>(json, Generated));
            var reflected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Command>(json, Reflected));
            Assert.Equal(reflected.Path, generated.Path);
        }
    }

    [Fact]
    public void Every_type_a_hub_sends_or_receives_is_in_the_context_and_the_messages_take_the_fast_path()
    {
        var hubs = new[] { typeof(PlayerHub), typeof(FacilitatorHub), typeof(ProjectorHub) }
            .SelectMany(h => h.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.Name != nameof(Hub.OnDisconnectedAsync))
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(Result(m.ReturnType)));
        var clients = new[] { typeof(IPlayerClient), typeof(IFacilitatorClient), typeof(IProjectorClient) }
            .SelectMany(c => c.GetMethods()).SelectMany(m => m.GetParameters().Select(p => p.ParameterType));
        var types = hubs.Concat(clients).Concat([typeof(Command), typeof(SeatView), typeof(RoomView), typeof(FacilitatorTable)]).Where(t => t != typeof(void)).Distinct().ToList();
        Assert.Contains(typeof(PlayerUpdate), types);
        Assert.All(types, t => Assert.True(HubJsonContext.Default.GetTypeInfo(t) is not null, $"{t} is not in HubJsonContext: add [JsonSerializable(typeof({t.Name}))]"));

        // The fast path (the generated writer) is on only while the options keep to what the context was generated for
        // (no converter in the options' list, no encoder); the runtime's flag for it is internal, so it is read by reflection.
        var fast = typeof(JsonTypeInfo).GetProperty("CanUseSerializeHandler", BindingFlags.NonPublic | BindingFlags.Instance);
        Assert.NotNull(fast);
        var objects = types.Where(t => Generated.GetTypeInfo(t).Kind is JsonTypeInfoKind.Object && t != typeof(ViewJson) && t != typeof(Command)).ToList();
        Assert.Contains(typeof(SeatView), objects);
        Assert.All(objects, t => Assert.True((bool)fast.GetValue(Generated.GetTypeInfo(t))!, $"{t.Name} is written by reflection-built metadata, not its generated writer"));

        static Type Result(Type returned) => returned.IsGenericType && returned.GetGenericTypeDefinition() == typeof(Task<>) ? returned.GetGenericArguments()[0] : typeof(void);
    }

    /// <summary>
    /// <paramref name="value"/> (<paramref name="asBefore"/>: as written for the old options) sent by a hub (the answer to a call, or a call of the page) as SignalR writes it with either
    /// options: the same bytes, except that a text's characters that <see cref="CachedTextConverter"/> escaped (\u00E9) may now
    /// be themselves, escaped as SignalR's writer escapes every other string of the message (the same JSON values).
    /// </summary>
    private static void Same(object value, object? asBefore = null, bool answer = false)
    {
        var (generated, reflected) = (Message(GeneratedHub, value, answer), Message(ReflectedHub, asBefore ?? value, answer));
        if (generated != reflected)
        {
            Assert.Contains("\\u", reflected, StringComparison.Ordinal);
            Assert.Equal(Rewritten(reflected), Rewritten(generated));
        }

        static string Message(IHubProtocol protocol, object value, bool answer) =>
            System.Text.Encoding.UTF8.GetString(protocol.GetMessageBytes(answer ? CompletionMessage.WithResult("1", value) : new InvocationMessage("Update", [value])).Span);
    }

    // A message as SignalR's writer would write the same values (strings escaped by JavaScriptEncoder.UnsafeRelaxedJsonEscaping).
    private static string Rewritten(string message)
    {
        using var json = JsonDocument.Parse(message.TrimEnd('\u001e'));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + '\u001e';
    }

    // How often each field of the views held something (not null, not empty), to show the game covered them.
    private static void Count(Dictionary<string, int> seen, object view)
    {
        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(view, view.GetType(), Generated));
        foreach (var field in json.RootElement.EnumerateObject())
        {
            var filled = field.Value.ValueKind switch
            {
                JsonValueKind.Null => false,
                JsonValueKind.Array => field.Value.GetArrayLength() > 0,
                _ => true,
            };
            seen[field.Name] = seen.GetValueOrDefault(field.Name) + (filled ? 1 : 0);
        }

        if (view is FacilitatorTable { Summary.Headlines: var headlines })
        {
            seen["tally"] = seen.GetValueOrDefault("tally") + headlines.Count(h => h.Tally is not null);
        }
    }

    /// <summary>The hubs' JSON options as they were before <see cref="HubJsonContext"/>: SignalR's, then the host's, all by reflection.</summary>
    private static JsonSerializerOptions ReflectionOptions()
    {
        var options = new JsonHubProtocolOptions().PayloadSerializerOptions;
        ApplicationSetup.Configure(options);
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        return options;
    }
}
