using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using RegioLab.Sim.Contracts;
using RegioLab.Sim.Scenarios.Rules;
using RegioLab.Sim.Silo.Tests.Cluster;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// REST when the cluster cannot answer: a web host without a silo of its own (an Orleans client, as
/// in deploy/) whose only silo stops. Every /api call that needs a grain is then refused by name,
/// 503 <c>host_unavailable</c> with Retry-After, never an unnamed 500.
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
        await AssertHostUnavailableAsync(create);
        using var join = await http.PostAsJsonAsync($"/api/join/{code}", new { name = "Anna" });
        await AssertHostUnavailableAsync(join);
        using var info = await http.GetAsync($"/api/join/{code}");
        await AssertHostUnavailableAsync(info);
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
        await AssertHostUnavailableAsync(create);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(5));
    }

    private static async Task AssertHostUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal(RefusalCodes.HostUnavailable, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("reason").GetProperty("nl").GetString()));
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);

        // The answer is the host's own: its security headers are there too.
        Assert.True(response.Headers.Contains("Referrer-Policy"));
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
