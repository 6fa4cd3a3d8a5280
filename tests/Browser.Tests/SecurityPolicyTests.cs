using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// The pages under the server's Content-Security-Policy (docs/privacy.md) in Debian's Chromium: the
/// start page, a player's join page, the console and the projector with its QR code and live
/// connection load without a single violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityPolicyTests(BrowserFixture browser)
{
    // Runs before any script of the page, outside its policy, and records every violation the page reports.
    private const string RecordViolations =
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

    [Fact]
    public async Task The_start_page_the_console_the_join_page_and_the_projector_break_no_rule_of_the_policy()
    {
        var console = await WatchedPageAsync(1280, 800);
        var response = await console.Page.GotoAsync("/");
        Assert.Contains("frame-ancestors 'none'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await console.Page.GetByLabel("Casus").SelectOptionAsync(new SelectOptionValue { Value = "buurthuis@2" });
        await console.Page.GetByLabel("Aantal tafels").FillAsync("1");
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Werksessie maken" }).ClickAsync();
        await console.Page.GetByRole(AriaRole.Button, new() { Name = "Ik heb hem bewaard, naar de console" }).ClickAsync();
        var poster = console.Page.Locator(".poster__code");
        await Assertions.Expect(poster).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-9]{6}$"));
        var code = (await poster.InnerTextAsync()).Trim();

        // The projector shows the QR image and is fed over the hub's WebSocket.
        var projector = await WatchedPageAsync(1280, 800);
        await projector.Page.GotoAsync($"/projector/{code}");
        var qr = projector.Page.GetByRole(AriaRole.Img, new() { Name = $"QR-code om mee te doen met code {code}" });
        await Assertions.Expect(qr).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await qr.EvaluateAsync<bool>("img => img.naturalWidth > 0"), "the QR image did not load");

        var player = await WatchedPageAsync(360, 740);
        await player.Page.GotoAsync($"/join/{code}");
        await player.Page.GetByLabel("Je naam").FillAsync("Anna");
        await player.Page.GetByRole(AriaRole.Button, new() { Name = "Aanschuiven" }).ClickAsync();
        await Assertions.Expect(player.Page.GetByRole(AriaRole.Heading, new() { Name = "Welkom, Anna!" })).ToBeVisibleAsync();

        // The console hears of the player over its own WebSocket: the live connections got through.
        await Assertions.Expect(console.Page.GetByText("Anna").First).ToBeVisibleAsync();
        Assert.Contains(player.Sockets, s => s.Contains("/hubs/player", StringComparison.Ordinal));
        Assert.Contains(projector.Sockets, s => s.Contains("/hubs/projector", StringComparison.Ordinal));

        foreach (var page in new[] { console, projector, player })
        {
            var violations = await page.Page.EvaluateAsync<string[]>("() => window.__violations");
            Assert.True(violations.Length == 0, $"{page.Page.Url}: {string.Join("; ", violations)}");
            Assert.DoesNotContain(page.Messages, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        }

        // And the recorder does hear a violation: an inline style, which the policy forbids, is reported.
        await player.Page.EvaluateAsync("() => { const style = document.createElement('style'); style.textContent = 'body { color: red }'; document.head.append(style); }");
        await Assertions.Expect(player.Page.Locator("body")).Not.ToHaveCSSAsync("color", "rgb(255, 0, 0)");
        await player.Page.WaitForFunctionAsync("() => window.__violations.length > 0");
        Assert.StartsWith("style-src", (await player.Page.EvaluateAsync<string[]>("() => window.__violations"))[0], StringComparison.Ordinal);
    }

    private async Task<WatchedPage> WatchedPageAsync(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        var watched = new WatchedPage(page);
        await page.AddInitScriptAsync(RecordViolations);
        page.Console += (_, message) => watched.Messages.Add(message.Text);
        page.WebSocket += (_, socket) => watched.Sockets.Add(socket.Url);
        return watched;
    }

    private sealed record WatchedPage(IPage Page)
    {
        public List<string> Messages { get; } = [];

        public List<string> Sockets { get; } = [];
    }
}
