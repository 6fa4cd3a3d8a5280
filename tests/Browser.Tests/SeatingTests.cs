using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>Players pick their table (links and QR codes per table), and the console fills empty seats with bots.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeatingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Players_pick_their_table_on_the_join_page_and_the_console_fills_empty_seats_with_bots()
    {
        // The facilitator lets players pick their table.
        var console = await browser.NewPageAsync(1280, 800);
        await console.GotoAsync("/");
        await console.GetByLabel("Casus").SelectOptionAsync(new SelectOptionValue { Value = "buurthuis@2" });
        await console.GetByLabel("Aantal tafels").FillAsync("2");
        await console.GetByLabel("Spelers kiezen zelf hun tafel").CheckAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Werksessie maken" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Ik heb hem bewaard, naar de console" }).ClickAsync();
        var poster = console.Locator(".poster__code");
        await Assertions.Expect(poster).ToHaveTextAsync(new Regex("^[A-Z2-9]{6}$"));
        var code = (await poster.InnerTextAsync()).Trim();
        // Beside the workshop's poster, each table's own link and code (an opened table shows its own too).
        var posters = console.Locator(".console__poster");
        await Assertions.Expect(posters.Locator($"a[href$='/join/{code}?table=2']")).ToHaveTextAsync(new Regex($"/join/{code}\\?table=2$"));
        await Assertions.Expect(posters.GetByRole(AriaRole.Img, new() { Name = "QR-code om aan te schuiven aan tafel 2" })).ToBeVisibleAsync();

        // Table 1 fills up meanwhile (eight phones over REST).
        using (var http = new HttpClient { BaseAddress = browser.Address })
        {
            for (var i = 0; i < 8; i++)
            {
                using var joined = await http.PostAsJsonAsync($"/api/join/{code}", new { name = $"Speler {i + 1}", table = 1 });
                joined.EnsureSuccessStatusCode();
            }
        }

        // A phone opens table 2's link: table 2 is chosen, table 1 is full and can not be chosen.
        var phone = await browser.NewPageAsync();
        await phone.GotoAsync($"/join/{code}?table=2");
        var table1 = phone.GetByRole(AriaRole.Radio, new() { Name = "Tafel 1: 8 spelers, vol" });
        var table2 = phone.GetByRole(AriaRole.Radio, new() { Name = "Tafel 2: 0 spelers, 8 plekken vrij" });
        await Assertions.Expect(table2).ToBeCheckedAsync();
        await Assertions.Expect(table1).ToBeDisabledAsync();
        await phone.GetByLabel("Je naam").FillAsync("Anna");
        await BrowserFixture.ShotAsync(phone, "seating-join-pick-nl");

        await phone.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Group, new() { Name = "Choose your table" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Radio, new() { Name = "Table 1: 8 players, full" })).ToBeDisabledAsync();
        await BrowserFixture.ShotAsync(phone, "seating-join-pick-en");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Nederlands", Exact = true }).ClickAsync();

        // By keyboard: the radio group takes the arrow keys; the full table is skipped.
        await table2.FocusAsync();
        await phone.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(table2).ToBeCheckedAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Aanschuiven" }).ClickAsync();
        await Assertions.Expect(phone).ToHaveURLAsync(new Regex($"/play/{code}$"));
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Welkom, Anna!" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByText("Tafel 2").First).ToBeVisibleAsync();

        // The projector shows a code per table while the tables wait.
        var projector = await browser.NewPageAsync(1920, 1080);
        await projector.GotoAsync($"/projector/{code}");
        await Assertions.Expect(projector.GetByRole(AriaRole.Heading, new() { Name = "Kies je tafel: scan de code van jouw tafel" })).ToBeVisibleAsync();
        await Assertions.Expect(projector.GetByRole(AriaRole.Img, new() { Name = "QR-code om aan te schuiven aan tafel 2" })).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(projector, "seating-projector-table-codes");

        // The console fills table 2's empty seats with bots, and lets a bot play Anna's seat and hands it back.
        await console.GetByRole(AriaRole.Button, new() { Name = "Tafel 2 openen" }).ClickAsync();
        var card = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 2" });
        await Assertions.Expect(card).ToContainTextAsync("Anna");
        await card.GetByRole(AriaRole.Button, new() { Name = "Lege plekken vullen met bots" }).ClickAsync();
        // (The seat's name and state, not its controls, whose options name every bot too.)
        var seats = card.Locator(".console-seat__who");
        await Assertions.Expect(seats).ToHaveCountAsync(4);
        await Assertions.Expect(seats.Filter(new() { HasText = "Bot 3" })).ToHaveTextAsync(new Regex("Bot 3 · Bot: samenwerkend"));
        var who = card.GetByLabel("Wie speelt de plek van Anna");
        await who.SelectOptionAsync(new SelectOptionValue { Value = "greedy" });
        var anna = seats.Filter(new() { HasText = "Anna" });
        await Assertions.Expect(anna).ToHaveTextAsync(new Regex("Anna · Bot: eigenbelang"));
        await who.SelectOptionAsync(new SelectOptionValue { Value = "" });
        await Assertions.Expect(anna).ToHaveTextAsync(new Regex("Anna · (aanwezig|afwezig)"));
        await BrowserFixture.ShotAsync(console, "seating-console-bots");

        // Up to the scenario's most players (8 in buurthuis); then the bot buttons say the table is full instead of being refused.
        var addBot = card.GetByRole(AriaRole.Button, new() { Name = "Bot aan tafel zetten" });
        for (var n = 5; n <= 8; n++)
        {
            await addBot.ClickAsync();
            await Assertions.Expect(seats).ToHaveCountAsync(n);
        }

        await Assertions.Expect(addBot).ToBeDisabledAsync();
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Lege plekken vullen met bots" })).ToBeDisabledAsync();
        await Assertions.Expect(addBot).ToHaveAccessibleDescriptionAsync("De tafel is vol (8 spelers): geen bot erbij.");
        await Assertions.Expect(card.Locator(".feedback--refused")).ToHaveCountAsync(0);
    }
}
