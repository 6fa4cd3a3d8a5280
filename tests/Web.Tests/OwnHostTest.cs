using Microsoft.Extensions.DependencyInjection;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// A test class with a web host of its own (not the shared one), for a test that adds services to it,
/// such as a grain call filter that stalls or records calls; an HTTP client for it.
/// </summary>
public abstract class OwnHostTest : IAsyncLifetime
{
    private WebHost host = null!;

    protected HttpClient Http { get; private set; } = null!;

    /// <summary>The services this test adds to its host.</summary>
    protected abstract void AddServices(IServiceCollection services);

    public Task InitializeAsync()
    {
        host = new WebHost { AddServices = AddServices };
        Http = new HttpClient { BaseAddress = host.Start() };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
