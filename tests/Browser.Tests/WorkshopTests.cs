using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace RegioLab.Sim.Browser.Tests;

/// <summary>
/// A whole workshop in Debian's Chromium, as a facilitator runs it: two tables of one person and bots each,
/// played through every phase, role swap and round to the end, then debriefed, projected and printed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WorkshopTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>buurthuis' rounds.</summary>
    private const int Rounds = 4;

    /// <summary>The tip a person leaves at the first role swap for the next holder of their role.</summary>
    private const string Tip = "Begin bij de vrijwilligers, niet bij het geld";

    [Fact]
    public async Task A_two_table_workshop_is_played_to_the_end_and_debriefed_from_round_1_on_the_projector_and_on_paper()
    {
        var clock = Stopwatch.StartNew();

        // Two tables; Anna and Bram join on their phones and are spread over them.
        var (console, code) = await browser.CreateWorkshopAsync(tables: 2);
        var anna = await SitDownAsync(code, "Anna", ["machteloos", "gehoord", "machteloos", "machteloos"]);
        var bram = await SitDownAsync(code, "Bram", ["zoekend", "verrast", "zoekend", "zoekend"]);
        Assert.NotEqual(anna.Table, bram.Table);
        var people = new[] { anna, bram }.OrderBy(p => p.Table).ToArray();
        Assert.Equal([1, 2], people.Select(p => p.Table));

        // Every table's empty seats get bots; each table is started.
        var seats = new Dictionary<int, int>();
        foreach (var person in people)
        {
            var card = await OpenTableAsync(console, person.Table);
            await card.GetByRole(AriaRole.Button, new() { Name = "Lege plekken vullen met bots" }).ClickAsync();
            var who = card.Locator(".console-seat__who");
            await Assertions.Expect(who.Filter(new() { HasText = "Bot 1" })).ToHaveCountAsync(1);
            seats[person.Table] = await who.CountAsync();
            Assert.True(seats[person.Table] >= 3, $"table {person.Table} has {seats[person.Table]} seats after the bots filled it");
            await Assertions.Expect(who.Filter(new() { HasText = person.Name })).ToHaveCountAsync(1);
            await card.GetByRole(AriaRole.Button, new() { Name = "Starten", Exact = true }).ClickAsync();
            await Assertions.Expect(card.Locator(".table-card__stage")).ToHaveTextAsync("Uitleg");
        }

        await PlayToTheEndAsync(console, people);

        output.WriteLine($"both tables played to the end after {clock.Elapsed.TotalSeconds:F1} s");

        // The projector is on in the room before the debrief starts.
        var projector = await browser.NewPageAsync(1920, 1080);
        await projector.GotoAsync($"/projector/{code}");

        // The debrief: both tables there, each with its whole game.
        await console.GetByRole(AriaRole.Link, new() { Name = "Nabespreking" }).ClickAsync();
        await Assertions.Expect(console).ToHaveURLAsync(new Regex("/debrief/[^/]+$"));
        // (Table 1 last: the facilitator stays there, at round 1, its decisions filtered to round 1.)
        foreach (var person in people.OrderByDescending(p => p.Table))
        {
            await console.Locator(".table-tabs").GetByRole(AriaRole.Button, new() { Name = $"Tafel {person.Table}", Exact = true }).ClickAsync();
            await Assertions.Expect(console.GetByRole(AriaRole.Heading, new() { Name = $"Tijdlijn · Tafel {person.Table}" })).ToBeVisibleAsync();
            await CheckTableDebriefAsync(console, person, seats[person.Table]);
        }

        // Curves: each table's line has the start and a point at the end of every round.
        var compare = console.GetByRole(AriaRole.Region, new() { Name = "Tafels naast elkaar" });
        var overlay = compare.Locator(".overlay [role=img]").First;
        await Assertions.Expect(overlay).ToHaveAttributeAsync("aria-label", new Regex("Tafel 1: .*; Tafel 2: "));
        foreach (var line in (await overlay.GetAttributeAsync("aria-label"))!.Split(": ", 2)[1].Split("; "))
        {
            Assert.True(line.Split(" → ").Length == Rounds + 1, $"a compared curve has not a point per round: {line}");
        }

        // Table 1 scrubbed back to round 1: the whole page, and at 1920 px down to the role grid and the prompts.
        await console.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ShotAsync(console, "workshop-debrief-round1-1280");
        await console.SetViewportSizeAsync(1920, 1080);
        await BrowserFixture.ShotAsync(console, "workshop-debrief-round1-1920", upTo: console.Locator(".debrief__pair").First);

        // The prompts, walked on the projector one by one.
        var controls = console.Locator(".projector-controls");
        await controls.GetByRole(AriaRole.Button, new() { Name = "De huidige vraag" }).ClickAsync();
        await Assertions.Expect(controls.GetByRole(AriaRole.Status)).ToContainTextAsync("Nu op het scherm: De huidige vraag");
        var question = projector.Locator(".debrief-screen__question");
        for (var i = 1; i <= 3; i++)
        {
            if (i > 1)
            {
                await console.GetByRole(AriaRole.Button, new() { Name = "Volgende vraag" }).ClickAsync();
            }

            await Assertions.Expect(console.Locator(".prompt .eyebrow")).ToContainTextAsync($"Vraag {i} van");
            await Assertions.Expect(question).ToHaveTextAsync(await console.Locator(".prompt__text").InnerTextAsync());
            await Assertions.Expect(projector.Locator(".debrief-screen__eyebrow")).ToContainTextAsync($"Vraag {i} van");
        }

        await BrowserFixture.ShotAsync(projector, "workshop-projector-prompt-1920");
        await projector.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ShotAsync(projector, "workshop-projector-prompt-1280");

        // The tables compared: both scores, a line each.
        await controls.GetByRole(AriaRole.Button, new() { Name = "De tafels vergeleken" }).ClickAsync();
        var scores = projector.Locator(".debrief-screen__scores li");
        await Assertions.Expect(scores).ToHaveCountAsync(2);
        // Each the same number as the debrief page's score card of that table.
        var onPage = await console.Locator(".compare-grid .score-card__total .points__number").AllTextContentsAsync();
        Assert.Equal(2, onPage.Count);
        await Assertions.Expect(scores.Nth(0)).ToContainTextAsync($"Tafel 1 · Tafelscore {onPage[0].Trim()} ");
        await Assertions.Expect(scores.Nth(1)).ToContainTextAsync($"Tafel 2 · Tafelscore {onPage[1].Trim()} ");
        await Assertions.Expect(projector.Locator(".debrief-screen__chart .debrief-screen__eyebrow")).ToHaveTextAsync("De tafels vergeleken");
        await Assertions.Expect(projector.Locator(".debrief-screen canvas")).ToBeVisibleAsync();
        await Assertions.Expect(projector.Locator(".debrief-screen .overlay__legend li")).ToHaveTextAsync(["Tafel 1", "Tafel 2"]);
        await Assertions.Expect(projector.Locator(".debrief-screen .overlay [role=img]")).ToHaveAttributeAsync("aria-label", new Regex("Tafel 1: .*; Tafel 2: "));
        await BrowserFixture.ShotAsync(projector, "workshop-projector-tables-1280");
        await projector.SetViewportSizeAsync(1920, 1080);
        await BrowserFixture.ShotAsync(projector, "workshop-projector-tables-1920");

        // The timeline, at the moment of round 1 the scrubber is at.
        await controls.GetByRole(AriaRole.Button, new() { Name = "De tijdlijn (volgt de schuif)" }).ClickAsync();
        var timeline = projector.Locator(".debrief-screen__timeline");
        await Assertions.Expect(timeline.Locator(".debrief-screen__eyebrow")).ToContainTextAsync(RoundOneExplore());
        await Assertions.Expect(timeline).ToContainTextAsync("deed:");
        await BrowserFixture.ShotAsync(projector, "workshop-projector-timeline-1920");

        // The report: a section per table, each with the whole game; printed to PDF.
        await console.GetByRole(AriaRole.Link, new() { Name = "Rapport om af te drukken" }).ClickAsync();
        await Assertions.Expect(console).ToHaveURLAsync(new Regex("/debrief/[^/]+/report$"));
        await Assertions.Expect(console.Locator(".report__table")).ToHaveCountAsync(2);
        foreach (var person in people)
        {
            var section = console.Locator(".report__table").Filter(new() { Has = console.GetByRole(AriaRole.Heading, new() { Name = $"Tafel {person.Table}", Exact = true, Level = 2 }) });
            await Assertions.Expect(section.Locator(".role-grid tbody tr")).ToHaveCountAsync(seats[person.Table]);
            await Assertions.Expect(section.Locator(".role-grid thead th")).ToHaveCountAsync(Rounds + 2);
            await Assertions.Expect(section.Locator(".curve canvas").First).ToBeVisibleAsync();
            await Assertions.Expect(section.Locator(".decisions tbody tr").First).ToBeVisibleAsync();
            foreach (var word in person.Words.Distinct())
            {
                await Assertions.Expect(section.Locator(".word-wall")).ToContainTextAsync(word);
            }
        }

        await BrowserFixture.ShotAsync(console, "workshop-report-1920");
        await console.SetViewportSizeAsync(1280, 800);
        await BrowserFixture.ShotAsync(console, "workshop-report-1280");
        // Printed from the facilitator's window; and the print layout seen at about an A4 page's width.
        var pdf = await console.PdfAsync(new() { Format = "A4", PrintBackground = true, Path = Path.Combine(BrowserFixture.Screenshots, "workshop-report.pdf") });
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
        var pages = PdfPagePattern().Count(Encoding.Latin1.GetString(pdf));
        Assert.True(pages >= 2, $"the report of two tables printed on {pages} page(s)");
        await console.EmulateMediaAsync(new() { Media = Media.Print });
        await console.SetViewportSizeAsync(794, 1123);
        await BrowserFixture.ShotAsync(console, "workshop-report-print");

        output.WriteLine($"the whole workshop took {clock.Elapsed.TotalSeconds:F1} s; the report printed on {pages} pages ({pdf.Length / 1024} kB)");
    }

    /// <summary>A person at a table: their phone, the words they reflect with at the three role swaps and at the debrief, and how far they got.</summary>
    private sealed record Person(string Name, int Table, IPage Phone, string[] Words)
    {
        public bool Acted { get; set; }

        public int Reflected { get; set; }

        /// <summary>The stage the person last reflected in.</summary>
        public string? ReflectedAt { get; set; }
    }

    /// <summary>Joins on a phone of one's own; the phone says which table the spread seating gave.</summary>
    private async Task<Person> SitDownAsync(string code, string name, string[] words)
    {
        var phone = await browser.JoinAsync(code, name);
        var welcome = await phone.GetByRole(AriaRole.Heading, new() { Name = $"Welkom, {name}!" }).InnerTextAsync();
        var table = TablePattern().Match(welcome);
        Assert.True(table.Success, $"the phone does not say {name}'s table: {welcome}");
        return new Person(name, int.Parse(table.Groups[1].Value, CultureInfo.InvariantCulture), phone, words);
    }

    /// <summary>Opens a table's card on the console (one is open at a time), unless it is open already.</summary>
    private static async Task<ILocator> OpenTableAsync(IPage console, int table)
    {
        var card = console.GetByRole(AriaRole.Article, new() { Name = $"Tafel {table}", Exact = true });
        if (await card.CountAsync() == 0)
        {
            await console.GetByRole(AriaRole.Button, new() { Name = $"Tafel {table} openen" }).ClickAsync();
        }

        await Assertions.Expect(card).ToBeVisibleAsync();
        return card;
    }

    /// <summary>
    /// The facilitator moves both tables on, phase by phase, one after the other, until both games have ended;
    /// each table's turn comes when its bots have had their say. In round 1 the person acts and the bots are
    /// seen acting; at each role swap and at the debrief the person reflects in one word, and at the first swap
    /// leaves a tip for the next holder of their role.
    /// </summary>
    private static async Task PlayToTheEndAsync(IPage console, Person[] people)
    {
        var playing = people.ToList();
        // Per table: briefing, the rounds' phases, the swaps between them, the debrief; more turns would be a flow gone round.
        for (var turn = 0; turn < 30 && playing.Count > 0; turn++)
        {
            foreach (var person in playing.ToList())
            {
                var card = await OpenTableAsync(console, person.Table);
                var stage = card.Locator(".table-card__stage");
                var where = (await stage.TextContentAsync() ?? "").Trim();
                if (where == "Afgelopen")
                {
                    Assert.True(person.Acted, $"{person.Name} found nothing to do in round 1");
                    Assert.Equal(person.Words.Length, person.Reflected);
                    playing.Remove(person);
                    continue;
                }

                if (!await PlayStageAsync(card, where, person))
                {
                    continue;
                }

                await card.GetByRole(AriaRole.Button, new() { Name = "Volgende fase" }).ClickAsync();
                await Assertions.Expect(stage).Not.ToHaveTextAsync(where);
            }
        }

        Assert.True(playing.Count == 0, $"the game did not end at table(s) {string.Join(", ", playing.Select(p => p.Table))}");
    }

    /// <summary>
    /// What happens at a table in a stage before the facilitator moves it on; false when the table needs a
    /// moment (the person's word and tip at a swap reach the console while the facilitator looks at the other table).
    /// </summary>
    private static async Task<bool> PlayStageAsync(ILocator card, string where, Person person)
    {
        var story = card.Locator(".story");
        if (where.StartsWith("Spelen · ", StringComparison.Ordinal))
        {
            if (!person.Acted && where.StartsWith("Spelen · Ronde 1 van", StringComparison.Ordinal))
            {
                // The phone is in this phase too before the person looks at what they can do.
                await Assertions.Expect(person.Phone.Locator(".status-strip__phase")).ToContainTextAsync(where.Split(" · ")[^1]);
                person.Acted = await ActAsync(person.Phone);
                if (person.Acted)
                {
                    await Assertions.Expect(story).ToContainTextAsync(new Regex($"{person.Name} als .+ deed:"));
                }

                // The bots play by themselves, as the story says.
                await Assertions.Expect(story).ToContainTextAsync("(bot) als");
            }

            await QuietAsync(card);
            return true;
        }

        var swap = where.StartsWith("Rolwissel", StringComparison.Ordinal);
        if (!swap && where != "Nabespreking")
        {
            return true;
        }

        var round = swap ? int.Parse(RoundPattern().Match(where).Groups[1].Value, CultureInfo.InvariantCulture) : Rounds;
        var said = card.GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new Regex($", ronde {round} van {Rounds}\\): ") });
        if (person.ReflectedAt != where)
        {
            // The person's word (and after round 1 a tip); bots neither reflect nor leave tips, and the swap does not wait for them.
            var word = person.Words[person.Reflected++];
            person.ReflectedAt = where;
            await person.Phone.GetByLabel("Eén woord: hoe voelde deze rol?").FillAsync(word);
            await person.Phone.GetByRole(AriaRole.Button, new() { Name = "Versturen", Exact = true }).ClickAsync();
            await Assertions.Expect(said.Filter(new() { HasTextRegex = new Regex($"^{person.Name} \\(.+\\): {word}$") })).ToHaveCountAsync(1);
            if (round == 1)
            {
                await person.Phone.GetByRole(AriaRole.Textbox, new() { NameRegex = new Regex("^Jouw tip voor de volgende ") }).FillAsync(Tip);
                await person.Phone.GetByRole(AriaRole.Button, new() { Name = "Tip versturen" }).ClickAsync();
            }

            return false;
        }

        // The person's word, and after round 1 their tip — nothing of the bots: then the table moves on.
        await Assertions.Expect(said).ToHaveCountAsync(1 + (swap && round == 1 ? 1 : 0));
        return true;
    }

    /// <summary>
    /// Waits until the table's story has stood still for a moment: its bots (who think 0.15-0.45 s before each
    /// command here) have had their say in this phase. Nothing tells when a bot is done, as nothing would tell
    /// a facilitator: they look until the table is quiet.
    /// </summary>
    private static async Task QuietAsync(ILocator card)
    {
        var quiet = Stopwatch.StartNew();
        var since = Stopwatch.StartNew();
        var seen = "";
        while (quiet.ElapsedMilliseconds < 600 && since.Elapsed < TimeSpan.FromSeconds(10))
        {
            var now = await card.EvaluateAsync<string>("e => e.querySelector('.story')?.textContent ?? ''");
            if (now != seen)
            {
                seen = now;
                quiet.Restart();
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Takes the first action the phone offers now, if it offers one.</summary>
    private static async Task<bool> ActAsync(IPage phone)
    {
        await BrowserFixture.OpenActionsAsync(phone);
        var doIt = phone.Locator(".action button.button--primary:enabled", new() { HasTextString = "Doen" });
        if (await doIt.CountAsync() == 0)
        {
            return false;
        }

        await doIt.First.ClickAsync();
        return true;
    }

    /// <summary>
    /// One table of the debrief after the game: every seat in every round of the role grid, a new role in round 2;
    /// round 1 scrubbed back to, each seat's phone then with the role the grid gives; round 1's decisions, the
    /// person's and the bots'; the word wall, the repeated word larger.
    /// </summary>
    private static async Task CheckTableDebriefAsync(IPage console, Person person, int seats)
    {
        var grid = console.Locator(".role-grid");
        string[] columns = ["Speler", .. Enumerable.Range(1, Rounds).Select(r => $"Ronde {r}"), "Totaal"];
        await Assertions.Expect(grid.Locator("thead th")).ToHaveTextAsync(columns);
        var rows = grid.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(seats);
        var roundOne = new Dictionary<string, string>();
        for (var i = 0; i < seats; i++)
        {
            var name = (await rows.Nth(i).Locator("th").InnerTextAsync()).Trim();
            var held = (await rows.Nth(i).Locator(".role-grid__role").AllInnerTextsAsync()).Select(r => r.Trim()).ToList();
            Assert.Equal(Rounds, held.Count);
            Assert.DoesNotContain("–", held);
            Assert.True(held[0] != held[1], $"{name} held {held[0]} in round 1 and in round 2");
            roundOne[name] = held[0];
        }

        Assert.Equal(seats, roundOne.Values.Distinct().Count());
        Assert.Contains(person.Name, roundOne.Keys);

        // Round 1, at the person's action: the story, and every seat's phone with the role it held then.
        await ScrubToActionInRoundOneAsync(console, person.Name);
        var views = console.Locator(".seat-view");
        await Assertions.Expect(views).ToHaveCountAsync(seats);
        foreach (var (name, role) in roundOne)
        {
            var view = views.Filter(new() { HasTextString = $"{name} zag:" });
            await Assertions.Expect(view.Locator(".role-card__name")).ToHaveTextAsync(role);
            await Assertions.Expect(view.GetByText("Jouw geheime opdracht (alleen voor jou)")).ToBeVisibleAsync();
        }

        // Round 1's decisions: the person's action and the bots' among them, nothing of another round.
        var decisions = console.Locator(".decisions");
        await decisions.GetByLabel("Ronde", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ronde 1" });
        var shown = decisions.Locator("tbody tr");
        await Assertions.Expect(shown.Filter(new() { HasTextRegex = new Regex($"^1\\s*{person.Name} als ") })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(shown.Filter(new() { HasTextRegex = new Regex("^1\\s*Bot \\d als ") })).Not.ToHaveCountAsync(0);
        Assert.All(await shown.Locator("td:first-child").AllInnerTextsAsync(), round => Assert.Equal("1", round.Trim()));

        // The tip left at the first swap, the only one: bots leave none.
        await Assertions.Expect(console.Locator(".notes-list")).ToContainTextAsync(Tip);
        await Assertions.Expect(console.Locator(".notes-list li")).ToHaveCountAsync(1);

        // The word wall: the person's words, the one said three times larger than the one said once.
        var wall = console.Locator(".word-wall");
        await Assertions.Expect(wall.Locator("li")).ToHaveCountAsync(person.Words.Distinct().Count());
        var repeated = person.Words.GroupBy(w => w).MaxBy(g => g.Count())!.Key;
        var once = person.Words.GroupBy(w => w).MinBy(g => g.Count())!.Key;
        await Assertions.Expect(wall.Locator("li", new() { HasTextString = repeated })).ToContainTextAsync($"{person.Words.Count(w => w == repeated)} keer genoemd");
        var large = await FontSizeAsync(wall.Locator("li", new() { HasTextString = repeated }));
        var small = await FontSizeAsync(wall.Locator("li", new() { HasTextString = once }));
        Assert.True(large > small, $"'{repeated}' ({large} px) is not larger than '{once}' ({small} px) on the word wall");
    }

    /// <summary>The scrubber at the start of round 1, then stepped on, event by event, to the person's action.</summary>
    private static async Task ScrubToActionInRoundOneAsync(IPage console, string name)
    {
        await console.GetByRole(AriaRole.Button, new() { Name = "Begin ronde 1" }).ClickAsync();
        var where = console.Locator(".scrubber__where");
        await Assertions.Expect(where).ToContainTextAsync(RoundOneExplore());
        var moment = console.Locator(".debrief__moment");
        await Assertions.Expect(moment).ToHaveAttributeAsync("aria-busy", "false");
        await Assertions.Expect(moment.GetByRole(AriaRole.Heading, new() { Name = "Ronde 1 tot dit moment" })).ToBeVisibleAsync();
        var acted = moment.Locator(".story > li", new() { HasTextRegex = new Regex($"^{name} als .+ deed:") });
        for (var i = 0; i < 60 && await acted.CountAsync() == 0; i++)
        {
            var was = await where.InnerTextAsync();
            await console.GetByRole(AriaRole.Button, new() { Name = "Volgende gebeurtenis" }).ClickAsync();
            await Assertions.Expect(where).Not.ToHaveTextAsync(was);
            await Assertions.Expect(moment).ToHaveAttributeAsync("aria-busy", "false");
        }

        await Assertions.Expect(acted).ToBeVisibleAsync();
        await Assertions.Expect(moment.GetByRole(AriaRole.Heading, new() { Name = "Ronde 1 tot dit moment" })).ToBeVisibleAsync();
        await Assertions.Expect(where).ToContainTextAsync($"Ronde 1 van {Rounds} · ");
    }

    private static Task<double> FontSizeAsync(ILocator word) => word.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

    [GeneratedRegex(@"Je zit aan tafel (\d+)")]
    private static partial Regex TablePattern();

    [GeneratedRegex(@"Ronde (\d+) van")]
    private static partial Regex RoundPattern();

    [GeneratedRegex(@"Ronde 1 van \d+ · Verkennen")]
    private static partial Regex RoundOneExplore();

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PdfPagePattern();
}
