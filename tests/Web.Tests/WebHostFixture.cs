namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// One web host with the test settings (<see cref="WebHost"/>), shared by the tests of the
/// <see cref="WebHostCollection"/>: starting a host and its silo costs more than most tests. Every
/// test makes its own workshop, so tests on it do not see each other; a test that needs settings of
/// its own (RateLimitTests, TwoHostTests) keeps a host of its own.
/// </summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    public WebHost Host { get; } = new();

    public Uri Address { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Address = Host.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class WebHostCollection : ICollectionFixture<WebHostFixture>
{
    public const string Name = "web host";
}
