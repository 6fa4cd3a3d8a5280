using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

[Collection(WebHostCollection.Name)]
public sealed class TableFeedTests(WebHostFixture web)
{
    private readonly WebHost host = web.Host;
    private readonly Uri address = web.Address;

    [Fact]
    public async Task The_co_hosted_silo_answers_and_the_scenarios_come_from_the_library()
    {
        using var http = new HttpClient { BaseAddress = address };
        Assert.Equal("ok", (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString());
        var scenarios = await http.GetFromJsonAsync<JsonElement>("/api/scenarios");
        Assert.Equal(["energiecooperatie", "buurthuis", "stadstuin"], scenarios.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_feed_keeps_a_replica_equal_to_the_table_and_tells_each_event_once_in_order()
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var feed = host.Services.GetRequiredService<TableFeed>();
        var workshop = grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(new ScenarioRef("energiecooperatie", 1), 1, null, "nl", "Feed"));
        await workshop.JoinAsync("Anna");

        var told = new List<long>();
        // The host is shared: other tests' tables change too.
        feed.Changed += (changed, events) =>
        {
            lock (told)
            {
                if (changed.SessionId == created.Sessions[0])
                {
                    told.AddRange(events.Select(e => e.Version));
                }
            }
        };
        var replica = await feed.WatchAsync(created.Sessions[0]);
        Assert.Equal(1, replica.State.Version);

        var table = grains.GetGrain<ITableGrain>(created.Sessions[0]);
        await workshop.JoinAsync("Bram");
        await workshop.JoinAsync("Cor");
        await table.ExecuteAsync(new CommandEnvelope("start", Actor.Facilitator, new Start(4)));
        for (var i = 0; i < 5; i++)
        {
            await table.ExecuteAsync(new CommandEnvelope($"advance-{i}", Actor.Facilitator, new Advance()));
        }

        var state = await table.GetStateAsync();
        var until = DateTime.UtcNow.AddSeconds(10);
        // The replica is folded before the feed tells about it: wait for both.
        while ((replica.State.Version < state.Version || Told() < state.Version) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        int Told()
        {
            lock (told)
            {
                return told.Count;
            }
        }

        Assert.Equal(JsonSerializer.Serialize(state, ContractSerialization.Json), JsonSerializer.Serialize(replica.State, ContractSerialization.Json));
        lock (told)
        {
            Assert.Equal(Enumerable.Range(1, (int)state.Version).Select(v => (long)v), told);
        }
    }
}
