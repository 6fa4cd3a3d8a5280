using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// One web host on Kestrel (with its co-hosted silo and own SQLite file) and one headless Debian
/// Chromium, shared by the browser tests of a collection. Every test opens its own contexts.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly Host host = new();
    private IPlaywright? playwright;

    public Uri Address { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/screenshots beside the test project's output (kept as test artifacts).</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);

        // Expectations wait as long as actions do: a loaded CI machine answers a round trip slowly.
        Assertions.SetDefaultExpectTimeout(15_000);
        var chromium = Environment.GetEnvironmentVariable("REGIOLAB_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at {chromium}; install it with: apt-get install -y chromium (or set REGIOLAB_CHROMIUM to a Chromium binary)");
        }

        Address = host.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>A new browser context (a separate person: own storage), phone-sized unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 360, int height = 740, string locale = "nl-NL")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A facilitator creates a buurthuis workshop of <paramref name="tables"/> tables (players spread over them)
    /// on the start page and goes to its console; <paramref name="shot"/> names a screenshot of the key being shown.
    /// Returns the console and the join code.
    /// </summary>
    public async Task<(IPage Console, string Code)> CreateWorkshopAsync(string? shot = null, int tables = 1)
    {
        var console = await NewPageAsync(1280, 800);
        await console.GotoAsync("/");
        await console.GetByLabel("Casus").SelectOptionAsync(new SelectOptionValue { Value = "buurthuis@2" });
        await console.GetByLabel("Aantal tafels").FillAsync(tables.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await console.GetByRole(AriaRole.Button, new() { Name = "Werksessie maken" }).ClickAsync();
        await Assertions.Expect(console.GetByText("Bewaar deze sleutel nu")).ToBeVisibleAsync();
        if (shot is not null)
        {
            await ShotAsync(console, shot);
        }

        await console.GetByRole(AriaRole.Button, new() { Name = "Ik heb hem bewaard, naar de console" }).ClickAsync();
        var poster = console.Locator(".poster__code");
        await Assertions.Expect(poster).ToHaveTextAsync(new Regex("^[A-Z2-9]{6}$"));
        return (console, (await poster.InnerTextAsync()).Trim());
    }

    /// <summary>A player joins on a phone of their own and lands on the play page.</summary>
    public async Task<IPage> JoinAsync(string code, string name)
    {
        var page = await NewPageAsync();
        await page.GotoAsync($"/join/{code}");
        await page.GetByLabel("Je naam").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanschuiven" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/play/{code}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Welkom, {name}!" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Clicks a console table card's "next phase" and waits until its stage shows the table has moved on.</summary>
    public static async Task AdvanceAsync(ILocator table)
    {
        var stage = table.Locator(".table-card__stage");
        var before = await stage.TextContentAsync() ?? "";
        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(stage).Not.ToHaveTextAsync(before);
    }

    /// <summary>
    /// Opens the phone's actions when they are folded (the table waits for this player's vote or answer, so
    /// the question comes first); a player who wants to act first taps the heading, as this does.
    /// </summary>
    public static async Task OpenActionsAsync(IPage phone)
    {
        var folded = phone.Locator(".actions-fold:not([open]) > summary");
        if (await folded.CountAsync() > 0)
        {
            await folded.ClickAsync();
        }
    }

    /// <summary>
    /// A screenshot of a page state for the test output (the whole page, or from its top down to the end of
    /// <paramref name="upTo"/>), and that state checked for accessibility (<see cref="AssertAccessibleAsync"/>).
    /// </summary>
    public static async Task ShotAsync(IPage page, string name, ILocator? upTo = null)
    {
        // A full-page shot of a scrolled page draws the sticky top bar where the window was, in the middle of
        // the image: shoot from the top, then put the page back where it was.
        var scrolled = await page.EvaluateAsync<double[]>("() => [window.scrollX, window.scrollY]");
        await page.EvaluateAsync("() => window.scrollTo({ left: 0, top: 0, behavior: 'instant' })");
        var options = new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true };
        if (upTo is not null && await upTo.BoundingBoxAsync() is { } end)
        {
            options.Clip = new Clip { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = end.Y + end.Height + 16 };
        }

        await page.ScreenshotAsync(options);
        await page.EvaluateAsync("([left, top]) => window.scrollTo({ left, top, behavior: 'instant' })", scrolled);
        await AssertAccessibleAsync(page, name);
    }

    /// <summary>No critical or serious violation of WCAG 2.1 A and AA that axe-core finds in the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string state)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var serious = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(serious.Count == 0, $"{state}: " + string.Join("; ", serious.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    private sealed class Host : WebApplicationFactory<Program>
    {
        private readonly string database = Path.Combine(Path.GetTempPath(), "regiolab-tests", $"browser-{Guid.NewGuid():N}.db");

        public Uri Start()
        {
            UseKestrel(0);
            StartServer();
            return ClientOptions.BaseAddress;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Silo:SiloPort", FreePort());
            builder.UseSetting("Silo:GatewayPort", FreePort());
            builder.UseSetting("Storage:Sqlite:Path", database);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Limits:FailedLookupsPerMinute", "10000");

            // Bots in seats think for 2 s like a person; here within a third of a second, so a
            // game a test plays to its end with bots waits on the facilitator's clicks, not on the bots.
            builder.UseSetting("Bots:DelayMilliseconds", "300");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }

        private static string FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
