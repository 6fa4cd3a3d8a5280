using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>The console of a room of eight tables in Debian's Chromium at 1280×800: the overview, one table opened, a message to a phone, a planned dilemma.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsoleTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_facilitator_of_eight_tables_of_five_sees_every_table_in_one_screen_messages_a_phone_and_plans_a_dilemma_that_fires()
    {
        using var http = new HttpClient { BaseAddress = browser.Address };
        using var created = await http.PostAsJsonAsync("/api/workshops", new { scenario = "buurthuis", tables = 8, language = "nl", title = "Werklab Amersfoort" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var workshop = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var code = workshop.GetProperty("joinCode").GetString()!;

        // The first to join sits at table 1 on a phone of their own; 39 more join through the API.
        var phone = await browser.JoinAsync(code, "Eva");
        await Assertions.Expect(phone.GetByText("Je zit aan tafel 1")).ToBeVisibleAsync();
        for (var i = 2; i <= 40; i++)
        {
            using var joined = await http.PostAsJsonAsync($"/api/join/{code}", new { name = $"Speler {i}" });
            Assert.True(joined.IsSuccessStatusCode, await joined.Content.ReadAsStringAsync());
        }

        var console = await browser.NewPageAsync(1280, 800);
        await console.GotoAsync($"/facilitator/{workshop.GetProperty("workshopId").GetString()}");
        await console.GetByLabel("Begeleiderssleutel").FillAsync(workshop.GetProperty("facilitatorKey").GetString()!);
        await console.GetByRole(AriaRole.Button, new() { Name = "Openen" }).ClickAsync();
        var rows = console.Locator(".overview__row");
        await Assertions.Expect(rows).ToHaveCountAsync(8);
        await Assertions.Expect(rows.Nth(7)).ToContainTextAsync("5 van 5");

        var all = console.GetByRole(AriaRole.Region, new() { Name = "Alle tafels tegelijk" });
        await all.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await Assertions.Expect(rows.Nth(7)).ToContainTextAsync("Uitleg");
        await all.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        for (var i = 0; i < 8; i++)
        {
            await Assertions.Expect(rows.Nth(i)).ToContainTextAsync("Ronde 1 van 4 · Verkennen");
        }

        // Every row lies inside the 1280×800 window, without scrolling either way.
        Assert.Equal(0, await console.EvaluateAsync<int>("() => window.scrollY"));
        Assert.True(await console.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 1280"), "the console scrolls sideways at 1280 px");
        for (var i = 0; i < 8; i++)
        {
            var box = await rows.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 800 && box.X >= 0 && box.X + box.Width <= 1280, $"row {i + 1} lies at {box.X},{box.Y} {box.Width}×{box.Height}");
        }

        // Nobody acted yet: the row names who has not, and Eva is among them at table 1.
        await Assertions.Expect(rows.Nth(0).Locator(".overview__waiting")).ToContainTextAsync("Eva");
        await BrowserFixture.ShotAsync(console, "console");
        await console.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Round 1 of 4 · Explore");
        await BrowserFixture.ShotAsync(console, "console-en");
        await console.GetByRole(AriaRole.Button, new() { Name = "Nederlands", Exact = true }).ClickAsync();

        // Opening table 1 from its row: all it holds, the focus on its heading.
        await console.GetByRole(AriaRole.Button, new() { Name = "Tafel 1 openen" }).PressAsync("Enter");
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        await Assertions.Expect(table.GetByRole(AriaRole.Heading, new() { Name = "Tafel 1" })).ToBeFocusedAsync();
        await Assertions.Expect(table).ToContainTextAsync("Eva");
        await Assertions.Expect(table).ToContainTextAsync("Politiek kapitaal");
        await Assertions.Expect(table).ToContainTextAsync("Vrijwilligersuren");
        await Assertions.Expect(table.GetByRole(AriaRole.Table, new() { Name = "Rollenplan" })).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator(".metrics li")).ToHaveCountAsync(await MetricCountAsync(http));

        // A message to Eva alone appears on her phone and is announced there.
        await table.GetByLabel("Bericht", new() { Exact = true }).FillAsync("Eva, kom je even naar de tafel van de begeleider?");
        await table.GetByLabel("Aan").SelectOptionAsync(new SelectOptionValue { Label = "Eva" });
        await table.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Assertions.Expect(table.Locator(".feedback--done")).ToContainTextAsync("Verstuurd");
        var messages = phone.GetByRole(AriaRole.Region, new() { Name = "Berichten van de begeleider" });
        await Assertions.Expect(messages).ToContainTextAsync("Eva, kom je even naar de tafel van de begeleider?");
        await Assertions.Expect(phone.Locator(".messages__live")).ToContainTextAsync("Bericht van de begeleider");
        await BrowserFixture.ShotAsync(phone, "phone-message");
        await BrowserFixture.ShotAsync(console, "console-table");

        // A dilemma planned for table 1's next phase fires by itself when the phase comes.
        await console.GetByText("Draaiboek: geplande dilemma's").ClickAsync();
        var plan = console.Locator(".inject-plan");
        await plan.GetByLabel("Tafel", new() { Exact = true }).SelectOptionAsync("1");
        await plan.GetByLabel("Ronde").SelectOptionAsync("1");
        await plan.GetByLabel("Fase").SelectOptionAsync("negotiate");
        await plan.GetByLabel("Dilemma").SelectOptionAsync("gym_hire");
        await plan.GetByRole(AriaRole.Button, new() { Name = "Plannen" }).ClickAsync();
        var line = plan.Locator(".inject-plan__line");
        await Assertions.Expect(line).ToContainTextAsync("Tafel 1: gepland");
        await table.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
        await Assertions.Expect(line).ToContainTextAsync("Tafel 1: ✓ uitgevoerd");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Een sportschool wil de grote zaal");
        await Assertions.Expect(phone.GetByText("Een sportschool wil de grote zaal").First).ToBeVisibleAsync();
        await BrowserFixture.ShotAsync(console, "console-plan");

        // Paused, a row keeps the time left, and a minute more works while paused.
        await table.GetByRole(AriaRole.Button, new() { Name = "Pauzeren" }).ClickAsync();
        var clock = rows.Nth(0).Locator(".timer--paused .timer__clock");
        await Assertions.Expect(clock).ToHaveTextAsync(new Regex(@"[0-9]+:[0-9]{2}"));
        var shown = await clock.InnerTextAsync();
        var before = Seconds(shown);
        await table.GetByRole(AriaRole.Button, new() { Name = "+1 minuut" }).ClickAsync();
        await Assertions.Expect(clock).Not.ToHaveTextAsync(shown);
        Assert.Equal(before + 60, Seconds(await clock.InnerTextAsync()));

        // Closed again, the overview shows the room as it runs: table 1 paused with its dilemma open.
        await table.GetByRole(AriaRole.Button, new() { Name = "Sluiten" }).ClickAsync();
        await Assertions.Expect(table).ToHaveCountAsync(0);
        await console.GetByText("Draaiboek: geplande dilemma's").ClickAsync();
        await console.EvaluateAsync("() => window.scrollTo(0, 0)");
        await BrowserFixture.ShotAsync(console, "console-running");
    }

    [Fact]
    public async Task The_facilitator_pins_a_note_in_the_opened_table_and_sees_it_among_its_pinned_notes()
    {
        var (console, code) = await browser.CreateWorkshopAsync();
        await browser.JoinAsync(code, "Anna");
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        var notes = table.GetByRole(AriaRole.Region, new() { Name = "Vastgezette notities" });
        await Assertions.Expect(notes).ToContainTextAsync("Nog geen notities bij deze tafel.");
        var pin = notes.GetByRole(AriaRole.Button, new() { Name = "Notitie vastzetten" });
        await Assertions.Expect(pin).ToBeDisabledAsync();

        await notes.GetByLabel("Notitie bij het huidige moment van tafel 1").FillAsync("Anna wacht op de anderen");
        await pin.ClickAsync();
        await Assertions.Expect(notes.Locator(".feedback--done")).ToContainTextAsync("Notitie vastgezet.");
        await Assertions.Expect(notes.Locator(".pinned-note")).ToHaveCountAsync(1);
        await Assertions.Expect(notes.Locator(".pinned-note")).ToContainTextAsync("Anna wacht op de anderen");
        await Assertions.Expect(notes.Locator(".pinned-note")).ToContainTextAsync("(begeleider)");
        await Assertions.Expect(notes.GetByLabel("Notitie bij het huidige moment van tafel 1")).ToHaveValueAsync("");
        await BrowserFixture.ShotAsync(console, "console-pinned-note");
    }

    private static int Seconds(string clock)
    {
        var match = ClockPattern().Match(clock);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 60 + int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> MetricCountAsync(HttpClient http)
    {
        var yaml = await http.GetStringAsync("/api/scenarios/buurthuis/1.yaml");
        var metrics = yaml[yaml.IndexOf("\nmetrics:", StringComparison.Ordinal)..yaml.IndexOf("\nroles:", StringComparison.Ordinal)];
        return MetricPattern().Count(metrics);
    }

    [GeneratedRegex(@"([0-9]+):([0-9]{2})")]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"^\s+- \{? ?id:", RegexOptions.Multiline)]
    private static partial Regex MetricPattern();
}
