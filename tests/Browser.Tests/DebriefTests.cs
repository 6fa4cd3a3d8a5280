using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>The facilitator's debrief in Debian's Chromium: a short game played through the console, then scrubbed back, and printed.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DebriefTests(BrowserFixture browser)
{
    /// <summary>What a strict policy (no inline scripts or styles) allows; the debrief must work under it.</summary>
    private const string StrictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

    [Fact]
    public async Task The_facilitator_scrubs_back_to_round_1_sees_its_story_and_every_roles_view_and_prints_the_report()
    {
        var (console, code, players, table, stage) = await ExploringAsync();

        // In the first phase one player acts, so round 1 has a story beyond its phases.
        await Assertions.Expect(players[0].GetByRole(AriaRole.Heading, new() { Name = "Wat kun jij doen" })).ToBeVisibleAsync();
        var acted = false;
        foreach (var player in players)
        {
            await BrowserFixture.OpenActionsAsync(player);
            var doIt = player.Locator(".action button.button--primary:enabled", new() { HasTextString = "Doen" });
            if (await doIt.CountAsync() > 0)
            {
                await doIt.First.ClickAsync();
                await Assertions.Expect(console.Locator(".story")).ToContainTextAsync("deed:");
                acted = true;
                break;
            }
        }

        Assert.True(acted, "no player had an action to take in the first phase of round 1");

        // The facilitator moves the game on without anyone else acting: through round 1 to the role swap, a reflection, then into round 2.
        for (var i = 0; i < 6 && !(await stage.InnerTextAsync()).StartsWith("Rolwissel", StringComparison.Ordinal); i++)
        {
            await BrowserFixture.AdvanceAsync(table);
        }

        await Assertions.Expect(stage).ToContainTextAsync("Rolwissel");
        await Assertions.Expect(players[0].GetByLabel("Eén woord: hoe voelde deze rol?")).ToBeVisibleAsync();
        await players[0].GetByLabel("Eén woord: hoe voelde deze rol?").FillAsync("machteloos");
        await players[0].GetByRole(AriaRole.Button, new() { Name = "Versturen", Exact = true }).ClickAsync();
        await Assertions.Expect(console.GetByText("machteloos")).ToBeVisibleAsync();
        await BrowserFixture.AdvanceAsync(table);
        await Assertions.Expect(stage).ToContainTextAsync("Ronde 2");

        // The console links to the debrief; it opens with the key the console keeps, under a strict CSP.
        var violations = new List<string>();
        console.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        await console.RouteAsync("**/debrief/**", AddStrictPolicyAsync);
        await console.GetByRole(AriaRole.Link, new() { Name = "Nabespreking" }).ClickAsync();
        await Assertions.Expect(console).ToHaveURLAsync(new Regex("/debrief/[^/]+$"));
        await console.ReloadAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Tijdlijn · Tafel 1" })).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Wat elke rol zag" })).ToBeVisibleAsync();
        await Assertions.Expect(console).ToHaveTitleAsync("Nabespreking · Het buurthuis in eigen hand · RegioLab.Sim");

        // A long page: its parts are a link away, and land in sight below the top bar.
        var parts = console.GetByRole(AriaRole.Navigation, new() { Name = "Op deze pagina" });
        await parts.GetByRole(AriaRole.Link, new() { Name = "Besluiten" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Besluiten", Exact = true })).ToBeInViewportAsync();
        await parts.GetByRole(AriaRole.Link, new() { Name = "Tijdlijn" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Tijdlijn · Tafel 1" })).ToBeInViewportAsync();

        // Scrub to round 1: its story and every seat's phone at that moment.
        await console.GetByRole(AriaRole.Button, new() { Name = "Begin ronde 1" }).ClickAsync();
        var scrubber = console.GetByRole(AriaRole.Slider, new() { Name = "Moment in het spel" });
        await Assertions.Expect(console.Locator(".scrubber__where")).ToContainTextAsync(RoundOneExplore());
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Ronde 1 tot dit moment" })).ToBeVisibleAsync();
        var start = await scrubber.InputValueAsync();

        // Step event by event with the keys, to the action.
        await scrubber.FocusAsync();
        await console.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(scrubber).Not.ToHaveValueAsync(start);
        for (var i = 0; i < 5 && !await console.Locator(".story").GetByText("deed:").IsVisibleAsync(); i++)
        {
            await console.GetByRole(AriaRole.Button, new() { Name = "Volgende gebeurtenis" }).ClickAsync();
            await console.WaitForTimeoutAsync(400);
        }

        await Assertions.Expect(console.Locator(".story").GetByText("deed:")).ToBeVisibleAsync();
        var seats = console.Locator(".seat-view");
        await Assertions.Expect(seats).ToHaveCountAsync(3);
        foreach (var name in new[] { "Anna", "Bram", "Cor" })
        {
            var seat = seats.Filter(new() { HasTextString = $"{name} zag:" });
            await Assertions.Expect(seat.Locator(".role-card__name")).ToBeVisibleAsync();
            await Assertions.Expect(seat.GetByText("Jouw geheime opdracht (alleen voor jou)")).ToBeVisibleAsync();
            await seat.Locator(".seat-view__actions > summary").ClickAsync();
            await Assertions.Expect(seat.Locator(".action").First).ToBeVisibleAsync();
        }

        // Three different roles were held in round 1, one per phone.
        var roles = await seats.Locator(".role-card__name").AllInnerTextsAsync();
        Assert.Equal(3, roles.Distinct().Count());

        // The curves are drawn, the decisions table has the action, the word wall the reflection.
        await Assertions.Expect(console.Locator(".curve canvas").First).ToBeVisibleAsync();
        await Assertions.Expect(console.Locator(".decisions tbody tr")).Not.ToHaveCountAsync(0);
        await console.GetByLabel("Soort").SelectOptionAsync(new SelectOptionValue { Label = "Dilemma" });
        await Assertions.Expect(console.GetByText(ShownPattern())).ToBeVisibleAsync();
        await console.GetByLabel("Soort").SelectOptionAsync(new SelectOptionValue { Label = "Actie" });
        await Assertions.Expect(console.Locator(".decisions tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(console.Locator(".word-wall")).ToContainTextAsync("machteloos");
        await console.GetByRole(AriaRole.Button, new() { Name = "Volgende vraag" }).ClickAsync();
        await Assertions.Expect(console.Locator(".prompt .eyebrow")).ToContainTextAsync("Vraag 2 van");

        await console.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ShotAsync(console, "debrief-1280");
        await console.SetViewportSizeAsync(1920, 1080);
        await BrowserFixture.ShotAsync(console, "debrief-1920");

        // English on request.
        await console.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "What each role saw" })).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByText("Round 1 up to this moment")).ToBeVisibleAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Nederlands", Exact = true }).ClickAsync();

        // What the facilitator takes home, fetched with the key and saved under the server's names (under the strict CSP too).
        var workshopCode = code.ToLowerInvariant();
        var zipped = await console.RunAndWaitForDownloadAsync(() => console.GetByRole(AriaRole.Button, new() { Name = "Tabellen (CSV, zip)" }).ClickAsync());
        Assert.Matches($"^regiolab-{workshopCode}-\\d{{4}}-\\d{{2}}-\\d{{2}}\\.zip$", zipped.SuggestedFilename);
        using (var zip = new System.IO.Compression.ZipArchive(File.OpenRead(await zipped.PathAsync()), System.IO.Compression.ZipArchiveMode.Read))
        {
            Assert.Contains("decisions.csv", zip.Entries.Select(e => e.FullName));
            Assert.Equal(8, zip.Entries.Count);
        }

        await Assertions.Expect(console.Locator(".downloads [role=status]")).ToHaveTextAsync($"Gedownload: {zipped.SuggestedFilename}");
        var log = await console.RunAndWaitForDownloadAsync(() => console.GetByRole(AriaRole.Button, new() { Name = "Logboek (JSON)" }).ClickAsync());
        Assert.EndsWith(".json", log.SuggestedFilename, StringComparison.Ordinal);
        using (var export = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(await log.PathAsync())))
        {
            Assert.Equal(1, export.RootElement.GetProperty("schemaVersion").GetInt32());
            Assert.NotEqual(0, export.RootElement.GetProperty("tables")[0].GetProperty("events").GetArrayLength());
        }

        var saved = await console.RunAndWaitForDownloadAsync(() => console.GetByRole(AriaRole.Button, new() { Name = "Rapport (HTML)" }).ClickAsync());
        Assert.EndsWith(".html", saved.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("Vragen voor de nabespreking", await File.ReadAllTextAsync(await saved.PathAsync()), StringComparison.Ordinal);

        // The report: one section per table, the prompts, a print button; and a PDF of it.
        await console.GetByRole(AriaRole.Link, new() { Name = "Rapport om af te drukken" }).ClickAsync();
        await Assertions.Expect(console).ToHaveURLAsync(new Regex("/debrief/[^/]+/report$"));
        await Assertions.Expect(console).ToHaveTitleAsync("Rapport · Het buurthuis in eigen hand · RegioLab.Sim");
        var section = console.GetByRole(AriaRole.Region, new() { Name = "Tafel 1" }).First;
        foreach (var heading in new[] { "Indicatoren per ronde", "Wie speelde welke rol", "Besluiten", "Reflecties", "Overdrachtstips" })
        {
            await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        }

        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Vragen voor het gesprek" })).ToBeVisibleAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Afdrukken / PDF" })).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator(".curve canvas").First).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator(".word-wall")).ToContainTextAsync("machteloos");
        await Assertions.Expect(section.Locator(".decisions tbody")).ToContainTextAsync("Actie");
        await BrowserFixture.ShotAsync(console, "debrief-report-1920");

        await console.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(console.GetByRole(AriaRole.Button, new() { Name = "Afdrukken / PDF" })).ToBeHiddenAsync();
        // About an A4 page's width, to see the print layout as the PDF has it.
        await console.SetViewportSizeAsync(794, 1123);
        await BrowserFixture.ShotAsync(console, "debrief-report-print");
        var pdf = await console.PdfAsync(new() { Format = "A4", PrintBackground = true, Path = Path.Combine(BrowserFixture.Screenshots, "debrief-report.pdf") });
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        Assert.True(pdf.Length > 20_000, $"the report's PDF is only {pdf.Length} bytes");

        Assert.True(violations.Count == 0, $"the debrief broke the strict policy: {string.Join(" | ", violations)}");
    }

    [Fact]
    public async Task The_room_sees_the_chosen_prompt_large_on_the_projector_and_an_observer_pins_a_note_on_the_timeline()
    {
        var (console, code, players, table, stage) = await ExploringAsync();

        // The projector, on a 1920×1080 screen of its own, shows the live tables until the facilitator chooses.
        var projector = await browser.NewPageAsync(1920, 1080);
        await projector.GotoAsync($"/projector/{code}");
        await Assertions.Expect(projector.Locator(".projected")).ToHaveCountAsync(1);
        await Assertions.Expect(projector.Locator(".debrief-screen")).ToHaveCountAsync(0);

        await console.GetByRole(AriaRole.Link, new() { Name = "Nabespreking" }).ClickAsync();
        await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = "Op het projectorscherm" })).ToBeVisibleAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "De huidige vraag" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Volgende vraag" }).ClickAsync();
        await Assertions.Expect(console.Locator(".projector-controls [role=status]")).ToContainTextAsync("Nu op het scherm: De huidige vraag");

        // The second prompt reaches the projector, large: every text on the screen at least 28 px, nothing off the screen.
        var question = projector.Locator(".debrief-screen__question");
        await Assertions.Expect(question).ToHaveTextAsync("Welk voorstel werd afgewezen of tegengesproken, en wat gebeurde daarna?");
        await Assertions.Expect(projector.Locator(".debrief-screen__eyebrow")).ToContainTextAsync("Vraag 2 van");
        await AssertLargeAndOnScreenAsync(projector);
        await BrowserFixture.ShotAsync(projector, "debrief-projector-prompt-1920");

        // The tables compared, then the timeline following the scrubber.
        await console.GetByRole(AriaRole.Button, new() { Name = "De tafels vergeleken" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".debrief-screen canvas")).ToBeVisibleAsync();
        await Assertions.Expect(projector.Locator(".debrief-screen__scores")).ToContainTextAsync("Tafel 1");
        await AssertLargeAndOnScreenAsync(projector);
        await BrowserFixture.ShotAsync(projector, "debrief-projector-tables-1920");

        // The debrief page opened again (a reload, another laptop) starts from what the room sees, and changes nothing by opening.
        await console.ReloadAsync();
        var compared = console.GetByRole(AriaRole.Button, new() { Name = "De tafels vergeleken" });
        await Assertions.Expect(compared).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(console.Locator(".projector-controls [role=status]")).ToContainTextAsync("Nu op het scherm: De tafels vergeleken");
        await Assertions.Expect(projector.Locator(".debrief-screen__scores")).ToContainTextAsync("Tafel 1");
        await console.GetByRole(AriaRole.Button, new() { Name = "De tijdlijn (volgt de schuif)" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".debrief-screen__timeline")).ToContainTextAsync("Tafel 1");
        await AssertLargeAndOnScreenAsync(projector);
        await projector.SetViewportSizeAsync(1280, 720);
        await BrowserFixture.ShotAsync(projector, "debrief-projector-timeline-1280");
        // What each role saw stays off the screen while the table still plays: the page says why, the room keeps the timeline.
        await console.GetByRole(AriaRole.Button, new() { Name = "Wat elke rol zag (volgt de schuif)" }).ClickAsync();
        await Assertions.Expect(console.Locator(".projector-controls [role=status]"))
            .ToContainTextAsync("pas op het scherm als elke tafel klaar is met spelen (tafel 1 nog niet)");
        await Assertions.Expect(console.Locator(".projector-controls [role=status]")).ToContainTextAsync("Nu op het scherm: De tijdlijn");
        await Assertions.Expect(projector.Locator(".debrief-screen__timeline")).ToBeVisibleAsync();
        await Assertions.Expect(projector.Locator(".debrief-screen__roles")).ToHaveCountAsync(0);
        await console.GetByRole(AriaRole.Button, new() { Name = "De tafels live" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".debrief-screen")).ToHaveCountAsync(0);

        // The facilitator makes an observer link; the observer opens it on a laptop of their own and pins a note.
        await console.GetByRole(AriaRole.Button, new() { Name = "Maak een waarnemerslink" }).ClickAsync();
        var link = await console.GetByLabel("Geef deze link aan de waarnemer").InputValueAsync();
        Assert.Contains("#observer=", link, StringComparison.Ordinal);
        await console.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ShotAsync(console, "debrief-controls-1280");

        var observer = await browser.NewPageAsync(1280, 800);
        await observer.GotoAsync(link);
        await Assertions.Expect(observer.GetByText("Je kijkt mee als waarnemer")).ToBeVisibleAsync();
        Assert.DoesNotContain("observer=", observer.Url, StringComparison.Ordinal);
        await Assertions.Expect(observer.GetByRole(AriaRole.Heading, new() { Name = "Op het projectorscherm" })).ToHaveCountAsync(0);
        await Assertions.Expect(observer.GetByRole(AriaRole.Link, new() { Name = "Naar de console" })).ToHaveCountAsync(0);
        await Assertions.Expect(observer.GetByRole(AriaRole.Heading, new() { Name = "Meenemen" })).ToHaveCountAsync(0);
        const string note = "Bram neemt het voortouw, Anna wacht af";
        await observer.GetByLabel("Notitie bij het huidige moment van tafel 1").FillAsync(note);
        await observer.GetByRole(AriaRole.Button, new() { Name = "Notitie vastzetten" }).ClickAsync();
        await Assertions.Expect(observer.Locator(".pinned-notes__list")).ToContainTextAsync(note);
        await Assertions.Expect(observer.Locator(".pinned-notes__list")).ToContainTextAsync("waarnemer");
        await Assertions.Expect(observer.Locator(".scrubber__note")).ToHaveCountAsync(1);
        await BrowserFixture.ShotAsync(observer, "debrief-observer-1280");

        // The note reaches the facilitator's timeline too without a click (the debrief follows a table that plays),
        // and the scrubber, left at the newest moment, moves on to it; it is on no player's phone.
        await Assertions.Expect(console.Locator(".pinned-notes__list")).ToContainTextAsync(note, new() { Timeout = 25_000 });
        await Assertions.Expect(console.Locator(".scrubber__where")).ToContainTextAsync("Notitie vastgezet");
        await console.Locator(".pinned-notes__list").GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(console.Locator(".scrubber__where")).ToContainTextAsync("Notitie vastgezet");
        foreach (var player in players)
        {
            await Assertions.Expect(player.Locator("body")).Not.ToContainTextAsync("voortouw");
        }

        // The report as a file: the endpoint's page with the key, printed to PDF with every section.
        var workshopId = new Uri(console.Url).AbsolutePath.Split('/')[2];
        var key = await console.EvaluateAsync<string>($"() => localStorage.getItem('regiolab.facilitator.{workshopId}')");
        var report = await browser.NewPageAsync(1280, 800);
        await report.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" });
        await report.GotoAsync($"/api/workshops/{workshopId}/report.html");
        foreach (var heading in new[] { "Tafel 1", "Indicatoren per ronde", "Wie had welke rol", "Besluiten", "Reflecties", "Vastgezette notities (begeleider en waarnemers)", "Vragen voor de nabespreking" })
        {
            await Assertions.Expect(report.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(report.Locator("body")).ToContainTextAsync(note);
        await BrowserFixture.ShotAsync(report, "debrief-report-html-1280");
        var pdf = await report.PdfAsync(new() { Format = "A4", Path = Path.Combine(BrowserFixture.Screenshots, "debrief-report-html.pdf") });
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_game_the_room_sees_what_each_of_eight_roles_saw_in_round_1_large_on_the_projector()
    {
        // A full table: Anna and seven bots, played to the end by the console.
        var (console, code) = await browser.CreateWorkshopAsync();
        var anna = await browser.JoinAsync(code, "Anna");
        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        var stage = table.Locator(".table-card__stage");
        var seats = table.Locator(".console-seat__who");
        // Filling gives the table four seats (as SeatingTests finds); then one bot at a time up to buurthuis' eight.
        await table.GetByRole(AriaRole.Button, new() { Name = "Lege plekken vullen met bots" }).ClickAsync();
        await Assertions.Expect(seats).ToHaveCountAsync(4);
        var addBot = table.GetByRole(AriaRole.Button, new() { Name = "Bot aan tafel zetten" });
        for (var n = 5; n <= 8; n++)
        {
            await addBot.ClickAsync();
            await Assertions.Expect(seats).ToHaveCountAsync(n);
        }
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await Assertions.Expect(stage).ToHaveTextAsync("Uitleg");
        for (var i = 0; i < 40 && await stage.TextContentAsync() != "Afgelopen"; i++)
        {
            await BrowserFixture.AdvanceAsync(table);
        }

        await Assertions.Expect(stage).ToHaveTextAsync("Afgelopen");

        // The debrief scrubbed back to round 1; the room's screen shows every role of that moment.
        var projector = await browser.NewPageAsync(1920, 1080);
        await projector.GotoAsync($"/projector/{code}");
        await console.GetByRole(AriaRole.Link, new() { Name = "Nabespreking" }).ClickAsync();
        await console.GetByRole(AriaRole.Button, new() { Name = "Begin ronde 1" }).ClickAsync();
        await Assertions.Expect(console.Locator(".scrubber__where")).ToContainTextAsync(RoundOneExplore());
        await Assertions.Expect(console.Locator(".seat-view")).ToHaveCountAsync(8);
        await console.GetByRole(AriaRole.Button, new() { Name = "Wat elke rol zag (volgt de schuif)" }).ClickAsync();
        await Assertions.Expect(console.Locator(".projector-controls [role=status]")).ToHaveTextAsync("Nu op het scherm: Wat elke rol zag (volgt de schuif)");

        var cards = projector.Locator(".debrief-screen__seat");
        await Assertions.Expect(cards).ToHaveCountAsync(8);
        await Assertions.Expect(projector.Locator(".debrief-screen__eyebrow")).ToContainTextAsync(RoundOneExplore());
        // The same roles, seat by seat, as the phones showed them on the debrief page.
        var onPhones = await console.Locator(".seat-view .role-card__name").AllTextContentsAsync();
        var onScreen = await projector.Locator(".debrief-screen__role").AllTextContentsAsync();
        Assert.Equal(onPhones.Select(r => r.Trim()), onScreen.Select(r => r.Trim()));
        // Buurthuis has four roles: at eight seats each is held by two.
        Assert.Equal(4, onScreen.Distinct().Count());
        await Assertions.Expect(cards.First).ToContainTextAsync("Anna");
        await AssertLargeAndOnScreenAsync(projector);
        await BrowserFixture.ShotAsync(projector, "debrief-projector-roles-1920");

        // On a smaller projector it still fits, by showing less (never smaller text).
        await projector.SetViewportSizeAsync(1280, 720);
        await Assertions.Expect(projector.Locator(".debrief-screen__roles")).Not.ToHaveAttributeAsync("data-fit", "0");
        await AssertLargeAndOnScreenAsync(projector);
        await BrowserFixture.ShotAsync(projector, "debrief-projector-roles-1280");

        // Anna's phone never shows it: the projector screen is the room's, the phone stays hers.
        await Assertions.Expect(anna.Locator(".debrief-screen")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Without_the_key_the_debrief_asks_for_it_and_says_why_a_wrong_one_does_not_open_it()
    {
        var (console, _) = await browser.CreateWorkshopAsync();
        var workshop = new Uri(console.Url).AbsolutePath.Replace("/facilitator/", "/debrief/", StringComparison.Ordinal);
        var other = await browser.NewPageAsync(1280, 800);
        await other.GotoAsync(workshop);
        await other.GetByLabel("Begeleiderssleutel").FillAsync("niet-de-sleutel");
        await other.GetByRole(AriaRole.Button, new() { Name = "Openen" }).ClickAsync();
        await Assertions.Expect(other.GetByText("De werksessie of de sleutel van de begeleider klopt niet.")).ToBeVisibleAsync();
    }

    /// <summary>Every text on the projector's debrief screen is at least 28 px (measured, at 1920×1080), and nothing runs off the screen.</summary>
    private static async Task AssertLargeAndOnScreenAsync(IPage projector)
    {
        // A screen that shows less to fit takes a few renders to settle: wait for it (a while), then judge.
        const string onScreen = """
            () => [...document.querySelectorAll('.debrief-screen *')].every(e => {
              const r = e.getBoundingClientRect();
              return r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1 && r.left >= -1 && r.top >= -1;
            })
            """;
        try
        {
            await projector.WaitForFunctionAsync(onScreen, null, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail("something on the projector runs off the screen");
        }

        var smallest = await projector.EvaluateAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('.debrief-screen *')]
              .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
              .map(e => parseFloat(getComputedStyle(e).fontSize)))
            """);
        Assert.True(smallest >= 28, $"the projector's smallest text is {smallest} px");
    }

    private static async Task AddStrictPolicyAsync(IRoute route)
    {
        if (route.Request.ResourceType != "document")
        {
            await route.ContinueAsync();
            return;
        }

        var response = await route.FetchAsync();
        var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = StrictPolicy };
        await route.FulfillAsync(new() { Response = response, Headers = headers });
    }

    /// <summary>A workshop of one table with Anna, Bram and Cor, started and moved on to its first phase of play ("Verkennen").</summary>
    private async Task<(IPage Console, string Code, List<IPage> Players, ILocator Table, ILocator Stage)> ExploringAsync()
    {
        var (console, code) = await browser.CreateWorkshopAsync();
        var players = new List<IPage>();
        foreach (var name in new[] { "Anna", "Bram", "Cor" })
        {
            players.Add(await browser.JoinAsync(code, name));
        }

        var table = console.GetByRole(AriaRole.Article, new() { Name = "Tafel 1" });
        var stage = table.Locator(".table-card__stage");
        await table.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
        await Assertions.Expect(stage).ToHaveTextAsync("Uitleg");
        await BrowserFixture.AdvanceAsync(table);
        await Assertions.Expect(stage).ToContainTextAsync("Verkennen");
        return (console, code, players, table, stage);
    }

    [GeneratedRegex(@"Ronde 1 van \d+ · Verkennen")]
    private static partial Regex RoundOneExplore();

    [GeneratedRegex(@"^\d+ van \d+ besluiten$")]
    private static partial Regex ShownPattern();
}
