using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>The pages in Debian's Chromium: a facilitator and three players in separate browser contexts, and a projector.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LivePlayTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_wrong_projector_code_and_a_wrong_facilitator_key_say_the_servers_reason_in_the_pages_language()
    {
        var projector = await browser.NewPageAsync(1280, 720);
        await projector.GotoAsync("/projector/ZZZZZZ");
        await Assertions.Expect(projector.GetByText("Deze code kennen we niet. Kijk nog eens goed op het scherm.")).ToBeVisibleAsync();
        await projector.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(projector.GetByText("We do not know this code. Have another look at the screen.")).ToBeVisibleAsync();

        var (console, _) = await browser.CreateWorkshopAsync("facilitator-key");
        var workshop = new Uri(console.Url).AbsolutePath;
        var other = await browser.NewPageAsync(1280, 720);
        await other.GotoAsync(workshop);
        await other.GetByLabel("Begeleiderssleutel").FillAsync("niet-de-sleutel");
        await other.GetByRole(AriaRole.Button, new() { Name = "Openen" }).ClickAsync();
        await Assertions.Expect(other.GetByText("De werksessie of de sleutel van de begeleider klopt niet.")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(other, "facilitator-wrong-key");
    }

    [Fact]
    public async Task After_the_game_each_phone_shows_its_own_debrief_with_the_role_it_held()
    {
        var (console, code) = await browser.CreateWorkshopAsync("mine-create");
        var players = new List<IPage>();
        foreach (var name in new[] { "Anna", "Bram", "Cor" })
        {
            players.Add(await browser.JoinAsync(code, name));
        }

        // After joining, the focus is in the page (not lost on its body).
        await Assertions.Expect(players[0].Locator(":focus")).ToHaveCountAsync(1);
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await Assertions.Expect(table).ToContainTextAsync("Cor");
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await Assertions.Expect(players[0].GetByText("Jouw rol").First).ToBeVisibleAsync();

        // "Starten" is no use once started and disables itself: the focus stays with its table.
        await Assertions.Expect(table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(console.Locator(":focus")).ToHaveCountAsync(1);
        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(players[0].GetByRole(AriaRole.Heading, new() { Name = "Wat kun jij doen" })).ToBeVisibleAsync();
        var role = await RoleNameAsync(players[0]);

        // An action taken is confirmed beside it; when its button goes (done for this round), the focus goes to the confirmation.
        await BrowserFixture.OpenActionsAsync(players[0]);
        var act = players[0].GetByRole(AriaRole.Button, new() { Name = "Doen", Exact = true }).First;
        await act.ClickAsync();
        var done = players[0].Locator(".feedback--done").GetByText("Gedaan.");
        await Assertions.Expect(done).ToBeVisibleAsync();
        if (await act.IsDisabledAsync() || !await act.IsVisibleAsync())
        {
            await Assertions.Expect(players[0].Locator(".feedback--done")).ToBeFocusedAsync();
        }

        console.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await table.GetByRole(AriaRole.Button, new() { Name = "Beëindigen" }).ClickAsync();
        var mine = players[0].GetByRole(AriaRole.Region, new() { Name = "Jouw nabespreking" });
        await Assertions.Expect(mine).ToBeVisibleAsync();
        await Assertions.Expect(mine.GetByRole(AriaRole.Row, new() { Name = $"1 {role}" })).ToBeVisibleAsync();
        // Ended in round 1: one round played, one round's end to look back on.
        await Assertions.Expect(mine.Locator("tbody tr")).ToHaveCountAsync(1);
        await mine.GetByText("Wat jij zag aan het eind van ronde 1").ClickAsync();
        await Assertions.Expect(mine.GetByText(role).First).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(players[0], "player-debrief");
    }

    [Fact]
    public async Task A_facilitator_runs_a_table_of_three_phones_through_a_role_swap()
    {
        var (console, code) = await browser.CreateWorkshopAsync("facilitator-create");
        var players = new List<IPage>();
        foreach (var name in new[] { "Anna", "Bram", "Cor" })
        {
            players.Add(await browser.JoinAsync(code, name));
        }

        await BrowserFixture.ShotAsync(players[0], "player-lobby");
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await Assertions.Expect(table).ToContainTextAsync("Cor");
        await BrowserFixture.ShotAsync(console, "facilitator-lobby");

        // Without a title of its own the workshop is named after its scenario, once.
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Het buurthuis in eigen hand", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(console.Locator(".console__head .lead")).ToHaveTextAsync("3 spelers");

        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await Assertions.Expect(players[0].GetByText("Jouw rol").First).ToBeVisibleAsync();
        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(players[0].GetByRole(AriaRole.Heading, new() { Name = "Wat kun jij doen" })).ToBeVisibleAsync();
        var firstRole = await RoleNameAsync(players[0]);

        // Each page and state has its own title: two tabs, the console and a phone, are told apart.
        await Assertions.Expect(players[0]).ToHaveTitleAsync("Spelen · Anna · RegioLab.Sim");
        await Assertions.Expect(console).ToHaveTitleAsync(new Regex("^Console · Het buurthuis in eigen hand · RegioLab.Sim$"));
        await BrowserFixture.ShotAsync(players[0], "player-round-1");
        await BrowserFixture.ShotAsync(console, "facilitator-round-1");

        // Through the phases of round 1 to the role swap.
        // Each click moves the game on, so the next one waits until the player's page has the new phase.
        var phase = players[0].Locator(".status-strip__phase");
        for (var i = 0; i < 10 && !await players[0].GetByText("Volgende ronde ben jij").IsVisibleAsync(); i++)
        {
            var before = await phase.TextContentAsync() ?? "";
            await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
            await Assertions.Expect(phase).Not.ToHaveTextAsync(before);
        }

        await Assertions.Expect(players[0].GetByText("Volgende ronde ben jij")).ToBeVisibleAsync();
        await players[0].GetByRole(AriaRole.Textbox, new() { NameRegex = TipLabel() }).FillAsync("Bel eerst de ambtenaar.");
        await players[0].GetByRole(AriaRole.Button, new() { Name = "Tip versturen" }).ClickAsync();
        await Assertions.Expect(players[0].Locator(".feedback--done").GetByText("Je tip is bewaard.")).ToBeVisibleAsync();
        await players[0].GetByLabel("Eén woord: hoe voelde deze rol?").FillAsync("machteloos");
        await players[0].GetByRole(AriaRole.Button, new() { Name = "Versturen", Exact = true }).ClickAsync();
        await Assertions.Expect(players[0].Locator(".feedback--done").GetByText("Dank je! Je antwoord is bewaard.")).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(players[0], "player-role-swap");
        await Assertions.Expect(console.GetByText("machteloos")).ToBeVisibleAsync();

        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(players[0].GetByRole(AriaRole.Heading, new() { Name = "Wat kun jij doen" })).ToBeVisibleAsync();
        Assert.NotEqual(firstRole, await RoleNameAsync(players[0]));
        await BrowserFixture.ShotAsync(players[0], "player-round-2");
    }

    [Fact]
    public async Task A_player_who_reloads_mid_round_keeps_the_seat()
    {
        var (console, code) = await browser.CreateWorkshopAsync("reload-create");
        var anna = await browser.JoinAsync(code, "Anna");
        await browser.JoinAsync(code, "Bram");
        await browser.JoinAsync(code, "Cor");
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Name = "Wat kun jij doen" })).ToBeVisibleAsync();
        var role = await RoleNameAsync(anna);

        await anna.ReloadAsync();

        await Assertions.Expect(anna.GetByRole(AriaRole.Heading, new() { Name = "Wat kun jij doen" })).ToBeVisibleAsync();
        Assert.Equal(role, await RoleNameAsync(anna));
        await Assertions.Expect(anna).ToHaveURLAsync(new Regex($"/play/{code}$"));
        await Assertions.Expect(anna.GetByText("verbonden", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(table).Not.ToContainTextAsync("afwezig");

        // In the first phase the actions of later phases say why not, in the page's language.
        var reason = anna.Locator(".action__reason").First;
        await Assertions.Expect(reason).ToContainTextAsync(DutchPhaseReason());
        await anna.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(reason).ToContainTextAsync(EnglishPhaseReason());
        await Assertions.Expect(anna.Locator(".gauge__unit").GetByText("kEUR/yr").First).ToBeVisibleAsync();
        await Assertions.Expect(anna.Locator(".gauge__unit").GetByText("kEUR/jaar")).ToHaveCountAsync(0);
        await BrowserFixture.ShotAsync(anna, "player-round-1-en");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Nederlands", Exact = true }).ClickAsync();
        await Assertions.Expect(reason).ToContainTextAsync(DutchPhaseReason());
        await Assertions.Expect(anna.Locator(".gauge__unit").GetByText("kEUR/jaar").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_projector_shows_the_qr_code_in_the_lobby_and_the_metrics_during_play()
    {
        var (console, code) = await browser.CreateWorkshopAsync("projector-create");
        var projector = await browser.NewPageAsync(1280, 800);
        await projector.GotoAsync($"/projector/{code}");
        var qr = projector.GetByRole(AriaRole.Img, new() { Name = $"QR-code om mee te doen met code {code}" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        await Assertions.Expect(qr).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await qr.EvaluateAsync<bool>("img => img.naturalWidth > 0"), "the QR image did not load");
        await BrowserFixture.ShotAsync(projector, "projector-lobby");

        foreach (var name in new[] { "Anna", "Bram", "Cor" })
        {
            await browser.JoinAsync(code, name);
        }

        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(qr).ToBeHiddenAsync();
        var projected = projector.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await Assertions.Expect(projected).ToContainTextAsync("Ronde 1");
        await BrowserFixture.ShotAsync(projector, "projector-play");
    }

    [Fact]
    public async Task The_pages_speak_dutch_by_default_and_english_on_request()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Meedoen" })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "start-nl");

        await page.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Join" })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(page, "start-en");

        // The choice is remembered.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // A phone page does not scroll sideways at 360 px.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the start page scrolls sideways at 360 px");
    }

    /// <summary>The name on the role card, read as the player sees it.</summary>
    private static async Task<string> RoleNameAsync(IPage page)
    {
        var card = page.Locator(".role-card__name").First;
        await Assertions.Expect(card).ToBeVisibleAsync();
        return (await card.InnerTextAsync()).Trim();
    }

    private static Regex TipLabel() => TipLabelPattern();

    [GeneratedRegex("^Jouw tip voor de volgende ")]
    private static partial Regex TipLabelPattern();

    [GeneratedRegex(@"^Kan nu niet: Dit kan in de fase: (Onderhandelen|Besluiten)\.$")]
    private static partial Regex DutchPhaseReason();

    [GeneratedRegex(@"^Not now: This can be done in: (Negotiate|Decide)\.$")]
    private static partial Regex EnglishPhaseReason();
}
