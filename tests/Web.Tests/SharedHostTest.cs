namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A test class on the shared web host (<see cref="WebHostCollection"/>): an HTTP client for it, and
/// the hub connections a test opens, closed when the test is done.
/// </summary>
public abstract class SharedHostTest(WebHostFixture web) : IAsyncLifetime
{
    private readonly List<LiveClient> clients = [];

    protected Uri Address { get; } = web.Address;

    protected HttpClient Http { get; } = new() { BaseAddress = web.Address };

    /// <summary>Connects to a hub, keeping what it pushes with <paramref name="methods"/>; closed after the test.</summary>
    protected async Task<LiveClient> ConnectAsync(string hub, params string[] methods)
    {
        var client = await LiveClient.ConnectAsync(Address, hub, methods);
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        Http.Dispose();
        GC.SuppressFinalize(this);
    }
}
