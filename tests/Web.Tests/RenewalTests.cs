using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Contracts;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A web host renews its subscription to every table it watches every <see cref="ObserverLease.Renew"/>.
/// One renewal stuck on a silo that died must not hold up the others, and it is tried again
/// at most <see cref="ObserverLease.CallTimeout"/> + <see cref="ObserverLease.Retry"/> after it began, not at the next round
/// (a table restarted elsewhere pushes nothing to this host until it is subscribed again).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class RenewalTests : OwnHostTest
{
    private readonly StallOneRenewal stall = new();
    protected override void AddServices(IServiceCollection services) => services.AddSingleton<IOutgoingGrainCallFilter>(stall);

    [Fact]
    public async Task A_stuck_renewal_holds_up_no_other_table_and_is_tried_again_within_seconds()
    {
        var created = await Json.PostAsync(Http, "/api/workshops", new { scenario = "stadstuin", tables = 2, seating = "pick" }, 201);
        var code = created.GetProperty("joinCode").GetString();
        var players = new List<LiveClient>();
        foreach (var table in new[] { 1, 2 })
        {
            var joined = await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Speler {table}", table });
            var player = await LiveClient.ConnectAsync(Http.BaseAddress!, "/hubs/player", "Update");
            players.Add(player);
            var session = await player.Connection.InvokeAsync<JsonElement>("Resume", joined.GetProperty("seatToken").GetString(), 0L);
            Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
        }

        var workshopId = created.GetProperty("workshopId").GetString()!;
        string[] tables = [TableIds.For(workshopId, 1), TableIds.For(workshopId, 2)];
        var armed = DateTime.UtcNow;
        stall.Arm(tables);

        // The next round of renewals (within Renew): each table's call hangs once, as one to a dead silo would.
        // Renewed one after another, the second table's call would start only when the first gave up.
        var first = await Task.WhenAll(tables.Select(t => stall.WaitForCallAfterAsync(t, armed, ObserverLease.Renew + TimeSpan.FromSeconds(5))));
        Assert.True((first[1] - first[0]).Duration() < TimeSpan.FromSeconds(1),
            $"the second table's renewal began {(first[1] - first[0]).Duration().TotalSeconds:0.0} s after the first's: one held up the other");

        // Each is tried again after the call timeout and the retry wait, not at the next round.
        for (var i = 0; i < tables.Length; i++)
        {
            var again = await stall.WaitForCallAfterAsync(tables[i], first[i], TimeSpan.FromSeconds(10));
            // The retry waits for the next tick of the once-a-Retry timer, which a tick missed during the
            // timeout makes at once; both clocks count whole milliseconds (measured once: 2.998 s).
            Assert.InRange(again - first[i], ObserverLease.CallTimeout - TimeSpan.FromMilliseconds(50), ObserverLease.CallTimeout + ObserverLease.Retry + TimeSpan.FromSeconds(2));
        }

        // Both tables still push to this host: each player sees a newcomer sit down at their table.
        for (var i = 0; i < players.Count; i++)
        {
            var seen = players[i].Last("Update")!.Value.GetProperty("version").GetInt64();
            await Json.PostAsync(Http, $"/api/join/{code}", new { name = $"Nieuw {i + 1}", table = i + 1 });
            await players[i].WaitForAsync("Update", u => u.GetProperty("version").GetInt64() > seen);
            await players[i].DisposeAsync();
        }
    }

    /// <summary>Records the web host's subscribe calls per table; holds the next one of each armed table longer than the call timeout.</summary>
    private sealed class StallOneRenewal : IOutgoingGrainCallFilter
    {
        private readonly ConcurrentQueue<(string Table, DateTime At)> calls = new();
        private readonly ConcurrentDictionary<string, byte> armed = new(StringComparer.Ordinal);

        public void Arm(IEnumerable<string> tables)
        {
            foreach (var table in tables)
            {
                armed[table] = 0;
            }
        }

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod.Name == nameof(ITableGrain.SubscribeAsync))
            {
                var table = context.TargetId.Key.ToString()!;
                calls.Enqueue((table, DateTime.UtcNow));
                if (armed.TryRemove(table, out _))
                {
                    await Task.Delay(ObserverLease.CallTimeout * 3);
                }
            }

            await context.Invoke();
        }

        /// <summary>When the first subscribe call to <paramref name="table"/> after <paramref name="after"/> was made.</summary>
        public Task<DateTime> WaitForCallAfterAsync(string table, DateTime after, TimeSpan within) =>
            PollAsync(() => calls.Where(c => c.Table == table && c.At > after).Select(c => c.At).FirstOrDefault(), within, $"a subscribe call to {table}");

        private static async Task<DateTime> PollAsync(Func<DateTime> found, TimeSpan within, string what)
        {
            var until = DateTime.UtcNow + within;
            while (DateTime.UtcNow < until)
            {
                if (found() is var at && at != default)
                {
                    return at;
                }

                await Task.Delay(20);
            }

            throw new TimeoutException($"no {what} within {within.TotalSeconds} s");
        }
    }
}
