using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Web.Live;

namespace RegioLab.Sim.Web.Tests;

public sealed class SessionFeedTests : IAsyncLifetime
{
    private readonly WebHost host = new();
    private Uri address = null!;

    public Task InitializeAsync()
    {
        address = host.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

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
        var feed = host.Services.GetRequiredService<SessionFeed>();
        var workshop = grains.GetGrain<IWorkshopGrain>(Guid.NewGuid().ToString("N"));
        var created = await workshop.CreateAsync(new WorkshopSetup(new ScenarioRef("energiecooperatie", 1), 1, null, "nl", "Feed"));
        await workshop.JoinAsync("Anna");

        var told = new List<long>();
        feed.Changed += (replica, events) =>
        {
            lock (told)
            {
                told.AddRange(events.Select(e => e.Version));
            }
        };
        var replica = await feed.WatchAsync(created.Sessions[0]);
        Assert.Equal(1, replica.State.Version);

        var table = grains.GetGrain<ISessionGrain>(created.Sessions[0]);
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
