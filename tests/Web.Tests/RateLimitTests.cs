using System.Net;
using System.Net.Http.Json;

namespace RegioLab.Sim.Web.Tests;

public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly WebHost host = new(new Dictionary<string, string> { ["Limits:JoinsPerMinute"] = "3" });
    private HttpClient http = null!;

    public Task InitializeAsync()
    {
        http = new HttpClient { BaseAddress = host.Start() };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Join_attempts_from_one_address_are_limited_per_minute()
    {
        var created = await Json.PostAsync(http, "/api/workshops", new { scenario = "stadstuin", tables = 1 }, 201);
        var code = created.GetProperty("joinCode").GetString();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync($"/api/join/{code}", new { name = $"Speler {i}" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("60", response.Headers.RetryAfter?.ToString());
                Assert.Contains("too_many_requests", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
