using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Tests.Cluster;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// REST when the cluster or its store cannot answer: a web host without a silo of its own (an Orleans
/// client, as in deploy/) whose only silo stops, a grain call that times out, and a SQLite file on a
/// full disk. Every /api call that needs a grain, or a write, is then refused by name, 503
/// <c>host_unavailable</c> or <c>storage_unavailable</c> with Retry-After, never an unnamed 500.
/// </summary>
public sealed class ClusterFaultTests : IAsyncLifetime
{
    private readonly int gatewayPort = ExternalProcess.FreePort();
    private WebHost silo = null!;
    private WebHost client = null!;
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        var gateway = gatewayPort.ToString(CultureInfo.InvariantCulture);
        silo = new WebHost(new Dictionary<string, string> { ["Silo:GatewayPort"] = gateway });
        silo.Start();
        client = new WebHost(new Dictionary<string, string> { ["Web:CoHostSilo"] = "false", ["Silo:GatewayPort"] = gateway });
        http = new HttpClient { BaseAddress = client.Start(), Timeout = TimeSpan.FromSeconds(60) };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await client.DisposeAsync();
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task Rest_calls_of_a_host_whose_cluster_is_gone_are_refused_host_unavailable_with_retry_after()
    {
        // Through the client host while the silo runs: the host is a working client of the cluster.
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "buurthuis", tables = 1 }, 201);
        var code = created.GetProperty("joinCode").GetString()!;
        using (var found = await http.GetAsync($"/api/join/{code}"))
        {
            Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        }

        await silo.DisposeAsync();

        var clock = Stopwatch.StartNew();
        using var create = await http.PostAsJsonAsync("/api/workshops", new { scenario = "buurthuis", tables = 1 });
        await AssertRefusedAsync(create, RefusalCodes.HostUnavailable);
        using var join = await http.PostAsJsonAsync($"/api/join/{code}", new { name = "Anna" });
        await AssertRefusedAsync(join, RefusalCodes.HostUnavailable);
        using var info = await http.GetAsync($"/api/join/{code}");
        await AssertRefusedAsync(info, RefusalCodes.HostUnavailable);
        Console.WriteLine($"three REST calls refused host_unavailable in {clock.ElapsedMilliseconds} ms after the silo stopped");

        // A path that needs no grain is still answered as before.
        using var missing = await http.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_grain_call_that_times_out_is_refused_host_unavailable()
    {
        // Orleans' own response timeout, shortened, on a co-hosted silo whose scenario library answers
        // later than that: the call times out in Orleans, as it does when a silo stalls.
        await using var slow = new WebHost
        {
            AddServices = services =>
            {
                services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(2));
                services.AddSingleton<IIncomingGrainCallFilter, SlowLibrary>();
            },
        };
        using var toSlow = new HttpClient { BaseAddress = slow.Start(), Timeout = TimeSpan.FromSeconds(60) };

        var clock = Stopwatch.StartNew();
        using var create = await toSlow.PostAsJsonAsync("/api/workshops", new { scenario = "buurthuis", tables = 1 });
        await AssertRefusedAsync(create, RefusalCodes.HostUnavailable);
        // Orleans' 2 s, not its default 30 s; the rest is room for a loaded test machine.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Rest_calls_that_must_write_on_a_full_disk_are_refused_storage_unavailable_with_retry_after_and_leave_nothing_half_written()
    {
        await using var disk = await SmallDisk.MountAsync();
        if (disk.CannotMount is { } cannotMount)
        {
            Console.WriteLine($"NOT RUN: a full disk needs a small tmpfs, and it could not be mounted (run as root): {cannotMount}");
            return;
        }

        var database = Path.Combine(disk.Folder, "regiolab.db");
        var refusals = new List<string>();
        await using (var host = new WebHost(new Dictionary<string, string> { ["Storage:Sqlite:Path"] = database }))
        {
            using var toHost = new HttpClient { BaseAddress = host.Start(), Timeout = TimeSpan.FromSeconds(60) };
            var workshop = new { scenario = "buurthuis", tables = 1 };
            var created = await Json.PostAsync(toHost, "/api/workshops", workshop, 201);
            var code = created.GetProperty("joinCode").GetString()!;

            disk.Fill();

            // Commits first reuse room the file and its WAL already hold: create until the disk is felt.
            // The refused call is answered by name and leaves the file as it found it (a join code
            // claimed for a workshop that was never stored would be half of one).
            for (var attempt = 0; refusals.Count == 0; attempt++)
            {
                Assert.True(attempt < 200, "200 workshops created on a full disk and none refused");
                var before = await StoredAsync(database);
                using var create = await toHost.PostAsJsonAsync("/api/workshops", workshop);
                if (create.StatusCode == HttpStatusCode.Created)
                {
                    continue;
                }

                await AssertRefusedAsync(create, RefusalCodes.StorageUnavailable);
                Assert.Equal(before, await StoredAsync(database));
                refusals.Add($"a create refused after {attempt} taken");
            }

            // A join on the full disk: refused by name, nothing of it stored, no seat kept for it.
            var beforeJoin = await StoredAsync(database);
            using var join = await toHost.PostAsJsonAsync($"/api/join/{code}", new { name = "Anna" });
            await AssertRefusedAsync(join, RefusalCodes.StorageUnavailable);
            Assert.Equal(beforeJoin, await StoredAsync(database));
            Assert.Equal("ok", await SmallDisk.IntegrityAsync(database));

            // With the space back, the same calls are taken: the join gets the first seat (seats count from 0).
            disk.Free();
            var joined = await Json.PostAsync(toHost, $"/api/join/{code}", new { name = "Anna" });
            Assert.Equal(0, joined.GetProperty("seat").GetInt32());
            await Json.PostAsync(toHost, "/api/workshops", workshop, 201);
        }

        Console.WriteLine($"on a full disk: {string.Join(", ", refusals)} storage_unavailable, a join refused too, nothing of either stored; both taken once the space returned");
    }

    /// <summary>What the file holds: its events and documents, each row's key and version, read as another process would.</summary>
    private static async Task<string> StoredAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT group_concat(row, ';') FROM (
                SELECT 'event ' || stream || ' ' || version AS row FROM events
                UNION ALL SELECT 'document ' || kind || ' ' || id || ' ' || etag FROM documents
                ORDER BY row)
            """;
        return (string?)await command.ExecuteScalarAsync() ?? string.Empty;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("reason").GetProperty("nl").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("reason").GetProperty("en").GetString()));
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);

        // The answer is the host's own: its security headers are there too.
        Assert.True(response.Headers.Contains("Referrer-Policy"));
        Assert.True(response.Headers.Contains("X-Content-Type-Options"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    /// <summary>Answers the scenario library's calls 5 s late.</summary>
    private sealed class SlowLibrary : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod.DeclaringType == typeof(IScenarioLibraryGrain))
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            await context.Invoke();
        }
    }
}
