using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Bots;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Scenarios.Views;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Bench;

/// <summary>
/// One push of a table of 5 after one event in the middle of a game, as the web host makes it: each
/// seat's update and the console's table, built and written as the hubs' JSON. <see cref="WholeViews"/>
/// is how it was before the deltas (every seat its whole <see cref="SeatView"/> and the console its
/// whole table, written whole); <see cref="Deltas"/> is how <c>LivePush</c> does it now (the room's view
/// built and written once, each seat's own fields written, the console's table field by field, only
/// what changed since the previous push sent). <see cref="ConsoleWhole"/> and <see cref="ConsoleDelta"/>:
/// the console's table alone. <see cref="WriteSeatView"/> and <see cref="WriteConsoleTable"/>: only the writing of
/// a whole view already built. Every message is written as SignalR writes it (its <see cref="JsonHubProtocol"/>, the
/// host's hub options as the host registers them), so a build with other hub options measures those.
/// </summary>
[MemoryDiagnoser]
public class PushBenchmarks
{
    private const int Seats = 5;

    private JsonSerializerOptions json = null!;
    private JsonHubProtocol protocol = null!;
    private readonly ArrayBufferWriter<byte> message = new(64 * 1024);
    private SeatView seatView = null!;
    private FacilitatorTable consoleTable = null!;
    private FieldsJson writer = null!;
    private FieldsJson consoleWriter = null!;
    private byte[][] consoleBefore = [];
    private TableReplica replica = null!;
    private ReplicaSnapshot snapshot = null!;
    private ImmutableDictionary<int, RoundSummary> summaries = null!;
    private byte[][]? sharedBefore;
    private byte[][][] fieldsBefore = [];
    private long after;

    /// <summary>The whole update as it was: the seat view inside, written by the serializer.</summary>
    private sealed record WholeUpdate(string SessionId, long Version, SeatView View, RoundSummary Summary, RoleBrief? Brief);

    [GlobalSetup]
    public void Setup()
    {
        // The hubs' JSON as the host registers it (src/Web/ApplicationSetup.cs, internal to the host: called by reflection).
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        typeof(FieldsJson).Assembly.GetType("RegioLab.Sim.Web.ApplicationSetup")!.GetMethod("AddApplicationServices")!.Invoke(null, [services]);
        using (var provider = services.BuildServiceProvider())
        {
            var hub = provider.GetRequiredService<IOptions<JsonHubProtocolOptions>>();
            json = hub.Value.PayloadSerializerOptions;
            protocol = new JsonHubProtocol(hub);
        }

        writer = FieldsJson.Seats(json);
        consoleWriter = FieldsJson.Console(json);
        var rules = new TableRules(Workload.LoadScenario());
        var (_, game) = Workload.Record(rules, Seats, 1, BotKind.Random);
        var middle = game.Log.Count / 2;
        var before = Replica(rules, game.Log, middle - 1);
        replica = Replica(rules, game.Log, middle);
        snapshot = replica.Snapshot;
        after = before.Snapshot.State.Version;
        var readers = Enumerable.Range(0, Seats).Append(Visibility.FacilitatorReader).ToDictionary(r => r, _ => after);
        summaries = LiveViews.Summaries(replica, snapshot, readers);

        // What the previous push sent each seat.
        var previous = LiveViews.Players(before, before.Snapshot, writer, null);
        sharedBefore = previous.SharedJson;
        fieldsBefore = [.. Enumerable.Range(0, Seats).Select(seat => previous.Player(seat, 0, null, summaries[seat], false).Fields)];
        consoleBefore = consoleWriter.Fields(LiveViews.Facilitator(before, before.Snapshot, 0, summaries[Visibility.FacilitatorReader]), null, null);
        seatView = Visibility.ForSeat(replica.Rules, snapshot.State, 0);
        consoleTable = LiveViews.Facilitator(replica, snapshot, 0, summaries[Visibility.FacilitatorReader]);
    }

    [Benchmark(Baseline = true)]
    public long WholeViews()
    {
        var state = snapshot.State;
        long bytes = 0;
        for (var seat = 0; seat < Seats; seat++)
        {
            var update = new WholeUpdate(replica.SessionId, state.Version, Visibility.ForSeat(replica.Rules, state, seat), summaries[seat], null);
            bytes += Send(update);
        }

        return bytes + ConsoleWhole();
    }

    [Benchmark]
    public long Deltas()
    {
        var views = LiveViews.Players(replica, snapshot, writer, sharedBefore);
        long bytes = 0;
        for (var seat = 0; seat < Seats; seat++)
        {
            var (update, _) = views.Player(seat, after, fieldsBefore[seat], summaries[seat], false);
            bytes += Send(update);
        }

        return bytes + ConsoleDelta();
    }

    /// <summary>The console's whole table, written by the serializer (as before the deltas).</summary>
    [Benchmark]
    public long ConsoleWhole() => Send(LiveViews.Facilitator(replica, snapshot, 0, summaries[Visibility.FacilitatorReader]));

    /// <summary>The console's table as a delta on the previous push's, field by field.</summary>
    [Benchmark]
    public long ConsoleDelta()
    {
        var fields = consoleWriter.Fields(LiveViews.Facilitator(replica, snapshot, after, summaries[Visibility.FacilitatorReader]), null, consoleBefore);
        return Send(consoleWriter.Since(fields, consoleBefore));
    }

    /// <summary>A whole seat view, built before: its writing alone.</summary>
    [Benchmark]
    public long WriteSeatView() => Send(seatView);

    /// <summary>A whole console table, built before: its writing alone.</summary>
    [Benchmark]
    public long WriteConsoleTable() => Send(consoleTable);

    // One call of a page's method with this argument, as the hub sends it (the bytes are not kept).
    private long Send(object argument)
    {
        message.ResetWrittenCount();
        protocol.WriteMessage(new InvocationMessage("Update", [argument]), message);
        return message.WrittenCount;
    }

    private static TableReplica Replica(TableRules rules, IReadOnlyList<TableEvent> log, int events)
    {
        var replica = new TableReplica("bench/1", rules);
        var at = DateTimeOffset.UnixEpoch;
        if (replica.Apply(log.Take(events).Select((e, i) => new LoggedEvent(i + 1, e, at))) is null)
        {
            throw new InvalidOperationException("the log has a gap");
        }

        return replica;
    }
}
