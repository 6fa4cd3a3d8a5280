using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Tests.Cluster;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// Two web hosts in one cluster (Redis membership with a real redis-server, one SQLite file), as a
/// workshop room behind a load balancer: a player's phone and laptop can land on different hosts.
/// Hosts report presence every two seconds here, so a host's word counts for six seconds.
/// </summary>
public sealed class TwoHostTests : IAsyncLifetime
{
    private readonly int redisPort = ExternalProcess.FreePort();
    private readonly string database = Path.Combine(Path.GetTempPath(), "regiolab-tests", $"two-hosts-{Guid.NewGuid():N}.db");
    private readonly string clusterId = $"two-hosts-{Guid.NewGuid():N}";
    private readonly List<LiveClient> clients = [];
    private ExternalProcess? redis;
    private WebHost? first;
    private WebHost? second;

    public async Task InitializeAsync()
    {
        redis = await ExternalProcess.StartRedisAsync(redisPort);
        var settings = new Dictionary<string, string>
        {
            ["Silo:Clustering"] = "redis",
            ["Silo:Redis"] = $"127.0.0.1:{redisPort}",
            ["Silo:ClusterId"] = clusterId,
            ["Storage:Sqlite:Path"] = database,
            ["Presence:ReportSeconds"] = "2",
        };
        first = new WebHost(settings);
        second = new WebHost(settings);
        first.Start();
        second.Start();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        foreach (var host in new[] { second, first })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_seat_connected_on_two_hosts_stays_present_until_its_last_connection_goes()
    {
        using var http = new HttpClient { BaseAddress = first!.ClientOptions.BaseAddress };
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "buurthuis", tables = 1, language = "nl", title = "Twee" }, 201);
        var joined = await Json.PostAsync(http, $"/api/join/{created.GetProperty("joinCode").GetString()}", new { name = "Anna" });
        var token = joined.GetProperty("seatToken").GetString()!;

        var phone = await ResumeAsync(first, token);
        var laptop = await ResumeAsync(second!, token);
        var table = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ITableGrain>(phone.SessionId);
        Assert.True(await PresentAsync(table));
        var connected = (await table.GetInfoAsync()).Version;

        // The phone goes: the first host has no connection of the seat left, the second still has one.
        // For longer than a lease the seat stays present: the second host's repeated word keeps it.
        await phone.Client.Connection.StopAsync();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(7);
        while (DateTime.UtcNow < until)
        {
            Assert.True(await PresentAsync(table), "the seat was marked away while its laptop was still connected");
            await Task.Delay(250);
        }

        // The laptop goes too: away at once, without waiting for a lease.
        await laptop.Client.Connection.StopAsync();
        var left = DateTime.UtcNow;
        while (await PresentAsync(table))
        {
            Assert.True(DateTime.UtcNow - left < TimeSpan.FromSeconds(2), "the seat is still present after its last connection went");
            await Task.Delay(50);
        }

        var changes = (await table.ReadSinceAsync(connected)).Select(e => e.Event).OfType<PresenceChanged>().ToList();
        Assert.Equal([new PresenceChanged(0, false)], changes);
    }

    private async Task<(LiveClient Client, string SessionId)> ResumeAsync(WebHost host, string token)
    {
        var client = await LiveClient.ConnectAsync(host.ClientOptions.BaseAddress, "/hubs/player", "Update");
        clients.Add(client);
        var session = await client.Connection.InvokeAsync<JsonElement>("Resume", token, 0L);
        Assert.True(session.GetProperty("ok").GetBoolean(), session.ToString());
        return (client, session.GetProperty("sessionId").GetString()!);
    }

    private static async Task<bool> PresentAsync(ITableGrain table) => (await table.GetStateAsync()).Seats[0].Present;
}
